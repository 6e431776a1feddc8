import { DistribuApiError, DistribuInputError, runOperation } from '@distribu/shared/runtime';
import { failure, op, startOpsWorld, type OpsWorld } from './support/world';
import { insertOrder } from '../../sandbox/src/state/insert';

// Order operations against the real sandbox over HTTP: the request built, the state change, the
// plain refusal (and nothing changed).
let w: OpsWorld;
let acme: string;
let beans: { id: string; stock: number };
let oat: { id: string; stock: number };

beforeAll(async () => {
  w = await startOpsWorld();
  const store = w.sb.core.store;
  acme = [...store.customers.values()].find((c) => c.email === 'buyer@acme.com')!.id;
  beans = [...store.products.values()].find((p) => p.sku === 'COF-ARA-1KG')!;
  oat = [...store.products.values()].find((p) => p.sku === 'DAI-OAT-1L')!;
});
afterAll(() => w.close());
beforeEach(() => {
  w.requests.length = 0;
});

const orderCount = () => w.sb.core.store.orders.size;

describe('order.create', () => {
  it('posts the customer, two line items (as `items`), PO number and notes; the order exists with stock taken', async () => {
    const beansBefore = beans.stock;
    const [order] = await w.run('order.create', {
      customerId: acme,
      lineItems: [
        { productId: beans.id, quantity: 3 },
        { productId: oat.id, quantity: '2' },
      ],
      poNumber: 'PO-777',
      notes: '',
    });
    expect(w.requests).toEqual([
      {
        method: 'POST',
        path: '/orders',
        body: { customerId: acme, items: [{ productId: beans.id, quantity: 3 }, { productId: oat.id, quantity: 2 }], poNumber: 'PO-777' },
      },
    ]);
    const stored = w.sb.core.store.orders.get(order!.id as string)!;
    expect(stored).toMatchObject({ status: 'SUBMITTED', poNumber: 'PO-777', customerId: acme, notes: null });
    expect(stored.items.map((i) => [i.productId, i.quantity])).toEqual([[beans.id, 3], [oat.id, 2]]);
    expect(order).toMatchObject({ id: stored.id, status: 'SUBMITTED', total: stored.total });
    expect(w.sb.core.store.products.get(beans.id)!.stock).toBe(beansBefore - 3);
  });

  it('an unknown product: a plain message naming the product, and no order is created', async () => {
    const before = orderCount();
    const error = await failure(w.run('order.create', { customerId: acme, lineItems: [{ productId: 'clnope0000000000000000000', quantity: 1 }] }));
    expect(error).toBeInstanceOf(DistribuApiError);
    expect(error.message).toBe(
      'Distribu could not find the product: check its ID (it may have been deleted, or belong to another company). Nothing was created.',
    );
    expect(orderCount()).toBe(before);
  });

  it('short stock: Distribu\'s own words, and "Nothing was created."', async () => {
    const before = orderCount();
    const error = await failure(w.run('order.create', { customerId: acme, lineItems: [{ productId: beans.id, quantity: 100000 }] }));
    expect(error.message).toMatch(/^Distribu refused the request: Not enough stock for Arabica Coffee Beans 1kg\. Only \d+ available\. Nothing was created\.$/);
    expect(orderCount()).toBe(before);
  });

  it('a key without orders:write: the message names the scope, and nothing is created', async () => {
    const readOnly = await w.clientWith(['orders:read', 'customers:read', 'products:read']);
    const before = orderCount();
    const error = await failure(runOperation(readOnly, op('order.create'), { customerId: acme, lineItems: [{ productId: beans.id, quantity: 1 }] }));
    expect(error.message).toContain('lacks the "orders:write" scope');
    expect(error.message).toContain('Nothing was created.');
    expect(orderCount()).toBe(before);
  });

  it.each([
    [{ lineItems: [{ productId: 'p', quantity: 1 }] }, /^Customer is required\. The customer who places the order: /],
    [{ customerId: 'c', lineItems: [] }, /^Line Items must have at least 1 entry; got \[\]\.$/],
    [{ customerId: 'c', lineItems: [{ productId: 'p', quantity: 0 }] }, /^Quantity \(entry 1 of Line Items\) must be at least 1; got 0\.$/],
    [{ customerId: 'c', lineItems: [{ productId: 'p', quantity: 1 }, { productId: 'p', quantity: 1.5 }] }, /^Quantity \(entry 2 of Line Items\) must be a whole number; got 1\.5\.$/],
    [{ customerId: 'c', lineItems: [{ quantity: 1 }] }, /^Product \(entry 1 of Line Items\) is required\./],
    [{ customerId: 'c', lineItems: 'two widgets' }, /^Line Items must be a list; got "two widgets"\.$/],
    [{ customerId: 'c', lineItems: [{ productId: 'p', quantity: 1 }], notes: 'x'.repeat(2001) }, /^Notes must be at most 2000 characters;/],
  ])('bad input %#: a DistribuInputError naming the input, before any call', async (params, message) => {
    const before = orderCount();
    const error = await failure(w.run('order.create', params));
    expect(error).toBeInstanceOf(DistribuInputError);
    expect(error.message).toMatch(message);
    expect(w.requests).toEqual([]);
    expect(orderCount()).toBe(before);
  });
});

