import type { ZObject } from 'zapier-platform-core';
import { ReplayGuard, isWithinReplayWindow, type TriggerItem } from '@distribu/shared/kit';
import { cacheClaim } from '../state';

/**
 * Replay protection for hook deliveries, for every provider's REST-hook triggers (hooks.ts).
 * A delivery whose signed envelope carries a `timestamp` older (or further in the future) than the window
 * starts no run. Within the window, an exact replay (the same event id) starts no
 * second run: remembered in this process (bounded) and, when Zapier's z.cache answers, across
 * every process running this app. The memory outlives the window, so an exact replay meets
 * one or the other (in another process, only while z.cache answers). Why the window is what it
 * is: zapier/README.md, "Replays".
 */
export const REPLAY_WINDOW_SECONDS = 3600;
/** Kept a little longer than the window, so a delivery at the window's edge is still remembered. */
const SEEN_TTL_SECONDS = REPLAY_WINDOW_SECONDS + 300;
const seenHere = new ReplayGuard({ ttlMs: SEEN_TTL_SECONDS * 1000 });

export function isFresh(item: TriggerItem, now = Date.now()): boolean {
  return isWithinReplayWindow(item.timestamp, REPLAY_WINDOW_SECONDS, now);
}

/**
 * True the first time this subscription sees this event id. Keyed by webhook too: two Zaps on the
 * same event get the very same body (and id), and each must run once. `provider`: its id, the key's prefix
 * (one Zapier cache per app, but the key says whose event it is).
 */
export async function firstDelivery(z: ZObject, webhookId: string, item: TriggerItem, options: { provider: string; ttlSeconds?: number }): Promise<boolean> {
  const key = `${options.provider}:seen:${webhookId}:${item.id}`;
  if (!seenHere.firstSeen(key)) return false;
  return (await cacheClaim(z, key, options.ttlSeconds ?? SEEN_TTL_SECONDS)) !== 'replay';
}
