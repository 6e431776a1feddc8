// The Zapier creates, searches and Find or Create Customer through zapier-platform-core's
// createAppTester against the sandbox over HTTP, with bundles as Zapier builds them (inputData
// from the editor, line items as a list of objects). Results are checked against the sandbox's
// own state; refusals leave that state as it was.
import { App, appTester, rejectionOf, zapierErrorParts } from './support/app-tester';
import { liveSuite } from './support/live';
import { SEARCH_READ } from '../../zapier/src/provider/finds';

const suite = liveSuite();
const WRONG_KEY = 'dk_this_key_does_not_exist_0123456789abcdefghijklm';

const creates = App.creates as Record<string, any>;
const searches = App.searches as Record<string, any>;
const sandbox = () => suite.live().sb;
const auth = (apiKey = sandbox().apiKey) => ({ apiKey, baseUrl: sandbox().url });
const create = (key: string, inputData: Record<string, unknown>, apiKey?: string) =>
  appTester(creates[key].operation.perform, { authData: auth(apiKey), inputData, meta: { isLoadingSample: false } }) as Promise<any>;
const search = (key: string, inputData: Record<string, unknown>, apiKey?: string) =>
  appTester(searches[key].operation.perform, { authData: auth(apiKey), inputData, meta: { isLoadingSample: false } }) as Promise<any[]>;

async function scopedKey(scopes: string[]): Promise<string> {
  const res = await fetch(`${sandbox().url}/_sandbox/api-keys`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'zapier actions', scopes }) });
  return ((await res.json()) as any).key;
}
const store = () => sandbox().core.store;
/** GET requests the sandbox answered at exactly this list path since the log was last cleared. */
async function listRequests(path: string): Promise<number> {
  const res = await fetch(`${sandbox().url}/_sandbox/requests?method=GET&path=${encodeURIComponent(path)}`);
  return ((await res.json()) as { data: unknown[] }).data.length;
}
const customerByEmail = (email: string) => [...store().customers.values()].find((c) => c.email === email);
const productBySku = (sku: string) => [...store().products.values()].find((p) => p.sku === sku)!;
const orderInStatus = (status: string) => [...store().orders.values()].find((o) => o.status === status)!;

describe('Create Order', () => {
  test('two line items, PO number and notes: the order exists with its lines, stock is taken', async () => {
    const acme = customerByEmail('buyer@acme.com')!;
    const beans = productBySku('COF-ARA-1KG');
    const oat = productBySku('DAI-OAT-1L');
    const [beansStock, oatStock] = [beans.stock, oat.stock];
    const order = await create('create_order', {
      customerId: acme.id,
      lineItems: [
        { productId: beans.id, quantity: 3 },
        { productId: oat.id, quantity: '2' },
      ],
      poNumber: 'PO-ZAP-1',
      notes: 'Back door',
    });
    const stored = store().orders.get(order.id)!;
    expect(stored).toMatchObject({ customerId: acme.id, status: 'SUBMITTED', poNumber: 'PO-ZAP-1', notes: 'Back door' });
    expect(stored.items.map((i) => [i.productId, i.quantity])).toEqual([
      [beans.id, 3],
      [oat.id, 2],
    ]);
    expect(order.items.map((i: any) => i.productId)).toEqual([beans.id, oat.id]);
    expect(order.total).toBe(stored.total);
    expect(productBySku('COF-ARA-1KG').stock).toBe(beansStock - 3);
    expect(productBySku('DAI-OAT-1L').stock).toBe(oatStock - 2);
  });

  test('an unknown product: a plain message, and no order is created', async () => {
    const before = store().orders.size;
    const error = zapierErrorParts(
      await rejectionOf(create('create_order', { customerId: customerByEmail('buyer@acme.com')!.id, lineItems: [{ productId: 'clnope0000000000000000000', quantity: 1 }] })),
    );
    expect(error.message).toBe('Distribu could not find the product: check its ID (it may have been deleted, or belong to another company). Nothing was created.');
    expect(store().orders.size).toBe(before);
  });

  test('a key without orders:write: the missing scope is named, and no order is created', async () => {
    const key = await scopedKey(['orders:read', 'customers:read', 'products:read']);
    const before = store().orders.size;
    const error = zapierErrorParts(
      await rejectionOf(create('create_order', { customerId: customerByEmail('buyer@acme.com')!.id, lineItems: [{ productId: productBySku('COF-ARA-1KG').id, quantity: 1 }] }, key)),
    );
    expect(error.message).toContain('"orders:write"');
    expect(error.code).toBe('MissingScope');
    expect(store().orders.size).toBe(before);
  });

  test('no line items: refused before anything is sent, naming the field', async () => {
    const before = store().orders.size;
    const error = zapierErrorParts(await rejectionOf(create('create_order', { customerId: customerByEmail('buyer@acme.com')!.id })));
    expect(error.message).toMatch(/^Line Items is required\./);
    expect(error.code).toBe('InvalidInput');
    expect(store().orders.size).toBe(before);
  });

  test('a refused key while a Zap runs: ExpiredAuthError, so Zapier asks to reconnect', async () => {
    const error = (await rejectionOf(create('create_order', { customerId: 'x', lineItems: [{ productId: 'y', quantity: 1 }] }, WRONG_KEY))) as Error;
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).not.toContain(WRONG_KEY);
  });
});