describe('order.updateStatus', () => {
  const place = () => insertOrder(w.sb.core.store, { customerId: acme, lines: [{ product: w.sb.core.store.products.get(beans.id)!, quantity: 1 }] });

  it('SUBMITTED → CONFIRMED → SHIPPED with tracking (nested `tracking`, number spaces removed)', async () => {
    const order = place();
    const [confirmed] = await w.run('order.updateStatus', { orderId: order.id, status: 'CONFIRMED', carrier: 'UPS', trackingNumber: 'ignored' });
    expect(confirmed).toMatchObject({ id: order.id, status: 'CONFIRMED', tracking: null });
    // Tracking inputs show only for SHIPPED, so they are not sent for CONFIRMED.
    expect(w.requests[0]).toEqual({ method: 'PATCH', path: `/orders/${order.id}`, body: { status: 'CONFIRMED' } });

    const [shipped] = await w.run('order.updateStatus', { orderId: order.id, status: 'SHIPPED', carrier: 'UPS', trackingNumber: '1Z 999 AA1' });
    expect(w.requests[1]).toEqual({
      method: 'PATCH',
      path: `/orders/${order.id}`,
      body: { status: 'SHIPPED', tracking: { carrier: 'UPS', number: '1Z 999 AA1' } },
    });
    expect(shipped).toMatchObject({ status: 'SHIPPED', tracking: { carrier: 'UPS', number: '1Z999AA1', url: 'https://www.ups.com/track?tracknum=1Z999AA1' } });
    expect(w.sb.core.store.orders.get(order.id)).toMatchObject({ status: 'SHIPPED', tracking: { carrier: 'UPS', number: '1Z999AA1' } });
  });

  it('OTHER carrier: the tracking URL is sent and kept (statuses and carriers in any case)', async () => {
    const order = place();
    await w.run('order.updateStatus', { orderId: order.id, status: 'confirmed' });
    expect(w.requests[0]!.body).toEqual({ status: 'CONFIRMED' });
    const [shipped] = await w.run('order.updateStatus', {
      orderId: order.id,
      status: 'Shipped',
      carrier: 'other',
      trackingNumber: 'LOCAL-42',
      trackingUrl: 'https://track.example.com/LOCAL-42',
    });
    expect(shipped!.tracking).toEqual({ carrier: 'OTHER', number: 'LOCAL-42', url: 'https://track.example.com/LOCAL-42' });
  });

  it('an illegal transition: the message says which one and which are allowed; nothing changes', async () => {
    const order = place();
    const before = structuredClone(order);
    const error = await failure(w.run('order.updateStatus', { orderId: order.id, status: 'DELIVERED' }));
    expect(error).toBeInstanceOf(DistribuApiError);
    expect(error.message).toBe(
      `Distribu refused to change order ${order.id} from SUBMITTED to DELIVERED: that transition is not allowed. A SUBMITTED order can move only to CONFIRMED or CANCELLED. The order was not changed.`,
    );
    expect(w.sb.core.store.orders.get(order.id)).toEqual(before);
  });

  it('from a final status: says it is final', async () => {
    const order = place();
    await w.run('order.updateStatus', { orderId: order.id, status: 'CANCELLED' });
    const error = await failure(w.run('order.updateStatus', { orderId: order.id, status: 'CONFIRMED' }));
    expect(error.message).toContain('from CANCELLED to CONFIRMED: that transition is not allowed. CANCELLED is final: a CANCELLED order cannot change status.');
    expect(w.sb.core.store.orders.get(order.id)!.status).toBe('CANCELLED');
  });

  it('a key that cannot read orders: the allowed transitions still come from the refusal itself', async () => {
    const writeOnly = await w.clientWith(['orders:write']);
    const order = place();
    const error = await failure(runOperation(writeOnly, op('order.updateStatus'), { orderId: order.id, status: 'DELIVERED' }));
    expect(error.message).toContain('A SUBMITTED order can move only to CONFIRMED or CANCELLED.');
    expect(w.sb.core.store.orders.get(order.id)!.status).toBe('SUBMITTED');
  });

  it.each([
    [{ status: 'SHIPPED', trackingNumber: '1Z' }, /^Carrier is required when status is SHIPPED\./],
    [{ status: 'SHIPPED', carrier: 'UPS' }, /^Tracking Number is required when status is SHIPPED\./],
    [{ status: 'SHIPPED', carrier: 'ROYAL_MAIL', trackingNumber: '1' }, /^Carrier must be one of UPS, USPS, FEDEX, DHL, CANADA_POST, OTHER; got "ROYAL_MAIL"\.$/],
    [{ status: 'SUBMITTED' }, /^Status must be one of CONFIRMED, SHIPPED, DELIVERED, CANCELLED; got "SUBMITTED"\.$/],
    [{ status: 'CONFIRMED', orderId: '  ' }, /^Order is required\./],
  ])('bad input %#: refused before any call', async (params, message) => {
    const order = place();
    const error = await failure(w.run('order.updateStatus', { orderId: order.id, ...params }));
    expect(error).toBeInstanceOf(DistribuInputError);
    expect(error.message).toMatch(message);
    expect(w.requests).toEqual([]);
    expect(w.sb.core.store.orders.get(order.id)!.status).toBe('SUBMITTED');
  });
});

