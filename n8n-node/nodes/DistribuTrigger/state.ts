import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

/**
 * What the node keeps in its static data. Production and "Listen for test event" each get their
 * own copy (n8n gives test mode a fresh one), so each owns exactly one Distribu webhook.
 */
export interface TriggerState extends IDataObject {
	webhookId?: string;
	/** The signing secret Distribu showed once, at creation. */
	webhookSecret?: string;
	/** URL and events the webhook was registered with, for the logs and for support. */
	webhookUrl?: string;
	webhookEvents?: string[];
}

export function triggerState(ctx: IHookFunctions | IWebhookFunctions): TriggerState {
	return ctx.getWorkflowStaticData('node') as TriggerState;
}

export function remember(
	state: TriggerState,
	webhook: { id: string; secret: string; url: string; events: string[] },
): void {
	state.webhookId = webhook.id;
	state.webhookSecret = webhook.secret;
	state.webhookUrl = webhook.url;
	state.webhookEvents = webhook.events;
}

export function forget(state: TriggerState): void {
	delete state.webhookId;
	delete state.webhookSecret;
	delete state.webhookUrl;
	delete state.webhookEvents;
}
