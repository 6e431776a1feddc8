import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  fetchFullRecord,
  judge,
  normalizeDelivery,
  secretsFor,
  verifyDelivery,
  type HostAbilities,
  type RaiseKind,
  type RuntimeEvent,
  type TriggerItem,
} from '@distribu/shared/runtime';
import { expiredAuthError } from '../errors';
import { distribuClient } from '../transport';
import { FETCH_FULL_RECORD, isOn, passesStatusFilter, passesVariantFilter } from './input-fields';
import { withItemSource } from './item-source';
import { firstDelivery, isFresh, REPLAY_WINDOW_SECONDS } from './replays';
import { checkWebhook, deletedError, disabledError, knownRotation, rememberRotation, rotatedError } from './webhook-health';

function stored(bundle: Bundle, key: 'id' | 'secret'): string | undefined {
  const value = (bundle.subscribeData as Record<string, unknown> | undefined)?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Adds the full REST record's fields. A failed read keeps the item, with `fullRecordError` (the
 * shared policy, docs/normalization.md); only a revoked key (401) stops the run, as
 * ExpiredAuthError: Zapier then asks the user to reconnect and holds the run for a replay.
 */
async function hydrate(z: ZObject, bundle: Bundle, event: RuntimeEvent, item: TriggerItem): Promise<TriggerItem> {
  const outcome = await fetchFullRecord(distribuClient(z, bundle), event, item, { log: (line) => z.console.log(line) });
  if (outcome.authFailed) throw expiredAuthError(z, String(outcome.item.fullRecordError));
  return outcome.item;
}

/** What Zapier can do about a webhook: it cannot store a new secret, so it tells the user, and asks Distribu why a delivery failed. */
const ZAPIER: HostAbilities = { heals: false, asksOnRefusal: true };

function raise(z: ZObject, webhookId: string, kind: RaiseKind, until: number | undefined): Error {
  if (kind === 'deleted') return deletedError(z, webhookId);
  if (kind === 'disabled') return disabledError(z, webhookId);
  return rotatedError(z, webhookId, until ?? Date.now());
}

/**
 * Verifies a delivery, rotation-aware, and carries out the kit's decision (shared/src/kit/judge.ts):
 * returns true to go on, false to ignore it (logged), or throws the error the user must act on.
 * Only a webhook Distribu itself shows as rotated, deleted or disabled raises: a forged POST to a
 * healthy Zap's URL is ignored, so a leaked hook URL can never switch a Zap off.
 */
async function verified(z: ZObject, bundle: Bundle, label: string): Promise<boolean> {
  const raw = bundle.rawRequest;
  const webhookId = stored(bundle, 'id');
  const rotatedUntil = webhookId ? await knownRotation(z, webhookId) : undefined;
  // Once the stored secret is known to be rotated away it counts only in -Old, only until the grace end.
  const verdict = verifyDelivery({ body: raw?.content, headers: raw?.headers, ...secretsFor(stored(bundle, 'secret'), rotatedUntil) });
  const input = { verdict, subscribed: webhookId !== undefined, rotatedUntil, host: ZAPIER };
  let decision = judge({ ...input, now: Date.now() });
  if (decision.do === 'ask') {
    const health = await checkWebhook(z, bundle, webhookId!, { reuseHealthy: !decision.fresh });
    decision = judge({ ...input, health, now: Date.now() });
  }
  switch (decision.do) {
    case 'run':
      if (decision.remember !== undefined) {
        await rememberRotation(z, webhookId!, decision.remember);
        z.console.log(
          `This Zap's Distribu webhook secret was rotated; deliveries run until ${new Date(decision.remember).toISOString()}. Turn the Zap off and on to keep receiving them.`,
        );
      }
      return true;
    case 'raise':
      if (decision.remember !== undefined) await rememberRotation(z, webhookId!, decision.remember);
      throw raise(z, webhookId!, decision.kind, decision.until);
    case 'ignore': {
      const why = decision.unknownHealth === undefined ? decision.reason : `${decision.reason} (Distribu could not be asked about the webhook: ${decision.unknownHealth})`;
      z.console.log(`Ignored a delivery for "${label}": ${why}`);
      return false;
    }
    default:
      // 'heal' is for hosts that can re-register; 'ask' was answered above.
      throw new Error(`Unexpected delivery decision: ${decision.do}`);
  }
}

/**
 * One delivery from hooks.zapier.com. Verified first (see `verified`); then a delivery for
 * another event, outside the status filter, outside the replay window or already run for this
 * subscription returns `[]` with a log line. Logs name the reason, never a secret.
 */
export async function performHook(z: ZObject, bundle: Bundle, event: RuntimeEvent): Promise<TriggerItem[]> {
  if (!(await verified(z, bundle, event.label))) return [];
  const normalized = normalizeDelivery(bundle.rawRequest!.content!);
  if (!normalized.ok) {
    z.console.log(`Ignored a delivery for "${event.label}": ${normalized.message}`);
    return [];
  }
  let item = normalized.item;
  if (item.event !== event.name) {
    z.console.log(`Ignored a ${item.event} delivery: this trigger runs only for ${event.name}.`);
    return [];
  }
  if (!isFresh(item)) {
    z.console.log(`Ignored delivery ${item.id}: its timestamp ${item.timestamp} is more than ${REPLAY_WINDOW_SECONDS} seconds from now (replayed or delayed).`);
    return [];
  }
  if (!passesStatusFilter(item, bundle.inputData)) {
    z.console.log(`Skipped: status ${String(item.status)} is not among the statuses chosen for this Zap.`);
    return [];
  }
  if (!passesVariantFilter(event, item, bundle.inputData)) {
    z.console.log(`Skipped: ${event.discriminator!.label} ${String(item[event.discriminator!.key])} is not the one chosen for this Zap.`);
    return [];
  }
  if (isOn(bundle.inputData?.[FETCH_FULL_RECORD])) item = await hydrate(z, bundle, event, item);
  // Claimed last, so a run Zapier holds after a refused key (replayed once reconnected) is not mistaken for a replay.
  if (!(await firstDelivery(z, stored(bundle, 'id') ?? 'no-webhook-id', item, { provider: 'distribu' }))) {
    z.console.log(`Ignored delivery ${item.id}: it already ran for this Zap (an exact replay).`);
    return [];
  }
  return [withItemSource(item, 'delivery')];
}
