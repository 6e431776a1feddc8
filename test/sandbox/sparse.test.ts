// Sparse records (`POST /_sandbox/settings {sparseRecords: true}`): the REST records carry only the
// fields Distribu's docs list, and no field whose value is null, in lists, single reads and writes.
import { startSandbox, type Sandbox } from '../../sandbox/src';
import { call } from './support/http';

let sb: Sandbox;
const api = (method: string, path: string, body?: unknown) => call(sb.url, method, `/api/v1${path}`, { key: sb.apiKey, body });
const sparse = (on: boolean) => call(sb.url, 'POST', '/_sandbox/settings', { body: { sparseRecords: on } });

beforeAll(async () => {
  sb = await startSandbox({ port: 0, seed: true });
});
afterAll(() => sb.close());
afterEach(() => sparse(false));

const ORDER_KEYS = ['id', 'status', 'poNumber', 'notes', 'total', 'createdAt', 'updatedAt', 'customerId', 'items'];

test('orders: no tracking (undocumented) and no null field, in the list, a read and a create', async () => {
  const full = (await api('GET', '/orders?limit=100')).body.data as Array<Record<string, unknown>>;
  expect(full.every((o) => 'tracking' in o)).toBe(true);
  expect(full.some((o) => o.poNumber === null || o.notes === null)).toBe(true);
  expect((await sparse(true)).status).toBe(200);
  const list = (await api('GET', '/orders?limit=100')).body.data as Array<Record<string, unknown>>;
  expect(list.map((o) => o.id)).toEqual(full.map((o) => o.id));
  for (const order of list) {
    expect(Object.keys(order).every((k) => ORDER_KEYS.includes(k))).toBe(true);
    expect(Object.values(order).includes(null)).toBe(false);
    for (const item of order.items as Array<Record<string, unknown>>) expect(Object.values(item).includes(null)).toBe(false);
  }
  const one = (await api('GET', `/orders/${list[0]!.id}`)).body.data;
  expect(one).not.toHaveProperty('tracking');
  const customer = (await api('GET', '/customers?limit=1&status=ACTIVE')).body.data[0];
  const product = (await api('GET', '/products?active=true&limit=100')).body.data.find((p: any) => p.stock > 2);
  const created = await api('POST', '/orders', { customerId: customer.id, items: [{ productId: product.id, quantity: 1 }] });
  expect(created.status).toBe(201);
  expect(created.body.data).not.toHaveProperty('tracking');
  expect(created.body.data).not.toHaveProperty('notes');
  expect(created.body.data).not.toHaveProperty('poNumber');
});

test('customers and products: only documented, non-null fields; errors and webhooks as they are', async () => {
  await sparse(true);
  const customers = (await api('GET', '/customers?limit=100')).body.data as Array<Record<string, unknown>>;
  expect(customers.some((c) => !('notes' in c))).toBe(true);
  for (const c of customers) expect(Object.values(c).includes(null)).toBe(false);
  const products = (await api('GET', '/products?limit=100')).body.data as Array<Record<string, unknown>>;
  for (const p of products) expect(Object.values(p).includes(null)).toBe(false);
  expect((await api('GET', '/orders/nope')).body).toEqual({ error: 'Order not found.' });
  expect((await api('GET', '/webhooks')).body).toEqual({ data: [] });
  expect((await call(sb.url, 'GET', '/_sandbox/settings')).body.sparseRecords).toBe(true);
  expect((await call(sb.url, 'POST', '/_sandbox/settings', { body: { sparseRecords: 'yes' } })).status).toBe(400);
});
