import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { events } from '@distribu/shared/runtime';
import { ADD_OPTION, TRIGGER_NOTICE } from '../shared/editor-texts';
import { DEFAULT_REPLAY_WINDOW_SECONDS } from '../../src/trigger/parameters';
import { eventsSubtitle as subtitleOf } from '../../src/trigger/webhook-trigger';

/**
 * Version 2 from the start: n8n evaluates an extra expression on every request for version-1
 * trigger nodes. The typed output lives under __schema__/v2.0.0 (written by `npm run generate`).
 */
export const NODE_VERSION = 2;

export { DEFAULT_REPLAY_WINDOW_SECONDS } from '../../src/trigger/parameters';

/** The twelve events straight from the shared catalog, sorted by name as n8n's lint wants. */
export const eventOptions: INodePropertyOptions[] = events
	.map((event) => ({ name: event.label, value: event.name, description: event.description }))
	.sort((a, b) => a.name.localeCompare(b.name));

export const properties: INodeProperties[] = [
	{
		displayName: TRIGGER_NOTICE,
		name: 'capNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: [],
		options: eventOptions,
		description: 'The Distribu events that start this workflow',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: ADD_OPTION,
		default: {},
		options: [
			{
				displayName: 'Fetch Full Record',
				name: 'fetchFullRecord',
				type: 'boolean',
				default: false,
				description:
					"Whether to add the order's, customer's or product's full current record to each item, such as a storefront order's line items (needs that record's :read scope)",
			},
			{
				displayName: 'Out-of-Order Deliveries',
				name: 'outOfOrder',
				type: 'options',
				default: 'emit',
				options: [
					{
						name: 'Drop',
						value: 'drop',
						description: 'Start no execution for a delivery older than one already received for the same resource',
					},
					{
						name: 'Emit',
						value: 'emit',
						description: 'Emit every delivery in the order it arrives',
					},
					{
						name: 'Emit and Mark',
						value: 'mark',
						description: 'Emit every delivery and add outOfOrder: true to one older than one already received for the same resource',
					},
				],
				description:
					"Distribu may deliver events out of order. A delivery is out of order when its signed timestamp is older than that of one this n8n process already received for the same order, customer, product, return or refund (remembered in memory, up to 10,000 resources).",
			},
			{
				displayName: 'Replay Window (Seconds)',
				name: 'replayWindow',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_REPLAY_WINDOW_SECONDS,
				description:
					"Refuse deliveries whose signed timestamp is further than this from n8n's clock, so a captured delivery cannot be replayed later. An exact replay within the window starts no second run either. 0 turns the timestamp check off.",
			},
		],
	},
];

/** The canvas subtitle: one event by its label, several by their count (n8n-node/src/trigger/webhook-trigger.ts). */
export function eventsSubtitle(): string {
	return subtitleOf({ events });
}
