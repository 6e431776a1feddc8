// Unit tests of zapier/src/state.ts's branches: the bounded per-process memory, and the z.cache
// claim (set-if-absent, then read back) against a cache that honours nx, one that ignores it (as
// core's test mock does) and one that throws (as z.cache does outside Zapier).
import { BoundedMemory, cacheClaim } from '../../zapier/src/state';

test('BoundedMemory keeps at most `max` entries, evicting the oldest, and forgets expired ones', () => {
  const memory = new BoundedMemory<number>(3);
  for (let i = 0; i < 5; i += 1) memory.set(`k${i}`, i, 1_000, 0);
  expect(memory.size).toBe(3);
  expect([memory.get('k0', 0), memory.get('k1', 0), memory.get('k2', 0), memory.get('k4', 0)]).toEqual([undefined, undefined, 2, 4]);
  expect(memory.get('k4', 1_000)).toBeUndefined();
});

function zWith(cache: { get: (key: string) => Promise<unknown>; set: (key: string, value: unknown, ttl?: number, scope?: unknown, nx?: boolean) => Promise<unknown> }) {
  const lines: string[] = [];
  return { z: { cache, console: { log: (line: string) => lines.push(line) } } as any, lines };
}

test('a cache that honours nx: the first claim wins, the second is a replay', async () => {
  const store = new Map<string, unknown>();
  const { z } = zWith({
    get: async (key) => store.get(key) ?? null,
    set: async (key, value, _ttl, _scope, nx) => {
      if (nx && store.has(key)) return false;
      store.set(key, value);
      return true;
    },
  });
  expect(await cacheClaim(z, 'seen:1', 60)).toBe('first');
  expect(await cacheClaim(z, 'seen:1', 60)).toBe('replay');
  expect(await cacheClaim(z, 'seen:2', 60)).toBe('first');
});

test('a cache that ignores nx (core\'s test mock): every claim reads its own token back, none is refused', async () => {
  const store = new Map<string, unknown>();
  const { z } = zWith({ get: async (key) => store.get(key) ?? null, set: async (key, value) => void store.set(key, value) });
  expect(await cacheClaim(z, 'seen:1', 60)).toBe('first');
  expect(await cacheClaim(z, 'seen:1', 60)).toBe('first');
});

test('a cache that throws: unknown, logged once, and not asked again for a minute', async () => {
  let calls = 0;
  const { z, lines } = zWith({
    get: async () => null,
    set: async () => {
      calls += 1;
      throw new Error('rpc is not available');
    },
  });
  expect(await cacheClaim(z, 'seen:1', 60)).toBe('unknown');
  expect(await cacheClaim(z, 'seen:2', 60)).toBe('unknown');
  expect(calls).toBe(1);
  expect(lines).toEqual(["Zapier's cache (z.cache) did not answer; this run remembers deliveries in its own process only."]);
});

test('a cache call that hangs is given up after 5 s', async () => {
  let claim: typeof cacheClaim | undefined;
  jest.isolateModules(() => {
    claim = require('../../zapier/src/state').cacheClaim; // a fresh module: its cache is not marked down
  });
  jest.useFakeTimers();
  try {
    const { z, lines } = zWith({ get: async () => null, set: () => new Promise(() => undefined) });
    const pending = claim!(z, 'seen:1', 60);
    await jest.advanceTimersByTimeAsync(5_000);
    expect(await pending).toBe('unknown');
    expect(lines).toHaveLength(1);
  } finally {
    jest.useRealTimers();
  }
});
