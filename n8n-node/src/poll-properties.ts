// A provider's polling trigger parameters, from its pollable events (the catalog's `list.poll`).
import type { INodeProperties } from 'n8n-workflow';
import type { HostEvent, HostOperation, HostProvider, RestClient, RuntimeEvent } from '@distribu/shared/kit';

/** "Event: order.created" under the node's name. */
export const POLL_SUBTITLE = '={{"Event: " + $parameter["event"]}}';

/** `maxPages`: the default of Max Pages per Check (the default polling's DEFAULT_MAX_PAGES, or the provider poller's). */
export function pollProperties(host: HostProvider<RuntimeEvent> | HostProvider<HostEvent, HostOperation, RestClient>, maxPages: number): INodeProperties[] {
	const name = host.names.displayName;
	// `list.poll` is the default polling's (RuntimeEvent); a provider's own poller has none.
	const pollable = host.pollable as ReadonlyArray<HostEvent & Partial<Pick<RuntimeEvent, 'list'>>>;
	if (pollable.length === 0) throw new Error(`${name} has no event its API lists: it gets no polling trigger.`);
	const windowed = pollable.filter((event) => event.list?.poll?.detect === 'changed');
	const lookback = windowed.map((event) => event.list?.poll).find((poll) => poll?.detect === 'changed');
	const properties: INodeProperties[] = [
		{
			displayName: `Checks ${name} at each Poll Time and starts one execution per change since the previous check, also after n8n was stopped. Needs no public URL and no webhook. The first check after publishing only remembers what exists.`,
			name: 'pollNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Event',
			name: 'event',
			type: 'options',
			required: true,
			default: pollable[0]!.name,
			options: pollable.map((event) => ({ name: event.label, value: event.name, description: event.description })).sort((a, b) => a.name.localeCompare(b.name)),
			description: `The change in ${name} that starts this workflow`,
		},
	];
	if (lookback?.detect === 'changed') {
		properties.push({
			displayName: 'Lookback (Days)',
			name: 'lookbackDays',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 365 },
			default: lookback.lookbackDays,
			displayOptions: { show: { event: windowed.map((event) => event.name) } },
			description: `Changes are found for records created within this many days; every check reads them all`,
		});
	}
	properties.push({
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Max Pages per Check',
				name: 'maxPages',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100 },
				default: maxPages,
				// The default polling resumes where a check stopped; a provider's own poller reads newest first and says what it left.
				description: host.poller
					? 'The most pages of 100 records one check reads, newest first; older new records beyond them are not read, and the log says so'
					: 'The most pages of 100 records one check reads; the rest is read by the next checks, so nothing is skipped',
			},
		],
	});
	return properties;
}
