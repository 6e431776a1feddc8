// A provider's webhook trigger node, from the provider: its webhook entry, its webhook methods
// (over the provider's API, or none for a subscription the user pastes), its rotation handling, its delivery handler
// (verify, judge, normalize, guard), and generic parameters. A node file keeps its literal
// description head (n8n's linter reads it) and takes the rest from here.
import type { INodeProperties, INodePropertyOptions, IWebhookDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import type { HostProvider } from '@distribu/shared/kit';
import { handleDelivery } from './delivery';
import { apiWebhookMethods, type WebhookMethods } from './lifecycle';
import { keepsMemory, type TriggerMemory } from './memory';
import { DEFAULT_REPLAY_WINDOW_SECONDS } from './parameters';
import { rotationHooks } from './rotation';

export interface WebhookTriggerParts {
	/** Shown under a cap refusal. */
	capDescription?: string;
	/** For a provider whose trigger remembers across restarts (keepsMemory): its memory, whose execute() the node has. */
	memory?: TriggerMemory;
}

/** `webhookMethods` and `webhook` for the node class. */
export function webhookTrigger(host: HostProvider, parts: WebhookTriggerParts = {}): {
	webhookMethods?: { default: WebhookMethods };
	webhook(this: IWebhookFunctions): Promise<IWebhookResponseData>;
} {
	if (keepsMemory(host) && !parts.memory) throw new Error(`${host.names.displayName} Trigger: this provider's trigger needs its memory (memory.ts).`);
	// Webhook methods over the provider's API (none for a URL the user pastes); rotation hooks for a provider that rotates secrets.
	const methods = host.subscription.mode === 'api' ? apiWebhookMethods(host, parts.capDescription) : undefined;
	const hooks = { ...rotationHooks(host, parts.capDescription), ...(parts.memory ? { memory: parts.memory } : {}) };
	return {
		...(methods ? { webhookMethods: { default: methods } } : {}),
		async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
			return await handleDelivery(this, host, hooks);
		},
	};
}

/**
 * The node's webhook entry: an empty 200 on receipt (providers look only at the status). A node that
 * registers its URL itself hides it (showing it would suggest pasting it); a manual subscription shows it.
 */
export function webhookEntry(host: HostProvider): IWebhookDescription[] {
	return [
		{
			name: 'default',
			httpMethod: 'POST',
			responseMode: 'onReceived',
			responseData: 'noData',
			path: 'webhook',
			ndvHideUrl: host.subscription.mode === 'api',
		},
	];
}

