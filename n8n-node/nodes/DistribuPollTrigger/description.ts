import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { DEFAULT_MAX_PAGES, events, pollableEvents } from '@distribu/shared/runtime';
import { ADD_OPTION } from '../shared/editor-texts';

export const NODE_VERSION = 1;

const pollable = pollableEvents(events);

/** The events Distribu's REST lists can show, from the shared catalog, sorted by name as n8n's lint wants. */
export const pollEventOptions: INodePropertyOptions[] = pollable
	.map((event) => ({ name: event.label, value: event.name, description: event.description }))
	.sort((a, b) => a.name.localeCompare(b.name));

/** The events whose poll reads a window of recent records (Order Status Changed). */
const windowed = pollable.filter((event) => event.list?.poll?.detect === 'changed');
const DEFAULT_LOOKBACK_DAYS = (() => {
	const poll = windowed[0]?.list?.poll;
	return poll?.detect === 'changed' ? poll.lookbackDays : 30;
})();

export const POLL_NOTICE =
	'Checks Distribu at each Poll Time and starts one execution per change since the previous check, also after n8n was stopped. ' +
	'Needs no public URL and no webhook. The first check after publishing only remembers what exists. ' +
	'Needs the :read scope of the resource (orders, customers or products).';

export const properties: INodeProperties[] = [
	{
		displayName: POLL_NOTICE,
		name: 'pollNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		required: true,
		default: 'order.created',
		options: pollEventOptions,
		description: 'The change in Distribu that starts this workflow',
	},
	{
		displayName: 'Lookback (Days)',
		name: 'lookbackDays',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 365 },
		default: DEFAULT_LOOKBACK_DAYS,
		displayOptions: { show: { event: windowed.map((event) => event.name) } },
		description:
			'Status changes are found for orders created within this many days (Distribu cannot list orders by update time); every check reads them all',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: ADD_OPTION,
		default: {},
		options: [
			{
				displayName: 'Max Pages per Check',
				name: 'maxPages',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100 },
				default: DEFAULT_MAX_PAGES,
				description:
					'The most pages of 100 records one check reads; the rest is read by the next checks, so nothing is skipped',
			},
		],
	},
];

/** "Event: New Order" under the node's name. */
export const SUBTITLE = '={{"Event: " + $parameter["event"]}}';
