import { startWorld, type World } from './support/world';

// Each real state change fires exactly the documented events, in the source's payload shape.
// Every received body is verified against the webhook secret and validated by the shared schema.

let w: World;
beforeAll(async () => {
  w = await startWorld();
});
afterAll(() => w.close());
beforeEach(async () => {
  await w.received(); // drop leftovers
});

const events = (got: Array<{ event: string }>) => got.map((e) => e.event);

async function product(minStock = 20) {
  const list = (await w.api('GET', '/api/v1/products?active=true&limit=100')).body.data as Array<{ id: string; stock: number; name: string; sku: string }>;
  return list.filter((p) => p.stock >= minStock).sort((a, b) => b.stock - a.stock)[0]!;
}
async function customer() {
  return (await w.api('GET', '/api/v1/customers?status=ACTIVE')).body.data[0] as { id: string };
}

describe('orders', () => {
  test('POST /api/v1/orders → 201 and order.created in the API shape (full order, no itemCount)', async () => {
    const [p, c] = [await product(), await customer()];
    const res = await w.api('POST', '/api/v1/orders', {
      customerId: c.id,
      items: [{ productId: p.id, quantity: 2 }],
      poNumber: 'PO-1',
      notes: 'Leave at the back door.',
    });
    expect(res.status).toBe(201);
    const got = await w.received();
    expect(events(got)).toEqual(['order.created']);
    const data = got[0]!.data;
    expect(data).toEqual({
      id: res.body.data.id,
      status: 'SUBMITTED',
      poNumber: 'PO-1',
      notes: 'Leave at the back door.',
      total: res.body.data.total,
      createdAt: res.body.data.createdAt,
      updatedAt: res.body.data.updatedAt,
      customerId: c.id,
      items: res.body.data.items,
    });
    expect(data.items).toEqual([
      expect.objectContaining({ quantity: 2, productId: p.id, productName: p.name, productSku: p.sku, unitPrice: expect.any(Number) }),
    ]);
  });

  test('a storefront order → order.created in the storefront shape (itemCount, no items)', async () => {
    const [p, q, c] = [await product(), await product(10), await customer()];
    const res = await w.control('POST', '/actions/storefront-order', {
      customerId: c.id,
      items: [{ productId: p.id, quantity: 1 }, { productId: q.id, quantity: 3 }],
      poNumber: null,
    });
    expect(res.status).toBe(200);
    const got = await w.received();
    expect(events(got)).toEqual(['order.created']);
    expect(got[0]!.data).toEqual({ id: res.body.result.id, status: 'SUBMITTED', total: res.body.result.total, customerId: c.id, poNumber: null, itemCount: 2 });
  });

  test('a dashboard order fires no order.created, but its later transitions fire (six fields only)', async () => {
    const res = await w.control('POST', '/actions/dashboard-order', { customerId: null });
    expect(res.status).toBe(200);
    expect(await w.received()).toEqual([]);
    const id = res.body.result.id;
    await w.control('POST', '/actions/order-status', { orderId: id, status: 'CONFIRMED' });
    const got = await w.received();
    expect(events(got)).toEqual(['order.status_changed']);
    expect(got[0]!.data).toEqual({ id, status: 'CONFIRMED', previousStatus: 'SUBMITTED', total: res.body.result.total, customerId: null, tracking: null });
  });

  test('PATCH through the state machine: full status_changed, shipped with tracking, tracking kept on DELIVERED', async () => {
    const [p, c] = [await product(), await customer()];
    const { body } = await w.api('POST', '/api/v1/orders', { customerId: c.id, items: [{ productId: p.id, quantity: 1 }] });
    const id = body.data.id;
    await w.received();

    const confirmed = await w.api('PATCH', `/api/v1/orders/${id}`, { status: 'CONFIRMED' });
    expect(confirmed.status).toBe(200);
    let got = await w.received();
    expect(events(got)).toEqual(['order.status_changed']);
    expect(got[0]!.data).toMatchObject({ id, status: 'CONFIRMED', previousStatus: 'SUBMITTED', tracking: null, items: body.data.items });
    expect(got[0]!.data).toHaveProperty('createdAt', body.data.createdAt);

    const noTracking = await w.api('PATCH', `/api/v1/orders/${id}`, { status: 'SHIPPED' });
    expect(noTracking.status).toBe(400);
    expect(noTracking.body.error).toContain('tracking');
    expect(await w.received()).toEqual([]);

    const shipped = await w.api('PATCH', `/api/v1/orders/${id}`, { status: 'SHIPPED', tracking: { carrier: 'DHL', number: ' 12 345 678 ' } });
    expect(shipped.status).toBe(200);
    const tracking = { carrier: 'DHL', number: '12345678', url: 'https://www.dhl.com/en/express/tracking.html?AWB=12345678' };
    expect(shipped.body.data.tracking).toEqual(tracking);
    got = await w.received();
    expect(events(got).sort()).toEqual(['order.shipped', 'order.status_changed']);
    const changed = got.find((e) => e.event === 'order.status_changed')!.data;
    expect(changed).toMatchObject({ status: 'SHIPPED', previousStatus: 'CONFIRMED', tracking });
    expect(got.find((e) => e.event === 'order.shipped')!.data).toEqual({ id, previousStatus: 'CONFIRMED', total: body.data.total, customerId: c.id, tracking });

    await w.api('PATCH', `/api/v1/orders/${id}`, { status: 'DELIVERED' });
    got = await w.received();
    expect(events(got)).toEqual(['order.status_changed']);
    expect(got[0]!.data).toMatchObject({ status: 'DELIVERED', previousStatus: 'SHIPPED', tracking });
    expect((await w.api('GET', `/api/v1/orders/${id}`)).body.data.tracking).toEqual(tracking);
  });

  test('OTHER carriers keep the given url (or null); named carriers ignore a given url', async () => {
    const make = async () => {
      const res = await w.control('POST', '/actions/dashboard-order', {});
      await w.control('POST', '/actions/order-status', { orderId: res.body.result.id, status: 'CONFIRMED' });
      return res.body.result.id as string;
    };
    const a = await w.api('PATCH', `/api/v1/orders/${await make()}`, {
      status: 'SHIPPED',
      tracking: { carrier: 'OTHER', number: 'LOCAL-1', url: 'https://courier.example/t/LOCAL-1' },
    });
    expect(a.body.data.tracking).toEqual({ carrier: 'OTHER', number: 'LOCAL-1', url: 'https://courier.example/t/LOCAL-1' });
    const b = await w.api('PATCH', `/api/v1/orders/${await make()}`, { status: 'SHIPPED', tracking: { carrier: 'OTHER', number: 'X' } });
    expect(b.body.data.tracking.url).toBeNull();
    const c = await w.api('PATCH', `/api/v1/orders/${await make()}`, {
      status: 'SHIPPED',
      tracking: { carrier: 'UPS', number: '1Z1', url: 'https://evil.example' },
    });
    expect(c.body.data.tracking.url).toBe('https://www.ups.com/track?tracknum=1Z1');
    const bad = await w.api('PATCH', `/api/v1/orders/${await make()}`, { status: 'SHIPPED', tracking: { carrier: 'PONY', number: '1' } });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('tracking.carrier');
    await w.received();
  });

  test('cancelling fires status_changed and order.cancelled, and does not restock', async () => {
    const p = await product();
    const { body } = await w.api('POST', '/api/v1/orders', { customerId: (await customer()).id, items: [{ productId: p.id, quantity: 2 }] });
    const stockAfterOrder = (await w.api('GET', `/api/v1/products/${p.id}`)).body.data.stock;
    expect(stockAfterOrder).toBe(p.stock - 2);
    await w.received();
    await w.api('PATCH', `/api/v1/orders/${body.data.id}`, { status: 'CANCELLED' });
    const got = await w.received();
    expect(events(got).sort()).toEqual(['order.cancelled', 'order.status_changed']);
    expect(got.find((e) => e.event === 'order.cancelled')!.data).toEqual({
      id: body.data.id,
      previousStatus: 'SUBMITTED',
      total: body.data.total,
      customerId: body.data.customerId,
    });
    expect((await w.api('GET', `/api/v1/products/${p.id}`)).body.data.stock).toBe(stockAfterOrder);
  });

  test.each([
    ['SUBMITTED', 'SHIPPED'],
    ['SUBMITTED', 'DELIVERED'],
    ['CONFIRMED', 'SUBMITTED'],
    ['SHIPPED', 'CANCELLED'],
    ['DELIVERED', 'SHIPPED'],
    ['CANCELLED', 'CONFIRMED'],
  ])('%s → %s is refused (422) and fires nothing', async (from, to) => {
    const res = await w.control('POST', '/actions/dashboard-order', {});
    const id = res.body.result.id;
    const path: Record<string, string[]> = {
      SUBMITTED: [],
      CONFIRMED: ['CONFIRMED'],
      SHIPPED: ['CONFIRMED', 'SHIPPED'],
      DELIVERED: ['CONFIRMED', 'SHIPPED', 'DELIVERED'],
      CANCELLED: ['CANCELLED'],
    };
    for (const status of path[from]!) {
      await w.control('POST', '/actions/order-status', { orderId: id, status, tracking: { carrier: 'UPS', number: '1Z' } });
    }
    await w.received();
    const refused = await w.api('PATCH', `/api/v1/orders/${id}`, { status: to, tracking: { carrier: 'UPS', number: '1Z' } });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe(`Cannot change an order from ${from} to ${to}.`);
    expect(await w.received()).toEqual([]);
    expect((await w.api('GET', `/api/v1/orders/${id}`)).body.data.status).toBe(from);
  });
});

