import { catalog } from '@distribu/shared/catalog';
import { verify } from '@distribu/shared/runtime';
import { deliverySchema } from '@distribu/shared/schemas';
import type { Caught } from '../../scripts/catcher';
import { client } from './support/http';
import { sandboxSuite } from './support/suite';

// Every documented variant of every event, produced through the sandbox control, delivered over
// real HTTP, signed with the webhook's secret and valid against the shared catalog's schema.

/** The part of a zod object schema this test uses (kept structural: the root may resolve another zod). */
interface Parser {
  safeParse(value: unknown): { success: boolean };
}
interface ObjectSchema extends Parser {
  shape: Record<string, Parser>;
}

const suite = sandboxSuite({ reset: false });
const { api } = suite;
let secret: string;
let webhookId: string;

beforeAll(async () => {
  const res = await api('POST', '/api/v1/webhooks', { url: `${suite.catcher.url}/all`, events: catalog.map((e) => e.name) });
  expect(res.status).toBe(201);
  secret = res.body.data.secret;
  webhookId = res.body.data.id;
});

function checkDelivery(c: Caught, event: string): void {
  expect(c.method).toBe('POST');
  expect(c.headers['content-type']).toMatch(/^application\/json/);
  expect(c.headers['x-webhook-event']).toBe(event);
  expect(c.headers['x-webhook-signature-old']).toBeUndefined();
  expect(verify({ body: c.raw, headers: c.headers, secrets: [secret] })).toEqual({ ok: true, header: 'X-Webhook-Signature' });
}

const cases = catalog.flatMap((entry) => Object.keys(entry.variants).map((variant) => [entry.name, variant] as const));

test('the catalog has 12 events and the cases cover every variant', () => {
  expect(catalog).toHaveLength(12);
  expect(cases.length).toBe(catalog.reduce((n, e) => n + Object.keys(e.variants).length, 0));
});

/** What else the real state change fires, as documented (shipping also changes the status...). */
const coFired: Record<string, string[]> = {
  'order.shipped/default': ['order.status_changed', 'order.shipped'],
  'order.cancelled/default': ['order.status_changed', 'order.cancelled'],
  'product.low_stock/manual': ['product.updated', 'product.low_stock'], // a manual stock edit is a product edit
};

describe.each(cases)('%s (%s)', (event, variant) => {
  test('fires through its state change, delivers signed, validates and has exactly the variant’s fields', async () => {
    const res = await client(suite.sb.url, null)('POST', `/_sandbox/events/${event}`, { variant });
    expect(res.status).toBe(200);
    const fired = res.body.fired as Array<{ event: string; envelope: unknown; deliveries: Array<{ webhookId: string; ok: boolean; status: number }> }>;
    expect(fired.map((f) => f.event)).toEqual(coFired[`${event}/${variant}`] ?? [event]);
    const mine = fired.filter((f) => f.event === event);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.deliveries).toEqual([expect.objectContaining({ webhookId, ok: true, status: 200 })]);

    // Every event the change fired reached the suite.catcher, byte for byte as reported.
    expect(suite.catcher.caught).toHaveLength(fired.length);
    for (const f of fired) {
      const got = suite.catcher.caught.find((c) => c.raw.toString('utf8') === JSON.stringify(f.envelope));
      expect(got).toBeDefined();
      checkDelivery(got!, f.event);
      expect(deliverySchema(f.event as never).safeParse(got!.json).success).toBe(true);
    }

    const delivered = suite.catcher.caught.find((c) => c.json.event === event)!;
    const parsed = deliverySchema(event).safeParse(delivered.json);
    if (!parsed.success) throw new Error(`${event}/${variant} failed its schema: ${parsed.error.message}`);

    const entry = catalog.find((e) => e.name === event)!;
    const schema = (entry.variants as unknown as Record<string, ObjectSchema>)[variant]!;
    expect(schema.safeParse(delivered.json.data).success).toBe(true);
    // Exactly the documented fields of this variant (optional ones may be absent).
    const documented = Object.keys(schema.shape);
    expect(Object.keys(delivered.json.data).filter((k) => !documented.includes(k))).toEqual([]);
    const required = documented.filter((k) => !schema.shape[k]!.safeParse(undefined).success);
    expect(required.filter((k) => !(k in delivered.json.data))).toEqual([]);
    expect(Date.parse(delivered.json.timestamp)).toBeGreaterThan(Date.now() - 60_000);
  });
});

test('variants are told apart the way the catalog says (discriminators)', async () => {
  for (const entry of catalog.filter((e) => e.discriminator)) {
    for (const variant of Object.keys(entry.variants)) {
      suite.catcher.clear();
      await suite.sb.fire(entry.name, { variant });
      const data = suite.catcher.caught.find((c) => c.json.event === entry.name)!.json.data;
      const rule = entry.discriminator!.rules.find((r) => (r.has ? r.has in data : r.lacks ? !(r.lacks in data) : true))!;
      expect(rule.variant).toBe(variant);
    }
  }
});

