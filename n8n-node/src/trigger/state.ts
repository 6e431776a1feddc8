import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import type { PreviousSecret } from '@distribu/shared/kit';

/**
 * What the node keeps in its static data. Production and "Listen for test event" each get their
 * own copy (n8n gives test mode a fresh one), so each owns exactly one webhook at the provider.
 *
 * n8n saves static data only when something in it was set or deleted (it watches the object), and
 * a save replaces the whole object: so the node writes only when it really changes what it owns.
 */
export interface TriggerState extends IDataObject {
	webhookId?: string;
	/** The signing secret the provider showed once, at creation. */
	webhookSecret?: string;
	/** URL and events the webhook was registered with, for the logs and for support. */
	webhookUrl?: string;
	webhookEvents?: string[];
	/**
	 * Secrets of webhooks this node replaced after a rotation: still accepted, but only in
	 * the previous-secret header and only until `until` (ms), for deliveries already under way.
	 */
	previousSecrets?: Array<StoredPrevious & IDataObject>;
	/** Event ids already run, for a provider that sends one per event (the kit's firstRun): one run each, also after a restart. */
	seenEvents?: IDataObject & { ids?: string[] };
	/** The newest record version emitted per record, for a provider that judges late deliveries (HostProvider.lateDeliveries). */
	recordVersions?: IDataObject;
}

/** A rotated-away secret and the webhook that used it, if that webhook may still exist. */
export interface StoredPrevious extends PreviousSecret {
	webhookId?: string;
}

const KEYS = ['webhookId', 'webhookSecret', 'webhookUrl', 'webhookEvents', 'previousSecrets'] as const;

export function triggerState(ctx: IHookFunctions | IWebhookFunctions): TriggerState {
	return ctx.getWorkflowStaticData('node') as TriggerState;
}

/** Rotated-away secrets (verify refuses them in the current header, and in -Old after `until`). */
export function previousSecrets(state: TriggerState): StoredPrevious[] {
	const list = Array.isArray(state.previousSecrets) ? state.previousSecrets : [];
	return list
		.filter((p) => typeof p?.secret === 'string' && typeof p.until === 'number')
		.map((p) => ({ secret: p.secret, until: p.until, ...(typeof p.webhookId === 'string' ? { webhookId: p.webhookId } : {}) }));
}

export function remember(
	state: TriggerState,
	webhook: { id: string; secret: string; url: string; events: string[] },
	previous: StoredPrevious[] = [],
): void {
	state.webhookId = webhook.id;
	state.webhookSecret = webhook.secret;
	state.webhookUrl = webhook.url;
	state.webhookEvents = webhook.events;
	if (previous.length > 0) state.previousSecrets = previous.map((p) => ({ ...p }));
	else if (state.previousSecrets !== undefined) delete state.previousSecrets;
}

/** Forgets the webhook; deletes only keys that are there, so an empty state is not saved again. */
export function forget(state: TriggerState): void {
	for (const key of KEYS) if (state[key] !== undefined) delete state[key];
}
