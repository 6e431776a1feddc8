import { startSandbox, type Sandbox } from '../../sandbox/src';
import { call, client } from './support/http';

let sb: Sandbox;
let api: ReturnType<typeof client>;
type Rec = { id: string; createdAt: string; [k: string]: any };

beforeAll(async () => {
  sb = await startSandbox({ port: 0, seed: true });
  api = client(sb.url, sb.apiKey);
  // Enough customers for several pages (created through the API, so in creation order).
  for (let i = 0; i < 120; i++) {
    const res = await api('POST', '/api/v1/customers', { email: `page${String(i).padStart(3, '0')}@example.com`, name: `Page Customer ${i}` });
    expect(res.status).toBe(200);
  }
});
afterAll(() => sb.close());

async function walk(path: string, limit?: number): Promise<Rec[]> {
  const all: Rec[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const qs = new URLSearchParams();
    if (limit) qs.set('limit', String(limit));
    if (cursor) qs.set('cursor', cursor);
    const sep = path.includes('?') ? '&' : '?';
    const res = await api('GET', `${path}${qs.size ? sep + qs : ''}`);
    expect(res.status).toBe(200);
    all.push(...res.body.data);
    if (!res.body.pagination.hasMore) {
      expect(res.body.pagination.nextCursor).toBeNull();
      return all;
    }
    cursor = res.body.pagination.nextCursor;
    expect(cursor).toBe(res.body.data.at(-1).id);
  }
  throw new Error('too many pages');
}