describe('stock', () => {
  test('product.low_stock fires once when an order crosses into 1..5, not again until stock climbs above 5', async () => {
    // A fresh product at 8 via a stock edit (fires product.updated only: 8 is above the band).
    const fresh = (await w.control('POST', '/events/product.updated', { variant: 'details' })).body.fired[0].envelope.data;
    await w.control('POST', '/actions/stock-adjust', { productId: fresh.id, stock: 8 });
    expect(events(await w.received())).toEqual(['product.updated', 'product.updated']);
    const c = await customer();
    const order = async (quantity: number) =>
      w.api('POST', '/api/v1/orders', { customerId: c.id, items: [{ productId: fresh.id, quantity }] });

    const first = await order(2); // 8 → 6: above the band
    expect(events(await w.received())).toEqual(['order.created']);
    const second = await order(2); // 6 → 4: crosses
    let got = await w.received();
    expect(events(got)).toEqual(['order.created', 'product.low_stock']);
    expect(got[1]!.data).toEqual({
      id: fresh.id,
      sku: fresh.sku,
      name: fresh.name,
      currentStock: 4,
      threshold: 5,
      triggeringOrderId: second.body.data.id,
    });
    expect(first.body.data.id).not.toBe(second.body.data.id);
    await order(1); // 4 → 3: already low, no second alert
    expect(events(await w.received())).toEqual(['order.created']);

    await w.control('POST', '/actions/stock-adjust', { productId: fresh.id, delta: 10 }); // 3 → 13: re-armed
    expect(events(await w.received())).toEqual(['product.updated']);
    await w.control('POST', '/actions/stock-adjust', { productId: fresh.id, delta: -8 }); // 13 → 5: manual crossing
    got = await w.received();
    expect(events(got)).toEqual(['product.updated', 'product.low_stock']);
    expect(got[1]!.data).toMatchObject({ currentStock: 5, triggeringOrderId: null });
  });

  test('an order that would overdraw stock is refused with the documented message and fires nothing', async () => {
    const res = await w.control('POST', '/actions/dashboard-order', {});
    const p = (await w.api('GET', `/api/v1/products/${res.body.result.items[0].productId}`)).body.data;
    await w.received();
    const over = await w.api('POST', '/api/v1/orders', { customerId: (await customer()).id, items: [{ productId: p.id, quantity: p.stock + 1 }] });
    expect(over.status).toBe(422);
    expect(over.body.error).toBe(`Not enough stock for ${p.name}. Only ${p.stock} available.`);
    expect(await w.received()).toEqual([]);
    expect((await w.api('GET', `/api/v1/products/${p.id}`)).body.data.stock).toBe(p.stock);
  });

  test('dropping straight to 0 is out of stock, not low stock', async () => {
    const fresh = (await w.control('POST', '/events/product.updated', { variant: 'details' })).body.fired[0].envelope.data;
    await w.control('POST', '/actions/stock-adjust', { productId: fresh.id, stock: 0 });
    expect(events(await w.received())).toEqual(['product.updated', 'product.updated']);
  });

  test('activate/deactivate send the light payload; an edit sends the full one; no change sends nothing', async () => {
    const fresh = (await w.control('POST', '/events/product.updated', { variant: 'details' })).body.fired[0].envelope.data;
    await w.received();
    await w.control('POST', '/actions/product-deactivate', { productId: fresh.id });
    await w.control('POST', '/actions/product-deactivate', { productId: fresh.id });
    let got = await w.received();
    expect(got.map((e) => e.data)).toEqual([{ id: fresh.id, sku: fresh.sku, name: fresh.name, isActive: false }]);
    await w.control('POST', '/actions/product-edit', { productId: fresh.id, price: 99.999, category: 'Specials' });
    got = await w.received();
    expect(got[0]!.data).toEqual({ ...fresh, price: 100, isActive: false, category: 'Specials' });
    // An inactive product cannot be ordered.
    const refused = await w.api('POST', '/api/v1/orders', { customerId: (await customer()).id, items: [{ productId: fresh.id, quantity: 1 }] });
    expect(refused.status).toBe(422);
  });
});

