// One delivery from hooks.zapier.com to a provider's hook trigger. Verified first (rotation-aware where the provider
// can be asked about its webhook: `subscription.health`), carrying out the kit's decision (shared/src/kit/judge.ts);
// then a delivery for another event, outside the replay window, outside the user's status or variant choice, or
// already run for this subscription returns [] with a log line naming the reason, never a secret.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { judge, normalizeWith, secretsFor, type HostAbilities, type HostEvent, type HostProvider, type RaiseKind, type TriggerItem } from '@distribu/shared/kit';
import { chosenVariant, fullRecordChoice, passesStatusFilter, sourced, FETCH_FULL_RECORD } from './hook-fields';
import { isOn } from './input-fields';
import { firstDelivery, isFresh, REPLAY_WINDOW_SECONDS } from './replays';
import { checkWebhook, deletedError, disabledError, knownRotation, rememberRotation, rotatedError, storedOf } from './webhook-health';
import { clientOf } from './connection';
import { inZapierWords } from './errors';

/** Event ids without an event time are remembered a day: a provider that promises nothing about delivery time may repeat one late. */
const SEEN_TTL_SECONDS = 24 * 3600;

export interface HookDelivery {
  host: HostProvider;
  label: string;
  /** The events this trigger runs for (the Zap's choice for "New Event"). */
  events: string[];
  /** The one event of a named trigger (its filters and item source); undefined for "New Event". */
  event?: HostEvent;
}

function raise(z: ZObject, host: HostProvider, webhookId: string, kind: RaiseKind, until: number | undefined): Error {
  if (kind === 'deleted') return deletedError(z, host, webhookId);
  if (kind === 'disabled') return disabledError(z, host, webhookId);
  return rotatedError(z, host, webhookId, until ?? Date.now());
}

/**
 * Verifies a delivery and carries out the decision: true to go on, false to ignore it (logged), or throws the error
 * the user must act on. Zapier cannot store a new secret, so it tells the user, asking the provider why a delivery
 * failed where it can. Only a webhook the provider itself shows as rotated, deleted or disabled raises: a forged POST
 * to a healthy Zap's URL is ignored, so a leaked hook URL can never switch a Zap off.
 */
async function verified(z: ZObject, bundle: Bundle, d: HookDelivery): Promise<boolean> {
  const { host } = d;
  const name = host.names.displayName;
  const asks = host.subscription.mode === 'api' && !!host.subscription.health;
  const zapier: HostAbilities = { heals: false, asksOnRefusal: asks };
  const raw = bundle.rawRequest;
  const webhookId = storedOf(bundle, 'id');
  const rotatedUntil = asks && webhookId ? await knownRotation(z, host, webhookId) : undefined;
  // Once the stored secret is known to be rotated away it counts only in the previous-secret header, only until the grace end.
  const verdict = host.verify({ body: raw?.content, headers: raw?.headers, ...secretsFor(storedOf(bundle, 'secret'), rotatedUntil) });
  const input = { verdict, subscribed: webhookId !== undefined, rotatedUntil, host: zapier };
  let decision = judge({ ...input, now: Date.now() });
  if (decision.do === 'ask') {
    const health = await checkWebhook(host, () => clientOf(z, host, bundle), webhookId!, { reuseHealthy: !decision.fresh });
    decision = judge({ ...input, health, now: Date.now() });
  }
  switch (decision.do) {
    case 'run':
      if (decision.remember !== undefined) {
        await rememberRotation(z, host, webhookId!, decision.remember);
        z.console.log(
          `This Zap's ${name} webhook secret was rotated; deliveries run until ${new Date(decision.remember).toISOString()}. Turn the Zap off and on to keep receiving them.`,
        );
      }
      return true;
    case 'raise':
      if (decision.remember !== undefined) await rememberRotation(z, host, webhookId!, decision.remember);
      throw raise(z, host, webhookId!, decision.kind, decision.until);
    case 'ignore': {
      const why = decision.unknownHealth === undefined ? decision.reason : `${decision.reason} (${name} could not be asked about the webhook: ${decision.unknownHealth})`;
      z.console.log(`Ignored a delivery for "${d.label}": ${why}`);
      return false;
    }
    default:
      // 'heal' is for hosts that can re-register; 'ask' was answered above.
      throw new Error(`Unexpected delivery decision: ${decision.do}`);
  }
}

export async function performHook(z: ZObject, bundle: Bundle, d: HookDelivery): Promise<TriggerItem[]> {
  const { host, event } = d;
  if (!(await verified(z, bundle, d))) return [];
  const raw = bundle.rawRequest!;
  const normalized = normalizeWith(host.provider.inbound, raw.content!, raw.headers);
  if (!normalized.ok) {
    z.console.log(`Ignored a delivery for "${d.label}": ${normalized.message}`);
    return [];
  }
  let item = normalized.item;
  if (!d.events.includes(item.event)) {
    z.console.log(`Ignored a ${item.event} delivery: this trigger runs only for ${d.events.join(', ')}.`);
    return [];
  }
  // A provider that sends no event time (an empty timestamp) has no replay window: its event id alone decides.
  const timed = item.timestamp !== '';
  if (timed && !isFresh(item)) {
    z.console.log(`Ignored delivery ${item.id}: its timestamp ${item.timestamp} is more than ${REPLAY_WINDOW_SECONDS} seconds from now (replayed or delayed).`);
    return [];
  }
  if (!passesStatusFilter(item, bundle.inputData)) {
    z.console.log(`Skipped: status ${String(item.status)} is not among the statuses chosen for this Zap.`);
    return [];
  }
  const variant = chosenVariant(event, bundle.inputData);
  if (variant !== undefined && item[event!.discriminator!.key] !== variant) {
    z.console.log(`Skipped: ${event!.discriminator!.label} ${String(item[event!.discriminator!.key])} is not the one chosen for this Zap.`);
    return [];
  }
  const full = host.hydrateByDefault === true || (!!fullRecordChoice(host, event ?? host.eventOf(item.event)) && isOn(bundle.inputData?.[FETCH_FULL_RECORD]));
  if (host.hydrate && full) {
    // A failed read is stated on the item, which still runs; only a refused key stops the run (ExpiredAuthError:
    // Zapier asks the user to reconnect and holds the run for a replay).
    // A session's token is renewed once on a 401 and the call repeated (a perform Zapier repeated would find its event id claimed).
    const client = clientOf(z, host, bundle, { renew: true });
    item = await inZapierWords(z, host, () => host.hydrate!(async () => client, item, (line) => z.console.log(line), { refusedKey: 'throw' }));
  }
  // Claimed last, so a run Zapier holds after a refused key (replayed once reconnected) is not mistaken for a replay.
  const claim = { provider: host.provider.id, ...(timed ? {} : { ttlSeconds: SEEN_TTL_SECONDS }) };
  if (!(await firstDelivery(z, storedOf(bundle, 'id') ?? 'no-webhook-id', item, claim))) {
    // An id digested from the content repeats only for the very same delivery; a provider's own event id repeats on its retries.
    const again = host.provider.inbound.id === 'content-digest' ? 'an exact replay' : 'the same event ID delivered again';
    z.console.log(`Ignored delivery ${item.id}: it already ran for this Zap (${again}).`);
    return [];
  }
  return [sourced(event, item, 'delivery')];
}