describe('pagination', () => {
  test('limit defaults to 50, clamps to 1..100, non-numeric becomes 50', async () => {
    const size = async (q: string) => (await api('GET', `/api/v1/customers${q}`)).body.data.length;
    expect(await size('')).toBe(50);
    expect(await size('?limit=0')).toBe(1);
    expect(await size('?limit=-5')).toBe(1);
    expect(await size('?limit=7')).toBe(7);
    expect(await size('?limit=1000')).toBe(100);
    expect(await size('?limit=abc')).toBe(50);
  });

  test('walking the cursor visits every record once, newest first', async () => {
    const pages = await walk('/api/v1/customers', 17);
    const ids = pages.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(125); // 5 seeded + 120
    const times = pages.map((c) => Date.parse(c.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    // Creation order is kept within the same millisecond: page119 (newest) first.
    expect(pages[0]!.email).toBe('page119@example.com');
    expect(pages[119]!.email).toBe('page000@example.com');
    expect(await walk('/api/v1/customers', 100)).toEqual(pages);
  });

  test('the envelope is {data, pagination: {hasMore, nextCursor}}', async () => {
    const res = await api('GET', '/api/v1/products?limit=2');
    expect(Object.keys(res.body).sort()).toEqual(['data', 'pagination']);
    expect(res.body.pagination).toEqual({ hasMore: true, nextCursor: res.body.data[1].id });
  });

  test('an unknown cursor gives an empty page', async () => {
    const res = await api('GET', '/api/v1/orders?cursor=clunknown');
    expect(res.body).toEqual({ data: [], pagination: { hasMore: false, nextCursor: null } });
  });

  test('GET /webhooks is not paginated', async () => {
    const res = await api('GET', '/api/v1/webhooks');
    expect(res.body).toEqual({ data: [] });
  });
});

describe('filters', () => {
  test('orders: status, customerId, since/until on createdAt (paged with the filter kept)', async () => {
    const all = await walk('/api/v1/orders');
    for (const status of ['SUBMITTED', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED']) {
      const filtered = await walk(`/api/v1/orders?status=${status}`, 1);
      expect(filtered.length).toBeGreaterThan(0);
      expect(filtered).toEqual(all.filter((o) => o.status === status));
    }
    const customerId = all.find((o) => o.customerId)!.customerId;
    expect(await walk(`/api/v1/orders?customerId=${customerId}`)).toEqual(all.filter((o) => o.customerId === customerId));
    const mid = all[Math.floor(all.length / 2)]!.createdAt;
    expect(await walk(`/api/v1/orders?since=${encodeURIComponent(mid)}`)).toEqual(all.filter((o) => o.createdAt >= mid));
    expect(await walk(`/api/v1/orders?until=${encodeURIComponent(mid)}`)).toEqual(all.filter((o) => o.createdAt <= mid));
    const day = mid.slice(0, 10);
    expect(await walk(`/api/v1/orders?since=${day}`)).toEqual(all.filter((o) => Date.parse(o.createdAt) >= Date.parse(day)));
    expect((await api('GET', '/api/v1/orders?status=LOST')).body.data).toEqual([]);
  });

  test('customers: status and case-insensitive search on email and name', async () => {
    const blocked = (await api('GET', '/api/v1/customers?status=BLOCKED')).body.data;
    expect(blocked.map((c: Rec) => c.name)).toEqual(['Northside Deli']);
    expect((await api('GET', '/api/v1/customers?search=HARBOR')).body.data.map((c: Rec) => c.email)).toEqual(['purchasing@harborhotel.com']);
    expect((await api('GET', '/api/v1/customers?search=bluebird caf')).body.data.map((c: Rec) => c.name)).toEqual(['Bluebird Café']);
    expect((await api('GET', '/api/v1/customers?search=page11&limit=100')).body.data).toHaveLength(10);
  });

  test('products: category (exact), search on name/sku/category, active true/false (else ignored)', async () => {
    const all = await walk('/api/v1/products');
    expect(all.map((p) => Object.keys(p).sort())[0]).toEqual(
      ['category', 'createdAt', 'description', 'id', 'imageUrl', 'isActive', 'name', 'price', 'sku', 'stock', 'unit', 'updatedAt'],
    );
    expect((await walk('/api/v1/products?category=Packaging')).map((p) => p.sku).sort()).toEqual(['PKG-CUP-12', 'PKG-LID-12']);
    expect((await walk('/api/v1/products?category=packaging'))).toEqual([]);
    expect((await walk('/api/v1/products?search=cof-')).map((p) => p.sku).sort()).toEqual(['COF-ARA-1KG', 'COF-CB-5L']);
    expect((await walk('/api/v1/products?search=syrups')).map((p) => p.sku)).toEqual(['SYR-CHAI-750']);
    expect(await walk('/api/v1/products?active=false')).toEqual(all.filter((p) => !p.isActive));
    expect(await walk('/api/v1/products?active=true')).toEqual(all.filter((p) => p.isActive));
    expect(await walk('/api/v1/products?active=yes')).toEqual(all);
  });
});

describe('records', () => {
  test('get by id, and 404 with the resource named', async () => {
    for (const [path, noun] of [['/orders', 'Order'], ['/customers', 'Customer'], ['/products', 'Product']] as const) {
      const first = (await api('GET', `/api/v1${path}?limit=1`)).body.data[0];
      const got = await api('GET', `/api/v1${path}/${first.id}`);
      expect(got.body).toEqual({ data: first });
      const missing = await api('GET', `/api/v1${path}/clnope`);
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual({ error: `${noun} not found.` });
    }
  });

  test('orders carry the documented fields; money has 2 decimals; items read names live', async () => {
    const order = (await api('GET', '/api/v1/orders?limit=1')).body.data[0];
    expect(Object.keys(order).sort()).toEqual(
      ['createdAt', 'customerId', 'id', 'items', 'notes', 'poNumber', 'status', 'total', 'tracking', 'updatedAt'],
    );
    expect(Object.keys(order.items[0]).sort()).toEqual(['id', 'productId', 'productName', 'productSku', 'quantity', 'unitPrice']);
    expect(Math.round(order.total * 100) / 100).toBe(order.total);
    const product = (await api('GET', `/api/v1/products/${order.items[0].productId}`)).body.data;
    expect(order.items[0].productName).toBe(product.name);
  });

  test('the seed is realistic: a product a sale from low stock, one already low, one inactive; a blocked customer; a guest dashboard order', async () => {
    const products = await walk('/api/v1/products');
    expect(products.some((p) => p.stock > 5 && p.stock <= 8)).toBe(true);
    expect(products.some((p) => p.stock > 0 && p.stock <= 5)).toBe(true);
    expect(products.some((p) => !p.isActive)).toBe(true);
    const orders = await walk('/api/v1/orders');
    expect(orders.some((o) => o.customerId === null)).toBe(true);
    expect(orders.filter((o) => o.status === 'SHIPPED' || o.status === 'DELIVERED').every((o) => o.tracking)).toBe(true);
  });
});

describe('POST /orders validation (documented messages)', () => {
  const base = async () => {
    const customerId = (await api('GET', '/api/v1/customers?status=ACTIVE&limit=1')).body.data[0].id;
    const productId = (await api('GET', '/api/v1/products?active=true&search=COF-ARA')).body.data[0].id;
    return { customerId, productId };
  };
  test.each([
    ['no customerId', (b: any) => ({ items: [{ productId: b.productId, quantity: 1 }] }), 'customerId is required'],
    ['no items', (b: any) => ({ customerId: b.customerId, items: [] }), 'At least one item is required'],
    ['no productId', (b: any) => ({ customerId: b.customerId, items: [{ quantity: 1 }] }), 'productId is required'],
    ['a string quantity', (b: any) => ({ customerId: b.customerId, items: [{ productId: b.productId, quantity: '2' }] }), 'quantity must be a number'],
    ['a fractional quantity', (b: any) => ({ customerId: b.customerId, items: [{ productId: b.productId, quantity: 1.5 }] }), 'quantity must be a whole number'],
    ['a zero quantity', (b: any) => ({ customerId: b.customerId, items: [{ productId: b.productId, quantity: 0 }] }), 'quantity must be at least 1'],
  ])('%s → 400', async (_label, make, message) => {
    const before = (await walk('/api/v1/orders')).length;
    const res = await api('POST', '/api/v1/orders', make(await base()));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: message });
    expect((await walk('/api/v1/orders')).length).toBe(before);
  });

  test('unknown customer or product → 404', async () => {
    const b = await base();
    expect((await api('POST', '/api/v1/orders', { customerId: 'clnope', items: [{ productId: b.productId, quantity: 1 }] })).body).toEqual({
      error: 'Customer not found.',
    });
    expect((await api('POST', '/api/v1/orders', { customerId: b.customerId, items: [{ productId: 'clnope', quantity: 1 }] })).body).toEqual({
      error: 'Product not found.',
    });
  });

  test('a valid order freezes unit prices, totals with 2 decimals and decrements stock', async () => {
    const b = await base();
    const before = (await api('GET', `/api/v1/products/${b.productId}`)).body.data;
    const res = await api('POST', '/api/v1/orders', { customerId: b.customerId, items: [{ productId: b.productId, quantity: 3 }] });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ status: 'SUBMITTED', poNumber: null, notes: null, total: Math.round(3 * before.price * 100) / 100, tracking: null });
    expect((await api('GET', `/api/v1/products/${b.productId}`)).body.data.stock).toBe(before.stock - 3);
  });

  test('per-customer price overrides apply to that customer’s orders only', async () => {
    const b = await base();
    const product = (await api('GET', `/api/v1/products/${b.productId}`)).body.data;
    const set = await call(sb.url, 'POST', '/_sandbox/actions/price-override', { body: { customerId: b.customerId, productId: b.productId, price: 11.111 } });
    expect(set.status).toBe(200);
    const mine = await api('POST', '/api/v1/orders', { customerId: b.customerId, items: [{ productId: b.productId, quantity: 2 }] });
    expect(mine.body.data.items[0].unitPrice).toBe(11.11);
    expect(mine.body.data.total).toBe(22.22);
    const otherId = (await api('GET', '/api/v1/customers?status=ACTIVE&limit=2')).body.data[1].id;
    const theirs = await api('POST', '/api/v1/orders', { customerId: otherId, items: [{ productId: b.productId, quantity: 1 }] });
    expect(theirs.body.data.items[0].unitPrice).toBe(product.price);
    await call(sb.url, 'POST', '/_sandbox/actions/price-override', { body: { customerId: b.customerId, productId: b.productId, price: null } });
    const again = await api('POST', '/api/v1/orders', { customerId: b.customerId, items: [{ productId: b.productId, quantity: 1 }] });
    expect(again.body.data.items[0].unitPrice).toBe(product.price);
    // The REST customer never shows the overrides.
    expect((await api('GET', `/api/v1/customers/${b.customerId}`)).body.data.priceOverrides).toBeUndefined();
  });

  test('PATCH with an unknown status → 400 Invalid order status.; unknown order → 404', async () => {
    const order = (await api('GET', '/api/v1/orders?status=SUBMITTED&limit=1')).body.data[0];
    expect((await api('PATCH', `/api/v1/orders/${order.id}`, { status: 'LOST' })).body).toEqual({ error: 'Invalid order status.' });
    expect((await api('PATCH', '/api/v1/orders/clnope', { status: 'CONFIRMED' })).status).toBe(404);
  });
});

