// Distribu's `/webhooks` API as the kit's SubscriptionApi (shared/src/kit/subscriptions.ts).
import type { RepairOutcome, RepairTarget } from '../../kit/host';
import type { Health } from '../../kit/judge';
import type { RegistrationVoice, SubscriptionApi } from '../../kit/subscriptions';
import type { CreatedWebhook, DistribuClient, Webhook } from '../../runtime/client';
import { boundedText, DistribuApiError, isDefiniteRefusal } from '../../runtime/errors';
import { DISTRIBU_WEBHOOK_CAP, distribuVoice } from './voice';

export function distribuSubscriptionApi(client: DistribuClient): SubscriptionApi<Webhook, CreatedWebhook> {
  return {
    mode: 'api',
    cap: DISTRIBU_WEBHOOK_CAP,
    hooksAt: (url) => client.webhooksAt(url),
    create: ({ url, events }) => client.createWebhook({ url, events, isActive: true }),
    remove: (id) => client.deleteWebhook(id),
    isDefiniteRefusal,
    rotatedUntil: (hook) => graceEndOf(hook),
  };
}

/** A rotated secret's grace end as Distribu's webhook record shows it (only while the grace lasts). */
function graceEndOf(hook: Pick<Webhook, 'secretRotationGraceExpiresAt'>): number | undefined {
  const end = Date.parse(hook.secretRotationGraceExpiresAt ?? '');
  return Number.isFinite(end) ? end : undefined;
}

/** The grace end Distribu shows for a webhook (by id), for a host replacing it after a rotation. */
export async function distribuGraceEnd(client: DistribuClient, id: string): Promise<number | undefined> {
  return graceEndOf(await client.getWebhook(id));
}

/** The call's result, or undefined when Distribu answers 404 (the webhook is gone): other errors pass on. */
async function unlessGone<T>(call: Promise<T>): Promise<T | undefined> {
  return call.catch((error: unknown) => {
    if (error instanceof DistribuApiError && error.status === 404) return undefined;
    throw error;
  });
}

function sameEvents(a: readonly string[], b: readonly string[]): boolean {
  const left = [...new Set(a)].sort();
  const right = [...new Set(b)].sort();
  return left.length === right.length && left.every((name, i) => name === right[i]);
}

type Patch = Partial<Pick<Webhook, 'url' | 'events' | 'isActive'>>;

/** What to PATCH so the webhook delivers the selected events to this URL again. */
function patchFor(remote: Webhook, url: string, events: string[]): Patch {
  const patch: Patch = {};
  if (remote.url !== url) patch.url = url;
  if (!Array.isArray(remote.events) || !sameEvents(remote.events, events)) patch.events = events;
  if (remote.isActive !== true) patch.isActive = true;
  return patch;
}

/**
 * Our webhook (by id) as Distribu has it, put back by PATCH when it was changed in Distribu's dashboard (its URL,
 * e.g. after a new public address of the host, its events, or disabled): the same id and secret keep working.
 * A webhook whose URL is another subscriber's is left alone; a rotated one is reported (its new secret is never
 * shown over the API, so only a replacement verifies).
 */
export async function repairDistribuHook(client: DistribuClient, ours: RepairTarget): Promise<RepairOutcome> {
  const remote = await unlessGone(client.getWebhook(ours.id));
  if (!remote) return { kind: 'missing', note: `webhook ${ours.id} no longer exists in Distribu; creating a new one.` };
  if (ours.isOurs && !ours.isOurs(remote.url)) return { kind: 'foreign' };
  if (remote.secretRotationGraceExpiresAt) return { kind: 'rotated' };
  const patch = patchFor(remote, ours.url, ours.events);
  const changed = Object.keys(patch);
  if (changed.length === 0) return { kind: 'healthy' };
  if (!(await unlessGone(client.updateWebhook(ours.id, patch)))) return { kind: 'missing', changed };
  return { kind: 'repaired', changed };
}

export const distribuRegistrationVoice: RegistrationVoice = { voice: distribuVoice, bounded: boundedText };

/** What Distribu's webhook record says about its health: disabled, within a rotation's grace window, or healthy. */
export function distribuHookHealth(hook: Pick<Webhook, 'isActive' | 'secretRotationGraceExpiresAt'>): Health {
  const graceEnd = graceEndOf(hook);
  if (hook.isActive === false) return { kind: 'disabled' };
  if (graceEnd !== undefined) return { kind: 'rotating', until: graceEnd };
  return { kind: 'healthy' };
}
