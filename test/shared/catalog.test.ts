import { catalog, resources } from '@distribu/shared/catalog';
import { dataSchema, deliverySchema, envelopeSchema } from '@distribu/shared/schemas';
import { events } from '@distribu/shared/runtime';
import docs from '../fixtures/distribu-docs-payloads.json';

const documented = [...docs.verbatim, ...docs.described.map((d) => d.envelope)];

describe('the catalog', () => {
  it("holds Distribu's twelve events", () => {
    expect(catalog.map((e) => e.name).sort()).toEqual(
      [
        'customer.created',
        'customer.updated',
        'invoice.paid',
        'order.cancelled',
        'order.created',
        'order.shipped',
        'order.status_changed',
        'product.low_stock',
        'product.updated',
        'refund.processed',
        'return.approved',
        'return.created',
      ].sort(),
    );
  });

  it.each(catalog.map((e) => [e.name, e] as const))('%s has a sample for every variant, and every sample parses', (_, entry) => {
    const sampled = new Set(entry.samples.map((s) => s.variant));
    expect([...sampled].sort()).toEqual(Object.keys(entry.variants).sort());
    for (const sample of entry.samples) {
      expect(sample.envelope.event).toBe(entry.name);
      expect(deliverySchema(entry.name).safeParse(sample.envelope).error).toBeUndefined();
      // ...and parses as the variant it claims to be.
      const variant = (entry.variants as Record<string, { safeParse: (v: unknown) => { success: boolean } }>)[sample.variant]!;
      expect(variant.safeParse(sample.envelope.data).success).toBe(true);
    }
  });

  it.each(documented.map((e, i) => [`${e.event} #${i}`, e] as const))(
    "accepts Distribu's documented payload %s",
    (_, envelope) => {
      // The docs abbreviate ids ("clxxorder123..."): still non-empty strings.
      const name = envelope.event as (typeof catalog)[number]['name'];
      expect(deliverySchema(name).safeParse(envelope).error).toBeUndefined();
    },
  );

  it('covers every documented shape with a distinct variant where the docs name one', () => {
    const created = catalog.find((e) => e.name === 'order.created')!;
    const [storefront, api] = docs.verbatim.filter((e) => e.event === 'order.created');
    expect(created.variants.storefront.safeParse(storefront!.data).success).toBe(true);
    expect(created.variants.api.safeParse(api!.data).success).toBe(true);
    // The storefront shape lacks items and the API shape lacks itemCount: neither passes as the other.
    expect(created.variants.api.safeParse(storefront!.data).success).toBe(false);
    expect(created.variants.storefront.safeParse(api!.data).success).toBe(false);
  });

  it('lets unknown extra fields pass through', () => {
    const sample = catalog[0].samples[0]!.envelope;
    const extended = { ...sample, deliveryAttempt: 1, data: { ...sample.data, currency: 'usd', discount: { code: 'X' } } };
    const parsed = deliverySchema('order.created').parse(extended) as { data: Record<string, unknown> };
    expect(parsed.data.currency).toBe('usd');
    expect(parsed.data.discount).toEqual({ code: 'X' });
  });

  it('rejects payloads that break the documented types', () => {
    const bad = { event: 'order.shipped', timestamp: '2026-04-17T09:10:00.000Z', data: { id: 'o', previousStatus: 'CONFIRMED', total: 1, customerId: null, tracking: null } };
    expect(deliverySchema('order.shipped').safeParse(bad).success).toBe(false); // tracking is required on order.shipped
    expect(dataSchema('refund.processed').safeParse({ id: 'r' }).success).toBe(false);
  });

  it('parses the envelope of an event it does not know yet', () => {
    expect(envelopeSchema.safeParse({ event: 'product.created', timestamp: '2026-04-17T09:10:00.000Z', data: { id: 'p' } }).success).toBe(true);
  });

  it.each(catalog.map((e) => [e.name, e] as const))('%s has presentation metadata both connectors can use', (_, entry) => {
    expect(entry.label).toMatch(/^([A-Z][a-z]+)( [A-Z][a-z]+)*$/);
    expect(entry.label.length).toBeLessThanOrEqual(64);
    expect(entry.description).toMatch(/^Triggers when [^A-Z].*\.$/);
    expect(entry.description).not.toMatch(/Distribu/);
    expect(resources[entry.resource].noun).toMatch(/^[A-Z][a-z]+$/);
  });
});

describe('generated artifacts', () => {
  // That they are up to date with the catalog: test/generated.test.ts, for every generated file.
  it('give each runtime event the list endpoint, sample and fields', () => {
    const byName = Object.fromEntries(events.map((e) => [e.name, e]));
    expect(byName['order.shipped']!.list).toMatchObject({ path: '/orders', query: { status: 'SHIPPED' }, scope: 'orders:read' });
    expect(byName['product.low_stock']!.list).toMatchObject({ path: '/products', where: { field: 'stock', gt: 0, lte: 5 } });
    for (const name of ['return.created', 'return.approved', 'refund.processed', 'invoice.paid']) expect(byName[name]!.list).toBeNull();
    for (const e of events) {
      const keys = new Set(Object.keys(e.sample));
      const topLevel = e.fields.filter((f) => !f.key.includes('.') && !f.key.includes('['));
      // Every always-present field is in the sample, and every sample key is a described field.
      for (const f of topLevel.filter((f) => f.required)) expect([e.name, keys.has(f.key)]).toEqual([e.name, true]);
      for (const k of keys) expect([e.name, topLevel.some((f) => f.key === k)]).toEqual([e.name, true]);
    }
  });
});