describe('customer validation', () => {
  test.each([
    ['a missing email', { name: 'X' }, 'email'],
    ['a malformed email', { email: 'not-an-email' }, 'email'],
    ['a long name', { email: 'long@example.com', name: 'x'.repeat(101) }, 'name'],
    ['an unknown status', { email: 'st@example.com', status: 'VIP' }, 'status'],
    ['a negative credit limit', { email: 'cl@example.com', creditLimit: -1 }, 'creditLimit'],
    ['a tax rate over 0.3', { email: 'tax@example.com', taxRateOverride: 0.5 }, 'taxRateOverride'],
  ])('%s → 400 naming the field', async (_label, body, field) => {
    const res = await api('POST', '/api/v1/customers', body);
    expect(res.status).toBe(400);
    expect(res.body.field).toBe(field);
    expect(res.body.error).toContain(field);
  });

  test('PATCH an unknown customer → 404; a taken email → 422', async () => {
    expect((await api('PATCH', '/api/v1/customers/clnope', { name: 'X' })).status).toBe(404);
    const mine = (await api('POST', '/api/v1/customers', { email: 'unique-one@example.com' })).body.data;
    const res = await api('PATCH', `/api/v1/customers/${mine.id}`, { email: 'buyer@acme.com' });
    expect(res.status).toBe(422);
  });

  test('the customers list is unaffected by the request log and secrets never leak into it', async () => {
    const log = (await call(sb.url, 'GET', '/_sandbox/requests')).body.data;
    expect(JSON.stringify(log)).not.toContain(sb.apiKey);
  });
});

