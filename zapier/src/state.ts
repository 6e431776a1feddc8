import { randomUUID } from 'node:crypto';
import type { ZObject } from 'zapier-platform-core';

/**
 * What perform remembers between deliveries (a known rotation, event ids already run).
 *
 * First choice is Zapier's `z.cache` (core 19: src/tools/create-cache.js, `get(key, scope)` and
 * `set(key, value, ttl, scope, nx)` over Zapier's RPC), shared by every process that runs this
 * app for the connected account (`scope: ['auth']`). Where it does not answer (core throws "rpc is
 * not available" / "No token found" outside Zapier, or the RPC fails) the value is kept in this
 * process's memory only, bounded; callers must treat that as the weaker, per-process scope.
 */
const SCOPE = ['auth'];
/** After z.cache failed, how long this process does without it before trying again. */
const CACHE_RETRY_MS = 60_000;
/** core's RPC calls have no timeout of their own; a hook's perform has 30 s in all. */
const CACHE_CALL_TIMEOUT_MS = 5_000;
const MEMORY_MAX = 10_000;

let cacheDownUntil = 0;

/** A Map with a size cap (oldest entry evicted first) and per-entry expiry. */
export class BoundedMemory<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();
  constructor(private readonly max = MEMORY_MAX) {}

  get(key: string, now = Date.now()): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V, ttlMs: number, now = Date.now()): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: now + ttlMs });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}

type Cache = ZObject['cache'];

async function viaCache<T>(z: ZObject, use: (cache: Cache) => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
  if (Date.now() < cacheDownUntil || !z.cache) return { ok: false };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('z.cache timed out')), CACHE_CALL_TIMEOUT_MS);
  });
  try {
    return { ok: true, value: await Promise.race([use(z.cache), timeout]) };
  } catch {
    cacheDownUntil = Date.now() + CACHE_RETRY_MS;
    z.console.log("Zapier's cache (z.cache) did not answer; this run remembers deliveries in its own process only.");
    return { ok: false };
  } finally {
    clearTimeout(timer);
  }
}

/** Reads a value: z.cache, else undefined (the caller keeps its own per-process copy). */
export async function cacheGet<T>(z: ZObject, key: string): Promise<T | undefined> {
  const result = await viaCache(z, (cache) => (cache.get as (k: string, scope: string[]) => Promise<unknown>)(key, SCOPE));
  return result.ok && result.value !== null && result.value !== undefined ? (result.value as T) : undefined;
}

/** Stores a value in z.cache for `ttlSeconds`; false when z.cache could not be used. */
export async function cacheSet(z: ZObject, key: string, value: unknown, ttlSeconds: number): Promise<boolean> {
  const result = await viaCache(z, (cache) => cache.set(key, value, Math.max(1, Math.ceil(ttlSeconds)), SCOPE));
  return result.ok;
}

/**
 * Claims `key` across processes: set-if-absent (`nx`), then read back. Only the run whose own
 * random token is stored wins. This relies on nx meaning "do not overwrite", not on what Zapier's
 * RPC returns from `set` (core passes that through undocumented). Returns 'first' | 'replay', or
 * 'unknown' when z.cache could not be used.
 */
export async function cacheClaim(z: ZObject, key: string, ttlSeconds: number): Promise<'first' | 'replay' | 'unknown'> {
  const token = randomUUID();
  const result = await viaCache(z, async (cache) => {
    await cache.set(key, token, Math.max(1, Math.ceil(ttlSeconds)), SCOPE, true);
    return (cache.get as (k: string, scope: string[]) => Promise<unknown>)(key, SCOPE);
  });
  if (!result.ok) return 'unknown';
  return result.value === token ? 'first' : 'replay';
}
