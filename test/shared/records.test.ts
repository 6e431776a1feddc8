import {
  DistribuApiError,
  DistribuNetworkError,
  fetchFullRecord,
  fullRecordRef,
  getEvent,
  recordMatches,
  recordToItem,
  withFullRecord,
  type ApiRecord,
} from '@distribu/shared/runtime';

// A REST order in the shape `GET /api/v1/orders/{id}` answers (the sandbox's orderView, sandbox/src/http/views.ts).
const order = {
  id: 'clordr0001',
  status: 'SHIPPED',
  poNumber: 'PO-7',
  notes: null,
  total: 42.5,
  createdAt: '2026-04-16T14:22:00.000Z',
  updatedAt: '2026-04-17T09:10:00.000Z',
  customerId: 'clcust0001',
  items: [{ id: 'i1', quantity: 5, unitPrice: 8.5, productId: 'p1', productName: 'Widget Blue', productSku: 'WDG-001' }],
  tracking: { carrier: 'UPS', number: '1Z', url: null },
};

const event = (name: string) => {
  const e = getEvent(name);
  if (!e) throw new Error(name);
  return e;
};

describe('recordToItem', () => {
  it('maps a REST order into exactly the keys of the order.created sample', () => {
    const item = recordToItem(event('order.created'), order);
    expect(Object.keys(item).sort()).toEqual(Object.keys(event('order.created').sample).sort());
    expect(item).toMatchObject({ event: 'order.created', orderId: 'clordr0001', itemCount: 1, source: 'api', timestamp: order.updatedAt });
  });

  it('maps a shipped order into the order.shipped keys, tracking kept', () => {
    const item = recordToItem(event('order.shipped'), order);
    expect(Object.keys(item).sort()).toEqual(Object.keys(event('order.shipped').sample).sort());
    expect(item.tracking).toEqual(order.tracking);
    expect(item.previousStatus).toBe('CONFIRMED');
  });

  it('gives a stable id for the same record and a new one once it changes', () => {
    const a = recordToItem(event('order.created'), order);
    expect(recordToItem(event('order.created'), order).id).toBe(a.id);
    expect(recordToItem(event('order.created'), { ...order, updatedAt: '2026-04-18T00:00:00.000Z' }).id).not.toBe(a.id);
  });

  it('maps a product into a low-stock item and filters products by the low-stock window', () => {
    const spec = event('product.low_stock');
    const product = { id: 'p1', sku: 'WDG-001', name: 'Widget Blue', stock: 3, price: 8.5, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-04-01T00:00:00.000Z' };
    expect(recordToItem(spec, product)).toMatchObject({ productId: 'p1', currentStock: 3, threshold: 5, triggeringOrderId: null });
    expect([0, 1, 5, 6, -2].map((stock) => recordMatches(spec.list!, { stock }))).toEqual([false, true, true, false, false]);
    expect(recordMatches(spec.list!, { stock: '3' })).toBe(false);
  });

  it('refuses events that have no REST list', () => {
    expect(() => recordToItem(event('refund.processed'), { id: 'r' })).toThrow(/no REST list/);
  });
});

describe('withFullRecord', () => {
  it('fills a thin storefront order from the REST order without overriding what was delivered', () => {
    const thin = { id: 'evt_1', event: 'order.created', timestamp: 't', orderId: 'clordr0001', status: 'SUBMITTED', total: 42.5, customerId: 'clcust0001', poNumber: 'PO-7', itemCount: 1, source: 'storefront' };
    const full = withFullRecord(thin, order);
    expect(full).toMatchObject({ ...thin, items: order.items, notes: null, createdAt: order.createdAt });
    expect(full.status).toBe('SUBMITTED');
    expect(full).not.toHaveProperty('id', order.id);
  });
});

describe('fullRecordRef', () => {
  it('points at the REST record of the item\'s resource, where Distribu has one', () => {
    const item = { id: 'evt_1', event: 'order.shipped', timestamp: 't', orderId: 'clordr0001' };
    expect(fullRecordRef(event('order.shipped'), item)).toEqual({ path: '/orders', id: 'clordr0001' });
    expect(fullRecordRef(event('customer.updated'), { ...item, event: 'customer.updated', customerId: 'c1' })).toEqual({ path: '/customers', id: 'c1' });
  });

  it('has none for returns, refunds and invoices, or an item without its id', () => {
    expect(fullRecordRef(event('return.approved'), { id: 'e', event: 'return.approved', timestamp: 't', returnId: 'r1' })).toBeUndefined();
    expect(fullRecordRef(event('invoice.paid'), { id: 'e', event: 'invoice.paid', timestamp: 't', stripeInvoiceId: 'in_1' })).toBeUndefined();
    expect(fullRecordRef(event('order.created'), { id: 'e', event: 'order.created', timestamp: 't' })).toBeUndefined();
  });
});

describe('fetchFullRecord (the one Fetch Full policy of both connectors)', () => {
  const item = { id: 'evt_1', event: 'order.shipped', timestamp: 't', orderId: 'clordr0001', status: 'SHIPPED' };
  // A stand-in for the client's `get`: each case decides what the read does.
  const reading = (read: () => Promise<ApiRecord>) => {
    const calls: string[] = [];
    return { calls, client: { get: (path: string, id: string) => (calls.push(`${path}/${id}`), read()) } };
  };

  it('merges the record the client reads', async () => {
    const { calls, client } = reading(async () => order);
    const outcome = await fetchFullRecord(client, event('order.shipped'), item);
    expect(calls).toEqual(['/orders/clordr0001']);
    expect(outcome).toEqual({ item: { ...item, poNumber: 'PO-7', notes: null, total: 42.5, createdAt: order.createdAt, updatedAt: order.updatedAt, customerId: 'clcust0001', items: order.items, tracking: order.tracking }, authFailed: false });
  });

  it.each([
    ['a 403', new DistribuApiError({ status: 403, scope: 'orders:read' }), /"orders:read"/],
    ['a 404', new DistribuApiError({ status: 404 }), /could not find it/],
    ['a 429', new DistribuApiError({ status: 429, retryAfter: 7 }), /Try again in 7 seconds/],
    ['a timeout', new DistribuNetworkError('timeout'), /did not answer within 30 seconds/],
    ["a host error (holding the request's headers)", Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', config: { headers: { Authorization: 'Bearer dk_live_x' } } }), /connection was refused/],
  ])('keeps the item with the plain reason in fullRecordError on %s, and logs it', async (_name, error, reason) => {
    const logged: string[] = [];
    const { client } = reading(async () => Promise.reject(error));
    const outcome = await fetchFullRecord(client, event('order.shipped'), item, { log: (line) => logged.push(line) });
    expect(outcome).toEqual({ item: { ...item, fullRecordError: expect.stringMatching(reason) }, authFailed: false });
    expect(JSON.stringify(outcome)).not.toContain('dk_live_x');
    expect(logged).toEqual([`Could not fetch the full record of order.shipped clordr0001: ${outcome.item.fullRecordError}`]);
  });

  it('marks a refused key (401) as an auth failure, item kept', async () => {
    const { client } = reading(async () => Promise.reject(new DistribuApiError({ status: 401 })));
    const outcome = await fetchFullRecord(client, event('order.shipped'), item);
    expect(outcome).toEqual({ item: { ...item, fullRecordError: expect.stringMatching(/^Distribu did not accept the API key/) }, authFailed: true });
  });

  it('makes no call for an event without a REST record, or an unknown event', async () => {
    const { calls, client } = reading(async () => order);
    const refund = { id: 'e', event: 'refund.processed', timestamp: 't', refundId: 'rf_1' };
    expect(await fetchFullRecord(client, event('refund.processed'), refund)).toEqual({ item: refund, authFailed: false });
    expect(await fetchFullRecord(client, undefined, item)).toEqual({ item, authFailed: false });
    expect(calls).toEqual([]);
  });
});
