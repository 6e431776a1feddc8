/**
 * Registering a Distribu webhook without leaving orphans: the kit's algorithm
 * (shared/src/kit/subscriptions.ts: no orphans, newest wins) over Distribu's `/webhooks` API.
 */
import { registerHook, removeHooksAt, RegistrationOutcomeUnknownError, SupersededError, type RegisterOptions } from '../kit/subscriptions';
import { distribuRegistrationVoice, distribuSubscriptionApi } from '../providers/distribu/subscription';
import type { CreatedWebhook, DistribuClient, Webhook } from './client';

export { RegistrationOutcomeUnknownError, SupersededError };
export type { RegisterOptions };

/** Deletes the webhooks at exactly `url` (except kept ones); returns the ids it deleted. */
export function removeWebhooksAt(client: DistribuClient, url: string, keep: (hook: Webhook) => boolean = () => false): Promise<string[]> {
  return removeHooksAt(distribuSubscriptionApi(client), url, keep);
}

/** Registers `url` for `events` in Distribu (the kit's registerHook says how). */
export function registerWebhook(client: DistribuClient, input: { url: string; events: string[] }, options: RegisterOptions<Webhook> = {}): Promise<CreatedWebhook> {
  return registerHook(distribuSubscriptionApi(client), distribuRegistrationVoice, input, options);
}