describe('a create is sent once, never retried (Distribu has no idempotency keys)', () => {
  const faults = async (method: string, rule?: object) =>
    ((await (await fetch(`${sandbox().url}/_sandbox/faults`, { method, ...(rule ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(rule) } : {}) })).json()) as any).data;
  afterEach(() => faults('DELETE'));
  const order = () => ({ customerId: customerByEmail('buyer@acme.com')!.id, lineItems: [{ productId: productBySku('COF-ARA-1KG').id, quantity: 1 }] });

  test('the answer is lost after Distribu created the order: one order, and the message says to look before running again', async () => {
    await faults('POST', { status: 'lost-reset', count: 2, path: '/orders', method: 'POST' });
    const before = store().orders.size;
    const error = zapierErrorParts(await rejectionOf(create('create_order', order())));
    expect(error.message).toMatch(/The order may or may not have been created: look in Distribu before running this again\. It was not retried automatically/);
    expect(store().orders.size).toBe(before + 1);
    expect((await faults('GET'))[0].remaining).toBe(1); // one send used one fault: no second send
  });

  test('a server error on create: nothing sent twice, the outcome named as unknown', async () => {
    await faults('POST', { status: 500, count: 2, path: '/orders', method: 'POST' });
    const before = store().orders.size;
    const error = zapierErrorParts(await rejectionOf(create('create_order', order())));
    expect(error.message).toMatch(/^Distribu had a server error \(HTTP 500\)\. The order may or may not have been created/);
    expect(error.code).toBe('ServerError');
    expect(store().orders.size).toBe(before);
    expect((await faults('GET'))[0].remaining).toBe(1);
  });
});

