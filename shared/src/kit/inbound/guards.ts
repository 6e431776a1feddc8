/**
 * Per-process memory of deliveries already seen, bounded in size: a receiver that runs for months
 * must not grow without limit, so the oldest entries are forgotten first. The scope is one process
 * (one n8n instance or worker, one Zapier runtime): another process does not share it. Keys are the
 * caller's: an event id (from the provider's header, body or a content digest) scoped as it needs.
 */
import type { TriggerItem } from '../types';

const DEFAULT_MAX = 10_000;
const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;

function positiveInteger(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}

/** Evicts the least recently written entries of a Map until it holds at most `max`. */
function trim(map: Map<string, number>, max: number): void {
  while (map.size > max) map.delete(map.keys().next().value as string);
}

/** Refuses an exact replay (same event id) within `ttlMs`. */
export class ReplayGuard {
  private readonly max: number;
  private readonly ttlMs: number;
  /** id → when it was first seen; insertion order is age order. */
  private readonly seen = new Map<string, number>();

  constructor(options: { max?: number; ttlMs?: number } = {}) {
    this.max = positiveInteger(options.max, DEFAULT_MAX);
    this.ttlMs = positiveInteger(options.ttlMs, DEFAULT_TTL_MS);
  }

  get size(): number {
    return this.seen.size;
  }

  /** True the first time an id is seen within the ttl; false for a replay. O(1) amortized. */
  firstSeen(id: string, now: number = Date.now()): boolean {
    // Entries expire in insertion order: drop the expired ones at the front.
    for (const [oldest, at] of this.seen) {
      if (now - at < this.ttlMs) break;
      this.seen.delete(oldest);
    }
    const at = this.seen.get(id);
    if (at !== undefined && now - at < this.ttlMs) return false;
    this.seen.delete(id);
    this.seen.set(id, now);
    trim(this.seen, this.max);
    return true;
  }

  /**
   * Forgets an id whose run did not start after all (the host failed to emit it, or answered the
   * provider with an error): a provider that retries then gets it run by its next attempt. A
   * receiver keyed by a durable body id (not a per-send delivery id) claims with firstSeen() before
   * emitting and releases on failure, so each event runs once however the provider retries.
   */
  release(id: string): void {
    this.seen.delete(id);
  }
}

/** Remembers the newest `timestamp` seen per resource, to flag deliveries that arrive out of order. */
export class OrderGuard {
  private readonly max: number;
  /** key → newest timestamp (ms); insertion order is least recently updated first. */
  private readonly newest = new Map<string, number>();

  constructor(options: { max?: number } = {}) {
    this.max = positiveInteger(options.max, DEFAULT_MAX);
  }

  get size(): number {
    return this.newest.size;
  }

  /**
   * 'stale' when `timestamp` is strictly older than the newest already seen for `key`; otherwise
   * 'in-order', and a newer timestamp is recorded. An unreadable timestamp cannot be judged: 'in-order'.
   */
  check(key: string, timestamp: string): 'in-order' | 'stale' {
    const at = Date.parse(timestamp);
    if (Number.isNaN(at)) return 'in-order';
    const known = this.newest.get(key);
    if (known !== undefined && at < known) return 'stale';
    this.newest.delete(key);
    this.newest.set(key, known === undefined ? at : Math.max(at, known));
    trim(this.newest, this.max);
    return 'in-order';
  }
}

/**
 * Which resource a delivery is about, e.g. `order:clx…`, from the event's resource name and id key:
 * deliveries with the same key describe the same record, so their timestamps compare. Undefined
 * when the event has no resource id or is unknown.
 */
export function orderingKeyOf(item: TriggerItem, spec: { resource: string; idKey: string | null } | undefined): string | undefined {
  const id = spec?.idKey ? item[spec.idKey] : undefined;
  return spec && typeof id === 'string' && id !== '' ? `${spec.resource}:${id}` : undefined;
}

/**
 * Whether a delivery's own ISO timestamp (a signed body field) is within `windowSeconds` of now,
 * in either direction: a receiver's replay window when the provider signs no timestamp header.
 * `windowSeconds` 0 turns the check off; an unreadable timestamp is outside any window.
 */
export function isWithinReplayWindow(timestamp: unknown, windowSeconds: number, now: number = Date.now()): boolean {
  if (!windowSeconds || windowSeconds <= 0) return true;
  if (typeof timestamp !== 'string') return false;
  const at = Date.parse(timestamp);
  if (Number.isNaN(at)) return false;
  return Math.abs(now - at) <= windowSeconds * 1000;
}
