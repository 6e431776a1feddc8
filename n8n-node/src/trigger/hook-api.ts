// What the trigger's webhook methods and its rotation handling share for a provider whose webhooks are managed over
// its API: the node's label and URL, the selected events, the provider's SubscriptionApi and client, errors in the
// provider's words, and removing a webhook whose secret was rotated away.
import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { boundedLine, redactor, type HostProvider, type RegistrationVoice, type SubscriptionApi } from '@distribu/shared/kit';
import { nodeErrorFor } from '../errors';
import { providerClient } from '../transport';
import { selectedEventsOf } from './parameters';

type Ctx = IHookFunctions | IWebhookFunctions;
type ApiSubscription = Extract<HostProvider['subscription'], { mode: 'api' }>;

export interface HookApi {
	host: HostProvider;
	subscription: ApiSubscription;
	/** `<Provider> Trigger`, the head of every log line. */
	label: string;
	words: RegistrationVoice;
	url(ctx: Ctx): string;
	events(ctx: Ctx): string[];
	client(ctx: Ctx): ReturnType<typeof providerClient>;
	/** The provider's SubscriptionApi; the webhook's description says who holds the slot (a cap message names holders by it). */
	api(ctx: Ctx): Promise<SubscriptionApi>;
	/** Any failure as the error n8n shows, in the provider's words. */
	nodeError(ctx: Ctx, error: unknown): Error;
	withErrors<T>(ctx: Ctx, call: () => Promise<T>): Promise<T>;
}

export function hookApiOf(host: HostProvider, capDescription?: string): HookApi {
	const subscription = host.subscription;
	if (subscription.mode !== 'api') throw new Error(`${host.names.displayName} has no webhook API: its trigger needs no webhook methods.`);
	const redact = redactor(host.provider.voice);
	const nodeError = (ctx: Ctx, error: unknown) => nodeErrorFor(host, ctx.getNode(), error, capDescription);
	return {
		host,
		subscription,
		label: `${host.names.displayName} Trigger`,
		words: { voice: host.provider.voice, bounded: (text, max = 300) => boundedLine(text, max, redact) },
		url(ctx) {
			const url = ctx.getNodeWebhookUrl('default');
			if (!url) throw new NodeOperationError(ctx.getNode(), 'n8n did not provide a webhook URL for this node');
			return url;
		},
		events: (ctx) => selectedEventsOf(ctx, host.names.displayName, (name) => !!host.eventOf(name)),
		client: (ctx) => providerClient(ctx, host),
		api: async (ctx) => subscription.over(await providerClient(ctx, host), `n8n: ${ctx.getWorkflow().name ?? ctx.getWorkflow().id}`),
		nodeError,
		async withErrors(ctx, call) {
			try {
				return await call();
			} catch (error) {
				throw nodeError(ctx, error);
			}
		},
	};
}

/** True once the rotated webhook is gone; never throws (it is tracked in previousSecrets meanwhile). */
export async function removeRotated(hooks: HookApi, ctx: Ctx, api: SubscriptionApi, id: string): Promise<boolean> {
	try {
		if (await api.remove(id)) ctx.logger.info(`${hooks.label}: removed rotated webhook ${id}.`);
		return true;
	} catch (error) {
		ctx.logger.warn(
			`${hooks.label}: could not remove rotated webhook ${id} yet (${hooks.nodeError(ctx, error).message}); retried on a later delivery, and unpublishing removes it.`,
		);
		return false;
	}
}
