// Orisha's management endpoint as the kit's SubscriptionApi (shared/src/kit/subscriptions.ts), its
// webhooks' health (enabled, or disabled: automatically after 100 failures) and the cap message that
// names the webhooks holding the 3 slots.
import { ApiError, isDefiniteRefusal } from '../../kit/api/errors';
import type { Health } from '../../kit/judge';
import type { RegistrationVoice, SubscriptionApi } from '../../kit/subscriptions';
import { say } from '../../kit/voice';
import { ORISHA_CAP_STATUS, ORISHA_ERROR_CODES, type OrishaCreatedWebhook, type OrishaWebhook } from './assumed-api';
import { orishaBounded, OrishaApiError, type OrishaClient } from './client';
import { ORISHA_AUTO_DISABLE_AFTER, ORISHA_WEBHOOK_CAP, orishaVoice } from './voice';

export const orishaRegistrationVoice: RegistrationVoice = { voice: orishaVoice, bounded: orishaBounded };

/** The cap is full: the message names every webhook holding a slot. */
export class OrishaCapError extends ApiError {
  readonly holders: OrishaWebhook[];

  constructor(holders: OrishaWebhook[]) {
    super({ status: ORISHA_CAP_STATUS }, orishaCapMessage(holders));
    this.name = 'OrishaCapError';
    this.holders = holders;
  }
}

function describeHook(hook: OrishaWebhook): string {
  const what = hook.description ? `"${orishaBounded(hook.description, 80)}"` : 'no description';
  const state = hook.enabled ? 'enabled' : 'disabled';
  return `${hook.id} (${what}, ${state}, ${orishaBounded(hook.url, 120)})`;
}

export function orishaCapMessage(holders: OrishaWebhook[]): string {
  const list = holders.length > 0 ? `: ${holders.map(describeHook).join('; ')}` : '';
  return say(orishaVoice, orishaVoice.capMessage, { cap: ORISHA_WEBHOOK_CAP, holders: list });
}

const isCapRefusal = (error: unknown) => error instanceof OrishaApiError && error.status === ORISHA_CAP_STATUS && error.code === ORISHA_ERROR_CODES.cap;

export function orishaSubscriptionApi(client: OrishaClient, description = ''): SubscriptionApi<OrishaWebhook, OrishaCreatedWebhook> {
  return {
    mode: 'api',
    cap: ORISHA_WEBHOOK_CAP,
    hooksAt: async (url) => (await client.webhooks()).filter((hook) => hook.url === url),
    async create({ url, events }) {
      try {
        return await client.createWebhook({ url, eventTypes: events, description });
      } catch (error) {
        if (!isCapRefusal(error)) throw error;
        const holders = await client.webhooks().catch(() => [] as OrishaWebhook[]);
        throw new OrishaCapError(holders);
      }
    },
    remove: (id) => client.deleteWebhook(id),
    isDefiniteRefusal,
  };
}

/** Orisha's webhook record as the kit's health: disabled (automatically or by hand) or healthy. */
export function orishaHookHealth(hook: OrishaWebhook | undefined): Health {
  if (!hook) return { kind: 'deleted' };
  return hook.enabled ? { kind: 'healthy' } : { kind: 'disabled' };
}

/** What a host says after turning a disabled webhook back on: since when events may have been missed. */
export function missedEventsNote(hook: OrishaWebhook, events: readonly string[]): string {
  const since = hook.disabledAt ? ` since ${hook.disabledAt}` : '';
  const auto = hook.failureCount >= ORISHA_AUTO_DISABLE_AFTER ? ` after ${hook.failureCount} failed deliveries` : '';
  return `Orisha Commerce had disabled webhook ${hook.id}${auto}; it is enabled again. Events${since} until now were not delivered and may have been missed: ${events.join(', ')}.`;
}

/** Our webhook (by id) was disabled: the gap, said before it is removed and registered anew; else undefined. */
export async function disabledNote(client: OrishaClient, ours: { id: string; events: readonly string[] }): Promise<string | undefined> {
  let hook: OrishaWebhook;
  try {
    hook = await client.webhook(ours.id);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
  if (hook.enabled) return undefined;
  const since = hook.disabledAt ? ` since ${hook.disabledAt}` : '';
  const auto = hook.failureCount >= ORISHA_AUTO_DISABLE_AFTER ? ` after ${hook.failureCount} failed deliveries` : '';
  return `Orisha Commerce had disabled webhook ${hook.id}${auto}; it is removed now and a new one is registered when the workflow is published. Events${since} until then were not delivered and may have been missed: ${ours.events.join(', ')}.`;
}

export type RepairOutcome =
  | { kind: 'healthy'; hook: OrishaWebhook }
  | { kind: 're-enabled'; hook: OrishaWebhook; note: string }
  | { kind: 'missing' };

/**
 * Checks our webhook (by id) for a host's "does it exist" step: healthy as is (its events brought in
 * line with `events`); disabled → enabled again (same id and secret), with the gap stated; gone or at
 * another URL → missing (the host registers anew). Never touches another webhook.
 */
export async function checkAndRepair(client: OrishaClient, ours: { id: string; url: string; events: readonly string[] }): Promise<RepairOutcome> {
  let hook: OrishaWebhook;
  try {
    hook = await client.webhook(ours.id);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { kind: 'missing' };
    throw error;
  }
  if (hook.url !== ours.url) return { kind: 'missing' };
  // The events chosen may have changed since it was registered: the same webhook (and slot) takes the new ones.
  const sameEvents = hook.eventTypes.length === ours.events.length && ours.events.every((e) => hook.eventTypes.includes(e));
  const change = sameEvents ? {} : { eventTypes: [...ours.events] };
  if (hook.enabled) return { kind: 'healthy', hook: sameEvents ? hook : await client.updateWebhook(hook.id, change) };
  const note = missedEventsNote(hook, ours.events);
  const enabled = await client.updateWebhook(hook.id, { ...change, enabled: true });
  return { kind: 're-enabled', hook: enabled, note };
}
