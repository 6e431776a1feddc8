// The README's operations table of the Distribu node, written from the shared operation catalog by
// `npm run generate` (generated.ts).
import type { RuntimeOperation } from '@distribu/shared/runtime';
import { operationName } from '../src/action/description';
import { withSection } from './readme-sections';

export const OPERATIONS_MARKERS = {
	START: '<!-- operations:start (generated from the shared operation catalog by `npm run generate`) -->',
	END: '<!-- operations:end -->',
};

/** The description's first sentence: the table stays one line per operation. */
function firstSentence(text: string): string {
	return text.match(/^.*?[.!?](?=\s|$)/)?.[0] ?? text;
}

export function operationsTable(operations: readonly RuntimeOperation[]): string {
	const rows = operations.map((op) => {
		const resource = op.resource.charAt(0).toUpperCase() + op.resource.slice(1);
		const retry = op.retrySafe ? '' : ' **Never retried** (see [Creates are not retried](#creates-are-not-retried)).';
		const path = `/api/v1${op.path}`;
		const scopes = [op.scope, ...(op.extraScopes ?? [])].map((scope) => `\`${scope}\``).join(', ');
		// Create or Update looks the record up first, then changes it or creates it.
		const call = op.upsert
			? `\`GET ${path}\`, then \`${op.upsert.updateMethod} /api/v1${op.upsert.updatePath}\` or \`${op.method} ${path}\``
			: `\`${op.method} ${path}\``;
		return `| ${resource} | ${operationName(op)} | ${firstSentence(op.description)}${retry} | ${scopes} | ${call} |`;
	});
	return ['| Resource | Operation | What it does | Scope | Distribu call |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** The README with its operations section replaced. */
export function withOperationsTable(readme: string, operations: readonly RuntimeOperation[]): string {
	return withSection(readme, OPERATIONS_MARKERS, operationsTable(operations));
}