/** The provider's events as options, sorted by label as n8n's linter wants. */
export function eventOptions(host: HostProvider): INodePropertyOptions[] {
	return host.events
		.map((event) => ({ name: event.label, value: event.name, description: event.description }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** What the notice says: where the URL goes (manual), or that n8n registers it and what the cap means (API). */
export function triggerNotice(host: HostProvider): string {
	const name = host.names.displayName;
	const subscription = host.subscription;
	if (subscription.mode === 'manual') {
		return (
			`Copy the Production URL above (Webhook URLs) and paste it into ${name} under ${subscription.where}. ` +
			'The Test URL works only while n8n is listening for a test event (Execute step or Execute workflow); publish the workflow to receive at the Production URL. ' +
			`Deliveries are verified with the signing secret in the ${host.names.n8n.credential.displayName} credential.`
		);
	}
	return (
		`n8n sets up this trigger's webhook in ${name} for you: there is no URL to copy. ` +
		`It counts toward ${name}'s limit of ${subscription.cap} webhooks: one while the workflow is published, and one more while Execute step or Execute workflow waits for a test event.`
	);
}

/** A choice among `options` in the trigger's Options collection. */
function choice(displayName: string, name: string, value: string, description: string, options: INodePropertyOptions[]): INodeProperties {
	return { displayName, name, type: 'options', default: value, options, description };
}

/** The trigger's parameters for any provider: notice, events, and the options the provider supports. */
export function triggerProperties(host: HostProvider): INodeProperties[] {
	const name = host.names.displayName;
	const options: INodeProperties[] = [];
	if (host.hydrate) {
		options.push({
			displayName: 'Fetch Full Record',
			name: 'fetchFullRecord',
			type: 'boolean',
			default: host.hydrateByDefault === true,
			description: host.hydrateByDefault
				? `Whether to add the record's full current state from ${name}'s API to each item (on unless turned off here: ${name} sends only codes)`
				: `Whether to add the record's full current state from ${name}'s API to each item`,
		});
	}
	if (host.ownChange) {
		options.push({
			displayName: 'Ignore Changes Made by This Connection',
			name: 'ignoreOwnChanges',
			type: 'boolean',
			default: false,
			description: `Whether to start no execution for a change this credential's own ${name} connection made (e.g. by an ${name} node in this workflow), so a workflow that writes back does not trigger itself`,
		});
	}
	// What to do with a delivery that came late (judged on the full record) or out of order (judged on its time).
	if (host.lateDeliveries) {
		options.push(
			choice('Late Deliveries', 'lateDeliveries', 'mark', host.lateDeliveries.description, [
				{ name: 'Drop', value: 'drop', description: 'Start no execution for a late delivery' },
				{ name: 'Run and Mark', value: 'mark', description: 'Run every delivery; each item gets late (true or false), and a late one lateReason saying why' },
			]),
		);
	}
	// Ordering and replay windows read the delivery's time: a provider that sends none gets neither option.
	if (host.provider.inbound.timestamp) options.push(
		choice(
			'Out-of-Order Deliveries',
			'outOfOrder',
			'emit',
			`${name} may deliver events out of order. A delivery is out of order when its timestamp is older than that of one this n8n process already received for the same record (remembered in memory, up to 10,000 records).`,
			[
				{ name: 'Drop', value: 'drop', description: 'Start no execution for a delivery older than one already received for the same record' },
				{ name: 'Emit', value: 'emit', description: 'Emit every delivery in the order it arrives' },
				{ name: 'Emit and Mark', value: 'mark', description: 'Emit every delivery and add outOfOrder: true to one older than one already received for the same record' },
			],
		),
		{
			displayName: 'Replay Window (Seconds)',
			name: 'replayWindow',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_REPLAY_WINDOW_SECONDS,
			description: "Refuse deliveries whose timestamp is further than this from n8n's clock, so a captured delivery cannot be replayed later. An exact replay within the window starts no second run either. 0 turns the timestamp check off.",
		},
	);
	return [
		{ displayName: triggerNotice(host), name: 'subscriptionNotice', type: 'notice', default: '' },
		{
			displayName: 'Events',
			name: 'events',
			type: 'multiOptions',
			required: true,
			default: [],
			options: eventOptions(host),
			description: `The ${name} events that start this workflow`,
		},
		// Filters on an item field the provider names (such as a signal's kind), all values selected by default.
		...(host.itemFilters ?? []).map(
			(filter): INodeProperties => ({
				displayName: filter.displayName,
				name: filter.name,
				type: 'multiOptions',
				default: filter.options.map((o) => o.value),
				options: [...filter.options].sort((a, b) => a.name.localeCompare(b.name)),
				description: filter.description,
			}),
		),
		{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, options },
	];
}

/**
 * The canvas subtitle: one event by its label, several by their count (the canvas cuts long text).
 * Evaluated by n8n's editor, so the labels travel inside the expression.
 */
export function eventsSubtitle(host: Pick<HostProvider, 'events'>): string {
	const labels = JSON.stringify(Object.fromEntries(host.events.map((event) => [event.name, event.label])));
	const selected = '[].concat($parameter["events"] || [])';
	return `={{ ${selected}.length > 1 ? ${selected}.length + " events" : (${labels})[${selected}[0]] || "" }}`;
}
