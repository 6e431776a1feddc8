import fc from 'fast-check';
import { OrderGuard, ReplayGuard, orderingKey, normalizeDelivery } from '@distribu/shared/runtime';
import docs from '../fixtures/distribu-docs-payloads.json';

function item(envelope: unknown) {
  const result = normalizeDelivery(JSON.stringify(envelope));
  if (!result.ok) throw new Error(result.message);
  return result.item;
}

describe('ReplayGuard', () => {
  it('says first for a new id and replay for the same id within the ttl, first again after it', () => {
    const guard = new ReplayGuard({ ttlMs: 1000 });
    expect(guard.firstSeen('evt_a', 0)).toBe(true);
    expect(guard.firstSeen('evt_a', 999)).toBe(false);
    expect(guard.firstSeen('evt_b', 999)).toBe(true);
    expect(guard.firstSeen('evt_a', 1000)).toBe(true);
    expect(guard.firstSeen('evt_a', 1500)).toBe(false);
  });

  it('defaults to 24 hours', () => {
    const guard = new ReplayGuard();
    expect(guard.firstSeen('evt_a', 0)).toBe(true);
    expect(guard.firstSeen('evt_a', 24 * 3600 * 1000 - 1)).toBe(false);
    expect(guard.firstSeen('evt_a', 24 * 3600 * 1000)).toBe(true);
  });

  it('stays bounded: max + N ids leave max entries, the oldest forgotten first', () => {
    const max = 1000;
    const guard = new ReplayGuard({ max });
    for (let i = 0; i < max + 500; i += 1) expect(guard.firstSeen(`evt_${i}`, 0)).toBe(true);
    expect(guard.size).toBe(max);
    expect(guard.firstSeen(`evt_${max + 499}`, 0)).toBe(false); // newest still remembered
    expect(guard.firstSeen('evt_0', 0)).toBe(true); // oldest evicted
    expect(guard.size).toBe(max);
  });

  it('drops expired entries as time passes', () => {
    const guard = new ReplayGuard({ ttlMs: 10 });
    for (let i = 0; i < 100; i += 1) guard.firstSeen(`evt_${i}`, i);
    guard.firstSeen('evt_late', 200);
    expect(guard.size).toBe(1);
  });

  it('property: a replay within the ttl is never first, a new id always is', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 4 }), { maxLength: 200 }), (ids) => {
        const guard = new ReplayGuard({ max: 1000 });
        const seen = new Set<string>();
        for (const id of ids) {
          expect(guard.firstSeen(id, 0)).toBe(!seen.has(id));
          seen.add(id);
        }
      }),
    );
  });
});

describe('OrderGuard', () => {
  it('flags a strictly older timestamp for the same key as stale, and keeps the newest', () => {
    const guard = new OrderGuard();
    expect(guard.check('order:o1', '2026-04-16T14:22:00.000Z')).toBe('in-order'); // CONFIRMED
    expect(guard.check('order:o1', '2026-04-16T14:25:00.000Z')).toBe('in-order'); // SHIPPED
    expect(guard.check('order:o1', '2026-04-16T14:22:00.000Z')).toBe('stale'); // CONFIRMED again, late
    expect(guard.check('order:o1', '2026-04-16T14:25:00.000Z')).toBe('in-order'); // same instant: not older
    expect(guard.check('order:o2', '2026-04-16T14:00:00.000Z')).toBe('in-order'); // another order
    expect(guard.check('order:o1', 'not a time')).toBe('in-order');
    expect(guard.check('order:o1', '2026-04-16T14:24:59.999Z')).toBe('stale');
  });

  it('stays bounded: max + N keys leave max entries, the least recently updated forgotten', () => {
    const max = 500;
    const guard = new OrderGuard({ max });
    for (let i = 0; i < max + 200; i += 1) guard.check(`order:${i}`, '2026-01-01T00:00:01.000Z');
    expect(guard.size).toBe(max);
    expect(guard.check(`order:${max + 199}`, '2026-01-01T00:00:00.000Z')).toBe('stale');
    expect(guard.check('order:0', '2026-01-01T00:00:00.000Z')).toBe('in-order'); // forgotten
    expect(guard.size).toBe(max);
  });
});

describe('orderingKey', () => {
  const byEvent = Object.fromEntries(docs.verbatim.map((e) => [e.event, e]));

  it('names the resource and its id, so two events of one order compare', () => {
    const shipped = byEvent['order.shipped']!;
    const cancelled = byEvent['order.cancelled']!;
    expect(orderingKey(item(shipped))).toBe(`order:${(shipped.data as { id: string }).id}`);
    expect(orderingKey(item({ ...cancelled, data: { ...cancelled.data, id: 'o1' } }))).toBe('order:o1');
    expect(orderingKey(item({ ...shipped, data: { ...shipped.data, id: 'o1' } }))).toBe('order:o1');
    expect(orderingKey(item(byEvent['refund.processed']))).toBe('refund:clxxrefund1...');
    expect(orderingKey(item(byEvent['product.low_stock']))).toMatch(/^product:/);
  });

  it('has none for an event without a resource id, an unknown event, or a missing id', () => {
    expect(orderingKey(item(byEvent['invoice.paid']))).toBeUndefined();
    expect(orderingKey(item({ event: 'future.event', timestamp: 't', data: { id: 'x' } }))).toBeUndefined();
    expect(orderingKey(item({ event: 'order.shipped', timestamp: 't', data: {} }))).toBeUndefined();
  });
});