test('firing without a variant uses the first sample’s variant', async () => {
  const res = await client(suite.sb.url, null)('POST', '/_sandbox/events/order.created');
  expect(res.status).toBe(200);
  expect(res.body.fired[0].envelope.data.items).toBeDefined(); // the api shape is the first sample
});

test('unknown events and variants are refused in plain words', async () => {
  const api = client(suite.sb.url, null);
  const unknown = await api('POST', '/_sandbox/events/order.deleted', {});
  expect(unknown.status).toBe(404);
  expect(unknown.body.error).toContain('order.created');
  const badVariant = await api('POST', '/_sandbox/events/order.created', { variant: 'fax' });
  expect(badVariant.status).toBe(400);
  expect(badVariant.body.error).toContain('api, storefront');
});

test('GET /_sandbox/events lists every event with its variants', async () => {
  const res = await client(suite.sb.url, null)('GET', '/_sandbox/events');
  expect(res.body.data.map((e: { event: string }) => e.event)).toEqual(catalog.map((e) => e.name));
  for (const e of res.body.data) {
    expect(e.variants.sort()).toEqual(Object.keys(catalog.find((c) => c.name === e.event)!.variants).sort());
  }
});

test('co-fired events: shipping also fires order.status_changed with the same tracking', async () => {
  const { body } = await client(suite.sb.url, null)('POST', '/_sandbox/events/order.shipped', {});
  expect(body.fired.map((f: { event: string }) => f.event)).toEqual(['order.status_changed', 'order.shipped']);
  const [changed, shipped] = body.fired.map((f: { envelope: { data: Record<string, unknown> } }) => f.envelope.data);
  expect(changed.status).toBe('SHIPPED');
  expect(changed.tracking).toEqual(shipped.tracking);
  expect(shipped.tracking).toEqual({ carrier: 'UPS', number: '1Z999AA10123456784', url: 'https://www.ups.com/track?tracknum=1Z999AA10123456784' });
});

describe('fire options reach every documented sample', () => {
  const fireData = async (event: string, body: Record<string, unknown>) => {
    const res = await client(suite.sb.url, null)('POST', `/_sandbox/events/${event}`, body);
    expect(res.status).toBe(200);
    const f = res.body.fired.find((x: { event: string }) => x.event === event);
    const parsed = deliverySchema(event as never).safeParse(f.envelope);
    expect(parsed.success).toBe(true);
    return f.envelope.data as Record<string, unknown>;
  };

  test.each([
    ['CONFIRMED', 'SUBMITTED', false],
    ['SHIPPED', 'CONFIRMED', true],
    ['DELIVERED', 'SHIPPED', true],
    ['CANCELLED', 'SUBMITTED', false],
  ])('order.status_changed to %s (from %s)', async (status, previousStatus, hasTracking) => {
    for (const variant of ['basic', 'full']) {
      const data = await fireData('order.status_changed', { variant, status });
      expect(data).toMatchObject({ status, previousStatus });
      expect(data.tracking === null).toBe(!hasTracking);
      expect('items' in data).toBe(variant === 'full');
    }
  });

  test('customer.updated: approval (default), block, details', async () => {
    expect(await fireData('customer.updated', {})).toMatchObject({ status: 'ACTIVE', previousStatus: 'PENDING' });
    expect(await fireData('customer.updated', { change: 'block' })).toMatchObject({ status: 'BLOCKED', previousStatus: 'ACTIVE' });
    expect(await fireData('customer.updated', { change: 'details' })).not.toHaveProperty('previousStatus');
  });

  test('product.updated activation both ways, refund.processed MANUAL, order.cancelled from CONFIRMED', async () => {
    expect(await fireData('product.updated', { variant: 'activation' })).toMatchObject({ isActive: false });
    expect(await fireData('product.updated', { variant: 'activation', isActive: true })).toMatchObject({ isActive: true });
    expect(await fireData('refund.processed', { method: 'MANUAL' })).toMatchObject({ method: 'MANUAL' });
    expect(await fireData('order.cancelled', {})).toMatchObject({ previousStatus: 'CONFIRMED' });
    expect(await fireData('order.cancelled', { from: 'SUBMITTED' })).toMatchObject({ previousStatus: 'SUBMITTED' });
  });

  test('a bad option is refused with the field named', async () => {
    const res = await client(suite.sb.url, null)('POST', '/_sandbox/events/order.status_changed', { status: 'SUBMITTED' });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('status');
  });
});
