// The README's events table, written from the shared catalog by `npm run generate` (generated.ts).
import type { RuntimeEvent } from '@distribu/shared/runtime';
import { withSection } from './readme-sections';

const START = '<!-- events:start (generated from the shared catalog by `npm run generate`) -->';
const END = '<!-- events:end -->';

export function eventsTable(events: readonly RuntimeEvent[]): string {
	const rows = events.map((e) => {
		const when = e.description.replace(/^Triggers when /, '').replace(/\.$/, '');
		const record = e.recordPath && e.recordScope ? `\`GET /api/v1${e.recordPath}/:id\` (${e.recordScope})` : '—';
		const id = e.idKey ? `\`${e.idKey}\`` : '—';
		return `| \`${e.name}\` | ${e.label} | ${when} | ${id} | ${record} |`;
	});
	return [
		'| Event | Name in n8n | Fires when | Resource id | Fetch Full Record reads |',
		'|---|---|---|---|---|',
		...rows,
	].join('\n');
}

/** The README with its events section replaced. */
export function withEventsTable(readme: string, events: readonly RuntimeEvent[]): string {
	return withSection(readme, { START, END }, eventsTable(events));
}

export const EVENTS_MARKERS = { START, END };
