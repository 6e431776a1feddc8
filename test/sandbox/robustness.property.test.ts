import fc from 'fast-check';
import { startSandbox, type Sandbox } from '../../sandbox/src';
import { call } from './support/http';

// Bad input gets a clear answer: whatever JSON a client sends to a write endpoint or a sandbox
// action, the answer is a documented status with an `error` string, never a 500 or a leaked secret.

let sb: Sandbox;
let ids: Record<string, string>;
beforeAll(async () => {
  sb = await startSandbox({ port: 0, seed: true });
  const first = async (path: string) => (await call(sb.url, 'GET', `/api/v1${path}?limit=1`, { key: sb.apiKey })).body.data[0].id as string;
  ids = { order: await first('/orders'), customer: await first('/customers'), product: await first('/products') };
  const hook = await call(sb.url, 'POST', '/api/v1/webhooks', { key: sb.apiKey, body: { url: 'http://127.0.0.1:9/x', events: ['order.created'] } });
  ids.webhook = hook.body.data.id;
});
afterAll(() => sb.close());

const value = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -5, max: 1000 }),
  fc.double({ noNaN: true }),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('CONFIRMED', 'SHIPPED', 'order.created', 'http://127.0.0.1:9/y', 'a@b.co', 'UPS', 'staff'),
  fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.record({ productId: fc.string(), quantity: fc.integer() })), { maxLength: 3 }),
);
const keys = fc.constantFrom(
  'url', 'events', 'isActive', 'status', 'tracking', 'customerId', 'items', 'poNumber', 'notes', 'email', 'name',
  'creditLimit', 'taxRateOverride', 'productId', 'price', 'stock', 'delta', 'orderId', 'reason', 'by', 'returnId',
  'method', 'amount', 'variant', 'change', 'goodUnits', 'damagedUnits', 'amountPaid',
);
const bodies = fc.oneof(fc.dictionary(keys, value, { maxKeys: 6 }), value);

const endpoints = (): Array<[string, string, boolean]> => [
  ['POST', '/api/v1/webhooks', true],
  ['PATCH', `/api/v1/webhooks/${ids.webhook}`, true],
  ['POST', '/api/v1/orders', true],
  ['PATCH', `/api/v1/orders/${ids.order}`, true],
  ['POST', '/api/v1/customers', true],
  ['PATCH', `/api/v1/customers/${ids.customer}`, true],
  ...[
    'storefront-order', 'dashboard-order', 'order-status', 'customer-signup', 'customer-edit', 'customer-approve',
    'price-override', 'product-edit', 'stock-adjust', 'product-activate', 'product-deactivate', 'return-open',
    'return-approve', 'return-reject', 'return-receive', 'return-refund', 'invoice-paid',
  ].map((a) => ['POST', `/_sandbox/actions/${a}`, false] as [string, string, boolean]),
  ['POST', '/_sandbox/events/order.status_changed', false],
  ['POST', '/_sandbox/faults', false],
  ['POST', '/_sandbox/settings', false],
];

test('random JSON bodies never cause a 500 and always get an error string', async () => {
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: 1000 }), bodies, async (pick, body) => {
      const list = endpoints();
      const [method, path, needsKey] = list[pick % list.length]!;
      const res = await call(sb.url, method, path, { key: needsKey ? sb.apiKey : undefined, body });
      expect([200, 201, 400, 404, 422]).toContain(res.status);
      if (res.status >= 400) expect(typeof res.body.error).toBe('string');
      expect(JSON.stringify(res.body ?? '')).not.toContain(sb.apiKey);
      if (path === '/_sandbox/faults') await call(sb.url, 'DELETE', '/_sandbox/faults');
      if (path === '/_sandbox/settings') await call(sb.url, 'POST', '/_sandbox/settings', { body: { deliveryTimeoutMs: 10_000, delays: {} } });
    }),
    { numRuns: 300 },
  );
});
