// The trigger's webhook methods for a provider whose webhooks are managed over its API (the kit's
// SubscriptionApi): checkExists, create and delete, with the kit's no-orphan registration. This is
// the generic form; a provider with more to repair (Distribu: PATCH a webhook back, rotation grace)
// passes its own methods to webhookTrigger() instead.
import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { boundedLine, redactor, registerHook, removeHooksAt, type HostProvider, type RegistrationVoice } from '@distribu/shared/kit';
import { nodeErrorFor } from '../errors';
import { providerClient } from '../transport';
import { selectedEventsOf } from './parameters';
import { forget, remember, triggerState } from './state';

export interface WebhookMethods {
	checkExists(this: IHookFunctions): Promise<boolean>;
	create(this: IHookFunctions): Promise<boolean>;
	delete(this: IHookFunctions): Promise<boolean>;
}

function webhookUrl(ctx: IHookFunctions): string {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(ctx.getNode(), 'n8n did not provide a webhook URL for this node');
	return url;
}

/** n8n's webhook methods over the provider's SubscriptionApi. Webhooks at other URLs are never touched. */
export function apiWebhookMethods(host: HostProvider, capDescription?: string): WebhookMethods {
	const subscription = host.subscription;
	if (subscription.mode !== 'api') throw new Error(`${host.names.displayName} has no webhook API: its trigger needs no webhook methods.`);
	const label = `${host.names.displayName} Trigger`;
	const redact = redactor(host.provider.voice);
	const words: RegistrationVoice = { voice: host.provider.voice, bounded: (text, max = 300) => boundedLine(text, max, redact) };
	const events = (ctx: IHookFunctions) => selectedEventsOf(ctx, host.names.displayName, (name) => !!host.eventOf(name));
	const withErrors = async <T>(ctx: IHookFunctions, call: () => Promise<T>): Promise<T> => {
		try {
			return await call();
		} catch (error) {
			throw nodeErrorFor(host, ctx.getNode(), error, capDescription);
		}
	};
	// The webhook's description says who holds the slot (the cap message names holders by it).
	const apiOf = async (ctx: IHookFunctions) => subscription.over(await providerClient(ctx, host), `n8n: ${ctx.getWorkflow().name ?? ctx.getWorkflow().id}`);

	return {
		/** True when the stored webhook is still at this URL with a secret we know; false makes n8n call create. */
		async checkExists(this: IHookFunctions): Promise<boolean> {
			const state = triggerState(this);
			if (!state.webhookId || !state.webhookSecret) return false;
			const url = webhookUrl(this);
			if (subscription.repair && state.webhookUrl === url) {
				// The provider can tell (and mend) our webhook's health: a disabled one comes back with the same secret.
				const client = await providerClient(this, host);
				const webhookId = state.webhookId;
				const outcome = await withErrors(this, () => subscription.repair!(client, { id: webhookId, url, events: events(this) }));
				if (outcome.kind === 're-enabled') this.logger.warn(`${label}: ${outcome.note ?? `webhook ${webhookId} was disabled and is enabled again.`}`);
				if (outcome.kind !== 'missing') return true;
				this.logger.info(`${label}: webhook ${webhookId} is gone; registering a new one.`);
				forget(state);
				return false;
			}
			const api = await apiOf(this);
			const here = await withErrors(this, () => api.hooksAt(url));
			if (here.some((hook) => hook.id === state.webhookId) && state.webhookUrl === url) return true;
			this.logger.info(`${label}: webhook ${state.webhookId} is no longer at this node's URL; registering a new one.`);
			forget(state);
			return false;
		},
		async create(this: IHookFunctions): Promise<boolean> {
			const state = triggerState(this);
			const url = webhookUrl(this);
			const selected = events(this);
			const api = await apiOf(this);
			const created = await withErrors(this, () => registerHook(api, words, { url, events: selected }, { log: (line) => this.logger.warn(`${label}: ${line}`) }));
			remember(state, { id: created.id, secret: created.secret, url, events: selected });
			this.logger.info(`${label}: registered webhook ${created.id} for ${selected.join(', ')}.`);
			return true;
		},
		/** Removes the stored webhook and anything else at this node's own URL (a create whose outcome was unknown). */
		async delete(this: IHookFunctions): Promise<boolean> {
			const state = triggerState(this);
			const url = webhookUrl(this);
			const api = await apiOf(this);
			const removed = await withErrors(this, async () => {
				if (state.webhookId && subscription.disabledNote) {
					const webhookId = state.webhookId;
					// A note about a disabled webhook must not stop its removal.
					const note = await subscription.disabledNote(await providerClient(this, host), { id: webhookId, events: state.webhookEvents ?? events(this) }).catch(() => undefined);
					if (note) this.logger.warn(`${label}: ${note}`);
				}
				if (state.webhookId) await api.remove(state.webhookId);
				return removeHooksAt(api, url);
			});
			if (removed.length > 0) this.logger.info(`${label}: removed webhook(s) ${removed.join(', ')} at this node's URL.`);
			forget(state);
			return true;
		},
	};
}
