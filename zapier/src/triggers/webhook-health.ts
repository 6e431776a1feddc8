import type { Bundle, ZObject } from 'zapier-platform-core';
import { DistribuApiError, boundedText } from '@distribu/shared/runtime';
import { BoundedMemory, cacheGet, cacheSet } from '../state';
import { distribuClient } from '../transport';

/**
 * What Distribu says about this Zap's webhook (`GET /webhooks/{id}`), asked only when a delivery
 * fails verification or verifies only through `X-Webhook-Signature-Old`.
 */
export type WebhookHealth =
  | { kind: 'healthy' }
  | { kind: 'rotating'; until: number }
  | { kind: 'deleted' }
  | { kind: 'disabled' }
  | { kind: 'unknown'; why: string };

/** At most one check per webhook per minute in this process: a flood of forged POSTs costs one API call a minute. */
const CHECK_INTERVAL_MS = 60_000;
const recentChecks = new BoundedMemory<WebhookHealth>(1_000);

/**
 * `reuseHealthy: false` asks again when the last minute's answer was "healthy": a delivery that
 * proves a rotation (signed -Old with the stored secret) must not be judged on an answer from
 * before the rotation. Only the stored secret's holder can send one, so forgers cannot use it to
 * bypass the limit.
 */
export async function checkWebhook(z: ZObject, bundle: Bundle, webhookId: string, options: { reuseHealthy?: boolean } = {}): Promise<WebhookHealth> {
  const recent = recentChecks.get(webhookId);
  if (recent && (options.reuseHealthy !== false || recent.kind !== 'healthy')) return recent;
  let health: WebhookHealth;
  try {
    const hook = await distribuClient(z, bundle).getWebhook(webhookId);
    const graceEnd = hook.secretRotationGraceExpiresAt ? Date.parse(hook.secretRotationGraceExpiresAt) : NaN;
    if (hook.isActive === false) health = { kind: 'disabled' };
    else if (Number.isFinite(graceEnd)) health = { kind: 'rotating', until: graceEnd };
    else health = { kind: 'healthy' };
  } catch (error) {
    health = error instanceof DistribuApiError && error.status === 404 ? { kind: 'deleted' } : { kind: 'unknown', why: boundedText(String((error as Error)?.message ?? error)) };
  }
  recentChecks.set(webhookId, health, CHECK_INTERVAL_MS);
  return health;
}

/**
 * Known rotations: webhook id → the grace end (ms) until which the secret Zapier stored may still
 * sign `X-Webhook-Signature-Old`. Distribu's webhook shows the rotation only until the grace ends,
 * so once learned it is kept (z.cache when it answers, else this process) for ROTATION_MEMORY_DAYS,
 * renewed whenever a delivery runs into it.
 */
const ROTATION_MEMORY_DAYS = 30;
const ROTATION_TTL_S = ROTATION_MEMORY_DAYS * 24 * 3600;
const rotations = new BoundedMemory<number>(1_000);
const rotationKey = (webhookId: string) => `distribu:rotated:${webhookId}`;

export async function knownRotation(z: ZObject, webhookId: string): Promise<number | undefined> {
  const local = rotations.get(webhookId);
  if (local !== undefined) return local;
  const shared = await cacheGet<{ until?: unknown }>(z, rotationKey(webhookId));
  if (typeof shared?.until !== 'number') return undefined;
  rotations.set(webhookId, shared.until, ROTATION_TTL_S * 1000);
  return shared.until;
}

export async function rememberRotation(z: ZObject, webhookId: string, until: number): Promise<void> {
  rotations.set(webhookId, until, ROTATION_TTL_S * 1000);
  await cacheSet(z, rotationKey(webhookId), { until }, ROTATION_TTL_S);
}

/** The errors a user sees in Zap history, each saying exactly what to do. */
export function rotatedError(z: ZObject, webhookId: string, until: number, now = Date.now()): Error {
  const grace =
    until > now
      ? ` Deliveries Distribu still signs with the previous secret run until ${new Date(until).toISOString()}; after that, none will.`
      : '';
  return new z.errors.Error(
    `The signing secret of this Zap's Distribu webhook (${webhookId}) was rotated in Distribu, and Zapier cannot learn the new secret. ` +
      `Turn this Zap off and on again: that registers a fresh webhook with a new secret.${grace}`,
    'WebhookSecretRotated',
  );
}

export function deletedError(z: ZObject, webhookId: string): Error {
  return new z.errors.Error(
    `This Zap's Distribu webhook (${webhookId}) was deleted in Distribu, so nothing reaches this Zap. Turn this Zap off and on again to register a fresh webhook.`,
    'WebhookDeleted',
    404,
  );
}

export function disabledError(z: ZObject, webhookId: string): Error {
  return new z.errors.Error(
    `This Zap's Distribu webhook (${webhookId}) is disabled in Distribu, so nothing reaches this Zap. ` +
      'Re-enable it in Distribu under Settings → Webhooks, or turn this Zap off and on again to register a fresh webhook.',
    'WebhookDisabled',
  );
}
