// What the provider says about a Zap's webhook (the host's `subscription.health`), asked only when a delivery fails
// verification or verifies only through the previous-secret header; the rotations learnt that way; and the errors a
// user sees in Zap history, each saying exactly what to do, in the provider's name and places.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { ApiError, type Health, type HostProvider, type RestClient } from '@distribu/shared/kit';
import { BoundedMemory, cacheGet, cacheSet } from '../state';
import { boundedFor } from './errors';

/** At most one check per webhook per minute in this process: a flood of forged POSTs costs one API call a minute. */
const CHECK_INTERVAL_MS = 60_000;
const recentChecks = new BoundedMemory<Health>(1_000);

/**
 * `reuseHealthy: false` asks again when the last minute's answer was "healthy": a delivery that proves a rotation
 * (signed in the previous-secret header with the stored secret) must not be judged on an answer from before the
 * rotation. Only the stored secret's holder can send one, so forgers cannot use it to bypass the limit.
 */
export async function checkWebhook(host: HostProvider, client: () => RestClient, webhookId: string, options: { reuseHealthy?: boolean } = {}): Promise<Health> {
  const subscription = host.subscription;
  const key = `${host.provider.id}:${webhookId}`;
  const recent = recentChecks.get(key);
  if (recent && (options.reuseHealthy !== false || recent.kind !== 'healthy')) return recent;
  let health: Health;
  try {
    if (subscription.mode !== 'api' || !subscription.health) throw new Error(`${host.names.displayName} cannot be asked about a webhook.`);
    health = await subscription.health(client(), webhookId);
  } catch (error) {
    health = error instanceof ApiError && error.status === 404 ? { kind: 'deleted' } : { kind: 'unknown', why: boundedFor(host)(String((error as Error)?.message ?? error)) };
  }
  recentChecks.set(key, health, CHECK_INTERVAL_MS);
  return health;
}

/**
 * Known rotations: webhook id → the grace end (ms) until which the secret Zapier stored may still sign the
 * previous-secret header. A provider's webhook shows the rotation only until the grace ends, so once learned it is
 * kept (z.cache when it answers, else this process) for ROTATION_MEMORY_DAYS, renewed whenever a delivery runs into it.
 */
const ROTATION_MEMORY_DAYS = 30;
const ROTATION_TTL_S = ROTATION_MEMORY_DAYS * 24 * 3600;
const rotations = new BoundedMemory<number>(1_000);
const rotationKey = (host: HostProvider, webhookId: string) => `${host.provider.id}:rotated:${webhookId}`;

export async function knownRotation(z: ZObject, host: HostProvider, webhookId: string): Promise<number | undefined> {
  const key = rotationKey(host, webhookId);
  const local = rotations.get(key);
  if (local !== undefined) return local;
  const shared = await cacheGet<{ until?: unknown }>(z, key);
  if (typeof shared?.until !== 'number') return undefined;
  rotations.set(key, shared.until, ROTATION_TTL_S * 1000);
  return shared.until;
}

export async function rememberRotation(z: ZObject, host: HostProvider, webhookId: string, until: number): Promise<void> {
  const key = rotationKey(host, webhookId);
  rotations.set(key, until, ROTATION_TTL_S * 1000);
  await cacheSet(z, key, { until }, ROTATION_TTL_S);
}

export function rotatedError(z: ZObject, host: HostProvider, webhookId: string, until: number, now = Date.now()): Error {
  const name = host.names.displayName;
  const grace = until > now ? ` Deliveries ${name} still signs with the previous secret run until ${new Date(until).toISOString()}; after that, none will.` : '';
  return new z.errors.Error(
    `The signing secret of this Zap's ${name} webhook (${webhookId}) was rotated in ${name}, and Zapier cannot learn the new secret. ` +
      `Turn this Zap off and on again: that registers a fresh webhook with a new secret.${grace}`,
    'WebhookSecretRotated',
  );
}

export function deletedError(z: ZObject, host: HostProvider, webhookId: string): Error {
  const name = host.names.displayName;
  return new z.errors.Error(
    `This Zap's ${name} webhook (${webhookId}) was deleted in ${name}, so nothing reaches this Zap. Turn this Zap off and on again to register a fresh webhook.`,
    'WebhookDeleted',
    404,
  );
}

export function disabledError(z: ZObject, host: HostProvider, webhookId: string): Error {
  const name = host.names.displayName;
  return new z.errors.Error(
    `This Zap's ${name} webhook (${webhookId}) is disabled in ${name}, so nothing reaches this Zap. ` +
      `Re-enable it in ${name} under ${host.provider.voice.places.webhooks}, or turn this Zap off and on again to register a fresh webhook.`,
    'WebhookDisabled',
  );
}

/** The webhook id Zapier stored when the Zap was turned on. */
export function storedOf(bundle: Pick<Bundle, 'subscribeData'>, key: 'id' | 'secret'): string | undefined {
  const value = (bundle.subscribeData as Record<string, unknown> | undefined)?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