describe('order.get and order.getAll', () => {
  it('get: the ID is URL-encoded into the path; an unknown one is "could not find the order"', async () => {
    const error = await failure(w.run('order.get', { orderId: 'a/b c?' }));
    expect(w.requests).toEqual([{ method: 'GET', path: '/orders/a%2Fb%20c%3F' }]);
    expect(error.message).toBe('Distribu could not find the order: check its ID (it may have been deleted, or belong to another company).');
  });

  it('getAll: filters go to the query under their REST names (createdAfter → since, createdBefore → until)', async () => {
    const orders = await w.run('order.getAll', { status: 'SUBMITTED', customerId: acme, createdAfter: '2020-01-01', createdBefore: '2100-01-01T00:00:00Z' }, { limit: 5 });
    expect(w.requests).toEqual([
      { method: 'GET', path: '/orders', query: { status: 'SUBMITTED', customerId: acme, since: '2020-01-01', until: '2100-01-01T00:00:00Z', limit: 5 } },
    ]);
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.every((o) => o.status === 'SUBMITTED' && o.customerId === acme)).toBe(true);
  });

  it('getAll: a date that is no date is refused before any call', async () => {
    const error = await failure(w.run('order.getAll', { createdAfter: 'last tuesday' }));
    expect(error.message).toBe('Created After must be a date such as 2026-04-01 or a date-time such as 2026-04-01T09:00:00Z; got "last tuesday".');
    expect(w.requests).toEqual([]);
  });
});