describe('customers', () => {
  test('POST /api/v1/customers → customer.created (source api, with status)', async () => {
    const res = await w.api('POST', '/api/v1/customers', { email: ' New.Buyer@Example.com ', name: 'New Buyer Inc' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ email: 'new.buyer@example.com', status: 'ACTIVE', emailVerified: false, notes: null });
    const got = await w.received();
    expect(got.map((e) => [e.event, e.data])).toEqual([
      ['customer.created', { id: res.body.data.id, email: 'new.buyer@example.com', name: 'New Buyer Inc', status: 'ACTIVE', source: 'api' }],
    ]);
    const dup = await w.api('POST', '/api/v1/customers', { email: 'new.buyer@example.com' });
    expect(dup.status).toBe(422);
    expect(await w.received()).toEqual([]);
  });

  test('storefront self-registration → customer.created (source storefront, with storeSlug)', async () => {
    const res = await w.control('POST', '/actions/customer-signup', { email: 'shop@cornercoffee.com', name: 'Corner Coffee' });
    const got = await w.received();
    expect(got[0]!.data).toEqual({ id: res.body.result.id, email: 'shop@cornercoffee.com', name: 'Corner Coffee', storeSlug: 'acme-foods', source: 'storefront' });
  });

  test('a store that approves sign-ups: PENDING sign-up, then approval → customer.updated PENDING → ACTIVE', async () => {
    const res = await w.control('POST', '/actions/customer-signup', { email: 'wait@example.com', name: 'Waiting Room Café', pending: true });
    expect(res.body.result.status).toBe('PENDING');
    const approved = await w.control('POST', '/actions/customer-approve', { customerId: res.body.result.id });
    expect(approved.status).toBe(200);
    expect((await w.control('POST', '/actions/customer-approve', { customerId: res.body.result.id })).status).toBe(422);
    const got = await w.received();
    expect(got.map((e) => [e.event, e.data])).toEqual([
      ['customer.created', { id: res.body.result.id, email: 'wait@example.com', name: 'Waiting Room Café', storeSlug: 'acme-foods', source: 'storefront' }],
      ['customer.updated', { id: res.body.result.id, email: 'wait@example.com', name: 'Waiting Room Café', status: 'ACTIVE', previousStatus: 'PENDING' }],
    ]);
    expect((await w.api('PATCH', `/api/v1/customers/${res.body.result.id}`, { status: 'PENDING' })).status).toBe(400);
  });

  test('PATCH → customer.updated; previousStatus only when the status changed; no change → nothing', async () => {
    const { body } = await w.api('POST', '/api/v1/customers', { email: 'patchme@example.com', name: 'Patch Me' });
    const id = body.data.id;
    await w.received();
    await w.api('PATCH', `/api/v1/customers/${id}`, { name: 'Patched Ltd' });
    await w.api('PATCH', `/api/v1/customers/${id}`, { status: 'BLOCKED' });
    await w.api('PATCH', `/api/v1/customers/${id}`, { status: 'BLOCKED', name: 'Patched Ltd' });
    const got = await w.received();
    expect(got.map((e) => e.data)).toEqual([
      { id, email: 'patchme@example.com', name: 'Patched Ltd', status: 'ACTIVE' },
      { id, email: 'patchme@example.com', name: 'Patched Ltd', status: 'BLOCKED', previousStatus: 'ACTIVE' },
    ]);
    const blocked = await w.api('POST', '/api/v1/orders', { customerId: id, items: [{ productId: (await product()).id, quantity: 1 }] });
    expect(blocked.status).toBe(422);
  });
});