describe('Update Order Status', () => {
  test('allowed: SUBMITTED → CONFIRMED, then SHIPPED with carrier and tracking', async () => {
    const order = orderInStatus('SUBMITTED');
    const confirmed = await create('update_order_status', { orderId: order.id, status: 'CONFIRMED' });
    expect(confirmed).toMatchObject({ id: order.id, status: 'CONFIRMED' });
    const shipped = await create('update_order_status', { orderId: order.id, status: 'SHIPPED', carrier: 'UPS', trackingNumber: '1Z999AA10123456784' });
    expect(shipped).toMatchObject({ status: 'SHIPPED', tracking: { carrier: 'UPS', number: '1Z999AA10123456784' } });
    expect(store().orders.get(order.id)!.status).toBe('SHIPPED');
  });

  test('refused: SUBMITTED → DELIVERED names the allowed changes, and the order is unchanged', async () => {
    const order = orderInStatus('SUBMITTED');
    const before = structuredClone(store().orders.get(order.id));
    const error = zapierErrorParts(await rejectionOf(create('update_order_status', { orderId: order.id, status: 'DELIVERED' })));
    expect(error.message).toBe(
      `Distribu refused to change order ${order.id} from SUBMITTED to DELIVERED: that transition is not allowed. A SUBMITTED order can move only to CONFIRMED or CANCELLED. The order was not changed.`,
    );
    expect(store().orders.get(order.id)).toEqual(before);
  });

  test('SHIPPED without a carrier: refused before anything is sent, the order unchanged', async () => {
    const order = orderInStatus('CONFIRMED');
    const error = zapierErrorParts(await rejectionOf(create('update_order_status', { orderId: order.id, status: 'SHIPPED', trackingNumber: '1Z' })));
    expect(error.message).toMatch(/^Carrier is required when status is SHIPPED\./);
    expect(store().orders.get(order.id)!.status).toBe('CONFIRMED');
  });
});

describe('Create Customer and Update Customer', () => {
  test('creates a customer, then updates only the given fields', async () => {
    const created = await create('create_customer', { email: 'New.Buyer@Example.com', name: 'New Buyer Co', creditLimit: '2500' });
    expect(customerByEmail('new.buyer@example.com')).toMatchObject({ id: created.id, name: 'New Buyer Co', creditLimit: 2500 });
    const updated = await create('update_customer', { customerId: created.id, notes: 'Pays on time', name: '' });
    expect(updated).toMatchObject({ id: created.id, notes: 'Pays on time', name: 'New Buyer Co' });
    expect(store().customers.get(created.id)).toMatchObject({ notes: 'Pays on time', name: 'New Buyer Co', creditLimit: 2500 });
  });
});

