import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  OLD_SIGNATURE_HEADER,
  fetchFullRecord,
  normalizeDelivery,
  verify,
  type RuntimeEvent,
  type TriggerItem,
} from '@distribu/shared/runtime';
import { expiredAuthError } from '../errors';
import { distribuClient } from '../transport';
import { FETCH_FULL_RECORD, isOn, passesStatusFilter } from './input-fields';
import { firstDelivery, isFresh, REPLAY_WINDOW_SECONDS } from './replays';
import { checkWebhook, deletedError, disabledError, knownRotation, rememberRotation, rotatedError, type WebhookHealth } from './webhook-health';

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

/** Raises the Zap-history error for a webhook Distribu shows as broken; returns for healthy or unknown. */
async function raiseIfBroken(z: ZObject, webhookId: string, health: WebhookHealth): Promise<void> {
  if (health.kind === 'deleted') throw deletedError(z, webhookId);
  if (health.kind === 'disabled') throw disabledError(z, webhookId);
  if (health.kind === 'rotating') {
    await rememberRotation(z, webhookId, health.until);
    throw rotatedError(z, webhookId, health.until);
  }
}

/**
 * Verifies a delivery, rotation-aware. Returns true to go on, false to ignore it (logged), or
 * throws the error the user must act on. Only a webhook Distribu itself shows as rotated,
 * deleted or disabled raises: a forged POST to a healthy Zap's URL is ignored, so a leaked hook
 * URL can never switch a Zap off.
 */
async function verified(z: ZObject, bundle: Bundle, label: string): Promise<boolean> {
  const raw = bundle.rawRequest;
  const secret = stored(bundle, 'secret');
  const webhookId = stored(bundle, 'id');
  const rotatedUntil = webhookId ? await knownRotation(z, webhookId) : undefined;
  // Once the stored secret is known to be rotated away it counts only in -Old, only until the grace end.
  const verdict = verify({
    body: raw?.content,
    headers: raw?.headers,
    secrets: rotatedUntil === undefined ? secret : [],
    previous: rotatedUntil !== undefined && secret ? [{ secret, until: rotatedUntil }] : [],
  });
  const ignore = (why: string) => {
    z.console.log(`Ignored a delivery for "${label}": ${why}`);
    return false;
  };

  if (verdict.ok) {
    if (verdict.header !== OLD_SIGNATURE_HEADER || rotatedUntil !== undefined || !webhookId) return true;
    // The stored secret matched only the -Old header: Distribu rotated it. Learn the grace end.
    const health = await checkWebhook(z, bundle, webhookId, { reuseHealthy: false });
    if (health.kind === 'rotating') {
      await rememberRotation(z, webhookId, health.until);
      z.console.log(
        `This Zap's Distribu webhook secret was rotated; deliveries run until ${new Date(health.until).toISOString()}. Turn the Zap off and on to keep receiving them.`,
      );
      return true;
    }
    if (health.kind === 'healthy') {
      // Rotated, and the grace window is already over: nothing signed with the stored secret counts now.
      await rememberRotation(z, webhookId, Date.now());
      throw rotatedError(z, webhookId, Date.now());
    }
    await raiseIfBroken(z, webhookId, health);
    return true; // could not ask Distribu: the -Old signature is valid, as Distribu sends it only during a grace window
  }

  if (!webhookId) return ignore(verdict.message);
  if (rotatedUntil !== undefined) {
    if (Date.now() >= rotatedUntil) {
      await rememberRotation(z, webhookId, rotatedUntil); // renews the memory while deliveries keep coming
      throw rotatedError(z, webhookId, rotatedUntil);
    }
    return ignore(verdict.message); // within the grace window Distribu signs -Old with the stored secret: this one is forged
  }
  const health = await checkWebhook(z, bundle, webhookId);
  await raiseIfBroken(z, webhookId, health);
  if (health.kind === 'unknown') return ignore(`${verdict.message} (Distribu could not be asked about the webhook: ${health.why})`);
  return ignore(verdict.message);
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
  if (isOn(bundle.inputData?.[FETCH_FULL_RECORD])) item = await hydrate(z, bundle, event, item);
  // Claimed last, so a run Zapier holds after a refused key (replayed once reconnected) is not mistaken for a replay.
  if (!(await firstDelivery(z, stored(bundle, 'id') ?? 'no-webhook-id', item))) {
    z.console.log(`Ignored delivery ${item.id}: it already ran for this Zap (an exact replay).`);
    return [];
  }
  return [item];
}