describe('returns, refunds and billing', () => {
  test('the return lifecycle fires return.created (staff/customer), return.approved and refund.processed only', async () => {
    const [p, q, c] = [await product(), await product(10), await customer()];
    const placed = await w.api('POST', '/api/v1/orders', {
      customerId: c.id,
      items: [{ productId: p.id, quantity: 3 }, { productId: q.id, quantity: 1 }],
    });
    for (const status of ['CONFIRMED', 'SHIPPED', 'DELIVERED']) {
      await w.control('POST', '/actions/order-status', { orderId: placed.body.data.id, status, tracking: { carrier: 'FEDEX', number: '7777' } });
    }
    await w.received();
    const delivered = placed.body.data;
    const opened = await w.control('POST', '/actions/return-open', { orderId: delivered.id, reason: 'Wrong roast delivered.', by: 'customer' });
    expect(opened.status).toBe(200);
    const r = opened.body.result;
    const approved = await w.control('POST', '/actions/return-approve', { returnId: r.id });
    expect(approved.status).toBe(200);
    const units = delivered.items.reduce((s: number, i: { quantity: number }) => s + i.quantity, 0);
    expect((await w.control('POST', '/actions/return-receive', { returnId: r.id, damagedUnits: 2, goodUnits: 3 })).status).toBe(400);
    expect((await w.control('POST', '/actions/return-receive', { returnId: r.id, damagedUnits: 2 })).status).toBe(200);
    const refunded = await w.control('POST', '/actions/return-refund', { returnId: r.id, method: 'MANUAL', amount: 50 });
    const got = await w.received();
    expect(events(got)).toEqual(['return.created', 'return.approved', 'refund.processed']);
    expect(got[0]!.data).toEqual({
      id: r.id,
      orderId: delivered.id,
      customerId: delivered.customerId,
      itemCount: delivered.items.length,
      reason: 'Wrong roast delivered.',
      status: 'REQUESTED',
    });
    expect(got[1]!.data).toEqual({ id: r.id, orderId: delivered.id, customerId: delivered.customerId, status: 'APPROVED' });
    const subtotal = Math.round(delivered.items.reduce((s: number, i: { quantity: number; unitPrice: number }) => s + i.quantity * i.unitPrice, 0) * 100) / 100;
    expect(got[2]!.data).toEqual({
      id: refunded.body.result.refund.id,
      returnId: r.id,
      orderId: delivered.id,
      customerId: delivered.customerId,
      amount: 50,
      method: 'MANUAL',
      breakdown: { goodUnits: units - 2, damagedUnits: 2, subtotal },
    });
    // REFUNDED is terminal.
    expect((await w.control('POST', '/actions/return-approve', { returnId: r.id })).status).toBe(422);
  });

  test('staff-opened returns carry actor: "staff"; a rejection fires nothing; reasons are 3..2000 chars', async () => {
    const shipped = (await w.api('GET', '/api/v1/orders?status=SHIPPED')).body.data.find((o: { customerId: string | null }) => o.customerId);
    expect((await w.control('POST', '/actions/return-open', { orderId: shipped.id, reason: 'no' })).status).toBe(400);
    const opened = await w.control('POST', '/actions/return-open', { orderId: shipped.id, reason: 'Damaged lids.' });
    await w.control('POST', '/actions/return-reject', { returnId: opened.body.result.id });
    const got = await w.received();
    expect(events(got)).toEqual(['return.created']);
    expect(got[0]!.data.actor).toBe('staff');
    const dashboardOnly = (await w.control('POST', '/actions/dashboard-order', { customerId: null })).body.result;
    await w.control('POST', '/actions/order-status', { orderId: dashboardOnly.id, status: 'CONFIRMED' });
    await w.control('POST', '/actions/order-status', { orderId: dashboardOnly.id, status: 'SHIPPED', tracking: { carrier: 'USPS', number: '94001' } });
    await w.received();
    const noCustomer = await w.control('POST', '/actions/return-open', { orderId: dashboardOnly.id, reason: 'No customer to refund' });
    expect(noCustomer.status).toBe(422);
    expect(await w.received()).toEqual([]);
    const submitted = (await w.api('GET', '/api/v1/orders?status=SUBMITTED')).body.data.find((o: { customerId: string | null }) => o.customerId);
    expect((await w.control('POST', '/actions/return-open', { orderId: submitted.id, reason: 'Too early' })).status).toBe(422);
  });

  test('invoice.paid: consecutive monthly periods', async () => {
    await w.control('POST', '/actions/invoice-paid', {});
    await w.control('POST', '/actions/invoice-paid', { amountPaid: 99 });
    const got = await w.received();
    expect(events(got)).toEqual(['invoice.paid', 'invoice.paid']);
    expect(got[1]!.data.periodStart).toBe(got[0]!.data.periodEnd);
    expect(got[1]!.data.amountPaid).toBe(99);
    expect(got[0]!.data.currency).toBe('usd');
  });
});