describe('reports (reports:read)', () => {
  test('sales: the documented shape; revenue includes cancelled orders; byStatus adds up', async () => {
    const res = await api('GET', '/api/v1/reports/sales?preset=all');
    expect(res.status).toBe(200);
    const d = res.body.data;
    expect(Object.keys(d).sort()).toEqual(['byStatus', 'daily', 'range', 'totals']);
    expect(d.range).toMatchObject({ preset: 'all' });
    const orders = await walk('/api/v1/orders');
    const revenue = Math.round(orders.reduce((s, o) => s + o.total, 0) * 100) / 100;
    expect(d.totals.orderCount).toBe(orders.length);
    expect(d.totals.revenue).toBe(revenue);
    expect(d.byStatus.reduce((s: number, b: { orderCount: number }) => s + b.orderCount, 0)).toBe(orders.length);
    expect(d.byStatus.find((b: { status: string }) => b.status === 'CANCELLED').orderCount).toBeGreaterThan(0);
    expect(d.daily.reduce((s: number, b: { orderCount: number }) => s + b.orderCount, 0)).toBe(orders.length);
    const month = (await api('GET', '/api/v1/reports/sales')).body.data;
    expect(month.range.preset).toBe('month');
    expect(month.totals.orderCount).toBeLessThanOrEqual(orders.length);
    const bad = await api('GET', '/api/v1/reports/sales?preset=decade');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('preset');
  });

  test('inventory lists the low-stock band; customers ranks buyers', async () => {
    const inv = (await api('GET', '/api/v1/reports/inventory')).body.data;
    expect(inv.threshold).toBe(5);
    expect(inv.lowStock.every((p: { stock: number }) => p.stock > 0 && p.stock <= 5)).toBe(true);
    expect(inv.lowStock.length).toBe(inv.totals.lowStockCount);
    const cust = (await api('GET', '/api/v1/reports/customers')).body.data;
    expect(cust.totals.blockedCount).toBe(1);
    const revenues = cust.topCustomers.map((c: { revenue: number }) => c.revenue);
    expect([...revenues].sort((a, b) => b - a)).toEqual(revenues);
  });
});