describe('searches', () => {
  test('Find Order: the order by its ID; an unknown ID finds nothing (an empty list, not an error)', async () => {
    const order = orderInStatus('DELIVERED');
    const found = await search('find_order', { orderId: order.id });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ id: order.id, status: 'DELIVERED', total: order.total });
    expect(await search('find_order', { orderId: 'clnope0000000000000000000' })).toEqual([]);
  });

  test('Find Customer: an email finds exactly that customer', async () => {
    const [byEmail] = await search('find_customer', { search: 'BUYER@acme.com' });
    expect(byEmail).toMatchObject({ id: customerByEmail('buyer@acme.com')!.id, email: 'buyer@acme.com' });
    // another customer whose email contains the searched one is not a match
    await create('create_customer', { email: 'xbuyer@acme.com', name: 'Other Buyer' });
    expect((await search('find_customer', { search: 'buyer@acme.com' })).map((c) => c.email)).toEqual(['buyer@acme.com']);
    expect(await search('find_customer', { search: 'nobody@nowhere.example' })).toEqual([]);
  });

  test('Find Customer: a name matches whole names, ignoring capitals and extra spaces; parts only with Match Partial Names', async () => {
    const intl = await create('create_customer', { email: 'intl@acmecorp.example', name: 'Acme Corp International' });
    // Only the longer name exists: "Acme Corp" is not it, so Find or Create would create.
    expect(await search('find_customer', { search: 'Acme Corp' })).toEqual([]);
    const corp = await create('create_customer', { email: 'hq@acmecorp.example', name: 'Acme Corp' });
    expect((await search('find_customer', { search: '  acme   CORP ' })).map((c) => c.id)).toEqual([corp.id]);
    expect((await search('find_customer', { search: 'acme corp international' })).map((c) => c.id)).toEqual([intl.id]);
    // Asked for: every name containing the text, the exact one first.
    const partial = await search('find_customer', { search: 'Acme Corp', partialNames: true });
    expect(partial.map((c) => c.id)).toEqual([corp.id, intl.id]);
    expect((await search('find_customer', { search: 'harbor' })).map((c) => c.email)).toEqual([]);
    expect((await search('find_customer', { search: 'harbor', partialNames: 'true' })).map((c) => c.email)).toEqual(['purchasing@harborhotel.com']);
  });

  test('Find Order by PO number: the whole number, ignoring capitals; read page by page within the bound', async () => {
    const acme = customerByEmail('buyer@acme.com')!;
    const line = [{ productId: productBySku('COF-ARA-1KG').id, quantity: 1 }];
    const target = await create('create_order', { customerId: acme.id, lineItems: line, poNumber: 'PO-FIND-77' });
    await create('create_order', { customerId: acme.id, lineItems: line, poNumber: 'PO-FIND-770' });
    for (let i = 0; i < 5; i += 1) await create('create_order', { customerId: acme.id, lineItems: line });
    const found = await search('find_order', { poNumber: ' po-find-77 ' });
    expect(found.map((o) => o.id)).toEqual([target.id]);
    expect(found[0]).toMatchObject({ poNumber: 'PO-FIND-77', customerName: acme.name });
    expect(await search('find_order', { poNumber: 'PO-FIND' })).toEqual([]);
    // Small pages: the search follows Distribu's cursor, and stops at its bound (then finds nothing older).
    const real = { ...SEARCH_READ };
    Object.assign(SEARCH_READ, { pageSize: 2, maxPages: 4 });
    try {
      await fetch(`${sandbox().url}/_sandbox/requests`, { method: 'DELETE' });
      expect((await search('find_order', { poNumber: 'PO-FIND-77' })).map((o) => o.id)).toEqual([target.id]);
      expect(await listRequests('/orders')).toBe(4); // the seventh newest: on the fourth page of two
      Object.assign(SEARCH_READ, { maxPages: 3 });
      expect(await search('find_order', { poNumber: 'PO-FIND-77' })).toEqual([]);
    } finally {
      Object.assign(SEARCH_READ, real);
    }
  });

  test('Find Order: neither an order nor a PO number is a plain input error', async () => {
    const error = zapierErrorParts(await rejectionOf(search('find_order', {})));
    expect(error).toMatchObject({ code: 'InvalidInput', message: 'Choose an Order, or enter a PO Number to find the order by.' });
  });

  test('Find Product: a SKU finds that product first; text finds products containing it', async () => {
    const beans = productBySku('COF-ARA-1KG');
    const [first] = await search('find_product', { search: 'cof-ara-1kg' });
    expect(first).toMatchObject({ id: beans.id, sku: 'COF-ARA-1KG' });
    const many = await search('find_product', { search: 'COF' });
    expect(many.length).toBeGreaterThan(0);
    for (const p of many) expect(`${p.name} ${p.sku} ${p.category}`.toLowerCase()).toContain('cof');
  });

  test('a key without customers:read: the missing scope is named', async () => {
    const key = await scopedKey(['orders:read']);
    const error = zapierErrorParts(await rejectionOf(search('find_customer', { search: 'acme' }, key)));
    expect(error.message).toContain('"customers:read"');
  });
});

describe('Find or Create Customer (Zapier runs the search, then the create when it found nothing)', () => {
  async function findOrCreate(email: string, name: string) {
    const pairing = (App.searchOrCreates as Record<string, any>).find_customer;
    const found = await search(pairing.search, { search: email });
    if (found.length > 0) return found[0];
    return create(pairing.create, { email, name });
  }

  test('twice with the same email gives one customer', async () => {
    const before = store().customers.size;
    const first = await findOrCreate('twice@example.com', 'Twice Ltd');
    const second = await findOrCreate('Twice@Example.com', 'Twice Ltd');
    expect(second.id).toBe(first.id);
    expect(store().customers.size).toBe(before + 1);
    expect([...store().customers.values()].filter((c) => c.email === 'twice@example.com')).toHaveLength(1);
  });
});
