// The Distribu action node's execute() and pickers against the real sandbox over HTTP: a mocked
// n8n `this` (support/action-context.ts) whose request helper is real HTTP with the credential's
// key. The operations' own rules are tested in test/operations; here the node's part: reading
// n8n's parameters (locators, line items, collections), paired items, Simplify, Return All/Limit
// and the full-page hint, errors as n8n errors, and Continue On Fail.
import { NodeApiError, NodeOperationError, type IDataObject, type INodeExecutionData } from 'n8n-workflow';
import { getOperation, simplify } from '@distribu/shared/runtime';
import { startSandbox, type Sandbox } from '../../sandbox/src';
import { Distribu } from '../../n8n-node/nodes/Distribu/Distribu.node';
import { moreRecordsHint } from '../../n8n-node/nodes/Distribu/errors';
import { failure as rejection } from '../operations/support/world';
import { httpTo, type RequestHandler } from './support/context';
import { actionContext, answering, locator } from './support/action-context';

jest.setTimeout(60_000);

const node = new Distribu();
let sandbox: Sandbox;
let api: RequestHandler;
let acme: string;
let beans: string;
let oat: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: true });
  api = httpTo(sandbox.apiKey);
  const store = sandbox.core.store;
  acme = [...store.customers.values()].find((c) => c.email === 'buyer@acme.com')!.id;
  beans = [...store.products.values()].find((p) => p.sku === 'COF-ARA-1KG')!.id;
  oat = [...store.products.values()].find((p) => p.sku === 'DAI-OAT-1L')!.id;
});
afterAll(() => sandbox?.close());

function run(parameters: IDataObject, extra: Partial<Parameters<typeof actionContext>[0]> = {}) {
  const made = actionContext({ api, baseUrl: sandbox.url, parameters, ...extra });
  return { ...made, result: node.execute.call(made.ctx) as Promise<INodeExecutionData[][]> };
}

const orderCount = () => sandbox.core.store.orders.size;

describe('Order → Create', () => {
  it('reads the customer locator, two line items with product locators, and the additional fields; the order exists in the sandbox', async () => {
    const before = orderCount();
    const { result } = run({
      resource: 'order',
      operation: 'create',
      customerId: locator(acme),
      lineItems: { item: [{ productId: locator(beans, 'id'), quantity: 3 }, { productId: locator(oat), quantity: 2 }] },
      additionalFields: { poNumber: 'PO-N8N-1' },
      simplify: false,
    });
    const [items] = await result;
    expect(items).toHaveLength(1);
    expect(items![0]!.pairedItem).toEqual({ item: 0 });
    const order = sandbox.core.store.orders.get(items![0]!.json.id as string)!;
    expect(orderCount()).toBe(before + 1);
    expect(order).toMatchObject({ customerId: acme, poNumber: 'PO-N8N-1', status: 'SUBMITTED' });
    expect(order.items.map((i) => [i.productId, i.quantity])).toEqual([
      [beans, 3],
      [oat, 2],
    ]);
    // Simplify off: the whole record, line items included.
    expect(items![0]!.json).toMatchObject({ id: order.id, items: expect.any(Array) });
  });

  it('an unknown product stops the run with a NodeApiError in plain words for that item, and creates nothing', async () => {
    const before = orderCount();
    const error = await rejection(
      run({ resource: 'order', operation: 'create', customerId: locator(acme), lineItems: { item: [{ productId: locator('clnope0000000000000000000'), quantity: 1 }] } })
        .result,
    );
    expect(error).toBeInstanceOf(NodeApiError);
    expect(error.message).toBe('Distribu could not find the product: check its ID (it may have been deleted, or belong to another company). Nothing was created.');
    expect((error as NodeApiError).context.itemIndex).toBe(0);
    expect(orderCount()).toBe(before);
  });

  it('no line items: a NodeOperationError naming the input, before any call', async () => {
    const { result, requests } = run({ resource: 'order', operation: 'create', customerId: locator(acme), lineItems: {} });
    const error = await rejection(result);
    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error.message).toMatch(/^Line Items is required\./);
    expect(requests).toEqual([]);
  });
});

describe('Order → Create with line items as one JSON list (Specify Line Items: Using JSON)', () => {
  const salt = () => [...sandbox.core.store.products.values()].find((p) => p.sku !== 'COF-ARA-1KG' && p.sku !== 'DAI-OAT-1L' && p.isActive && p.stock > 10)!.id;

  it('takes the JSON text of any length (three entries here) and the list an expression or $fromAI produced', async () => {
    const third = salt();
    const asText = JSON.stringify([
      { productId: beans, quantity: 1 },
      { productId: oat, quantity: 2 },
      { productId: third, quantity: 3 },
    ]);
    const [fromText] = await run({ resource: 'order', operation: 'create', customerId: locator(acme), specifyLineItems: 'json', lineItemsJson: asText }).result;
    const [fromList] = await run({ resource: 'order', operation: 'create', customerId: locator(acme), specifyLineItems: 'json', lineItemsJson: JSON.parse(asText) }).result;
    for (const items of [fromText, fromList]) {
      const order = sandbox.core.store.orders.get(items![0]!.json.id as string)!;
      expect(order.items.map((i) => [i.productId, i.quantity])).toEqual([
        [beans, 1],
        [oat, 2],
        [third, 3],
      ]);
    }
  });

  it('one object is a list of one; the rows (lineItems) are ignored in JSON mode', async () => {
    const [items] = await run({
      resource: 'order',
      operation: 'create',
      customerId: locator(acme),
      specifyLineItems: 'json',
      lineItemsJson: { productId: oat, quantity: 4 },
      lineItems: { item: [{ productId: locator(beans), quantity: 9 }] },
    }).result;
    expect(sandbox.core.store.orders.get(items![0]!.json.id as string)!.items.map((i) => [i.productId, i.quantity])).toEqual([[oat, 4]]);
  });

  it.each([
    ['not JSON', '[{"productId": ', /^Line Items must be a list; got "\[\{"productId": "\./],
    ['an empty list', '[]', /^Line Items is required\./],
    ['an entry that is not an object', '["abc"]', /^Entry 1 of Line Items must be an object with productId and quantity\./],
    ['an entry without a quantity', `[{"productId": "x"}]`, /^Quantity \(entry 1 of Line Items\) is required\./],
  ])('%s: a NodeOperationError in plain words, before any call', async (_case, lineItemsJson, message) => {
    const { result, requests } = run({ resource: 'order', operation: 'create', customerId: locator(acme), specifyLineItems: 'json', lineItemsJson });
    const error = await rejection(result);
    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error.message).toMatch(message);
    expect(requests).toEqual([]);
  });
});

describe('Order → Update Status', () => {
  let orderId: string;
  beforeAll(async () => {
    const [items] = await run({ resource: 'order', operation: 'create', customerId: locator(acme), lineItems: { item: [{ productId: locator(beans), quantity: 1 }] } }).result;
    orderId = items![0]!.json.id as string;
  });

  it('reads carrier and tracking only when shipping (left-over values of a hidden field are not sent)', async () => {
    const confirm = run({ resource: 'order', operation: 'updateStatus', orderId: locator(orderId, 'id'), status: 'CONFIRMED', carrier: 'UPS', trackingNumber: 'left over' });
    await confirm.result;
    expect(confirm.requests.map((r) => [r.method, r.body])).toEqual([['PATCH', { status: 'CONFIRMED' }]]);
    const ship = run({
      resource: 'order',
      operation: 'updateStatus',
      orderId: locator(`https://distribu.app/dashboard/orders/${orderId}`, 'url'),
      status: 'SHIPPED',
      carrier: 'UPS',
      trackingNumber: '1Z999AA10123456784',
    });
    const [items] = await ship.result;
    expect(ship.requests[0]!.url).toBe(`${sandbox.url}/api/v1/orders/${orderId}`);
    expect(ship.requests[0]!.body).toEqual({ status: 'SHIPPED', tracking: { carrier: 'UPS', number: '1Z999AA10123456784' } });
    expect(items![0]!.json).toMatchObject({ id: orderId, status: 'SHIPPED', tracking: { carrier: 'UPS', number: '1Z999AA10123456784' } });
    expect(sandbox.core.store.orders.get(orderId)!.status).toBe('SHIPPED');
  });

  it('an illegal move: the message names the move and the allowed ones; the order is unchanged', async () => {
    const error = await rejection(run({ resource: 'order', operation: 'updateStatus', orderId: locator(orderId), status: 'CANCELLED' }).result);
    expect(error).toBeInstanceOf(NodeApiError);
    expect(error.message).toContain(`from SHIPPED to CANCELLED: that transition is not allowed`);
    expect(error.message).toContain('DELIVERED');
    expect(sandbox.core.store.orders.get(orderId)!.status).toBe('SHIPPED');
  });
});

describe('items, pairing and Continue On Fail', () => {
  it('runs once per input item; every output item is paired with the item it came from', async () => {
    const customers = [...sandbox.core.store.customers.values()].slice(0, 3);
    const { result } = run(
      { resource: 'customer', operation: 'get' },
      { items: customers.map(() => ({ json: {} })), perItem: customers.map((c) => ({ customerId: locator(c.id) })) },
    );
    const [items] = await result;
    expect(items!.map((i) => [i.json.id, i.pairedItem])).toEqual(customers.map((c, index) => [c.id, { item: index }]));
  });

  it('with Continue On Fail, a failing item yields {error} paired with it, and the next items still run', async () => {
    const { result } = run(
      { resource: 'customer', operation: 'get' },
      {
        continueOnFail: true,
        items: [{ json: {} }, { json: {} }, { json: {} }],
        perItem: [{ customerId: locator(acme) }, { customerId: locator('clnope0000000000000000000') }, { customerId: locator('') }],
      },
    );
    const [items] = await result;
    expect(items!.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
    expect(items![0]!.json.id).toBe(acme);
    expect(items![1]!.json).toEqual({ error: 'Distribu could not find the customer: check its ID (it may have been deleted, or belong to another company).' });
    expect(items![2]!.json).toEqual({ error: expect.stringMatching(/^Customer is required\./) });
  });

  it('without Continue On Fail, the error names the item that failed', async () => {
    const error = await rejection(
      run({ resource: 'customer', operation: 'get' }, { items: [{ json: {} }, { json: {} }], perItem: [{ customerId: locator(acme) }, { customerId: locator('') }] })
        .result,
    );
    expect(error).toBeInstanceOf(NodeOperationError);
    expect((error as NodeOperationError).context.itemIndex).toBe(1);
  });

  it('an unknown operation is a NodeOperationError, not a crash', async () => {
    const error = await rejection(run({ resource: 'order', operation: 'teleport' }).result);
    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error.message).toBe('Distribu has no operation "teleport" for order.');
  });
});

describe('Get Many', () => {
  it('stops at Limit and says in a hint that Distribu has more', async () => {
    const { result, hints, requests } = run({ resource: 'customer', operation: 'getAll', returnAll: false, limit: 2 });
    const [items] = await result;
    expect(sandbox.core.store.customers.size).toBeGreaterThan(2);
    expect(items).toHaveLength(2);
    expect(requests[0]!.qs).toMatchObject({ limit: 2 });
    expect(hints).toEqual([{ message: moreRecordsHint(2), location: 'outputPane' }]);
  });

  it('gives no hint when the Limit let every record through', async () => {
    const count = sandbox.core.store.customers.size;
    const { result, hints } = run({ resource: 'customer', operation: 'getAll', returnAll: false, limit: count });
    expect((await result)[0]).toHaveLength(count);
    expect(hints).toEqual([]);
  });

  it('Return All reads every page and gives no hint; filters go to the query', async () => {
    const expected = [...sandbox.core.store.customers.values()].filter((c) => c.status === 'ACTIVE').length;
    const { result, hints, requests } = run({ resource: 'customer', operation: 'getAll', returnAll: true, search: '', filters: { status: 'ACTIVE' } });
    const [items] = await result;
    expect(items).toHaveLength(expected);
    expect(items!.every((i) => i.json.status === 'ACTIVE')).toBe(true);
    expect(requests[0]!.qs).toMatchObject({ status: 'ACTIVE' });
    expect(requests[0]!.qs).not.toHaveProperty('search');
    expect(hints).toEqual([]);
  });

  it('Simplify keeps the catalog\'s simple keys; off, the whole record', async () => {
    const op = getOperation('product.getAll')!;
    const [simple] = await run({ resource: 'product', operation: 'getAll', returnAll: true, simplify: true }).result;
    const [full] = await run({ resource: 'product', operation: 'getAll', returnAll: true, simplify: false }).result;
    expect(simple!.map((i) => i.json)).toEqual(full!.map((i) => simplify(op, i.json)));
    expect(Object.keys(simple![0]!.json).sort()).toEqual([...op.simpleKeys].sort());
    expect(Object.keys(full![0]!.json).length).toBeGreaterThan(op.simpleKeys.length);
  });

  it('Low Stock Only (a filter) keeps only products with 1 to 5 units', async () => {
    const [items] = await run({ resource: 'product', operation: 'getAll', returnAll: true, filters: { lowStockOnly: true } }).result;
    const expected = [...sandbox.core.store.products.values()].filter((p) => p.stock > 0 && p.stock <= 5).map((p) => p.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(items!.map((i) => i.json.id).sort()).toEqual(expected.sort());
  });
});

describe('errors from Distribu', () => {
  it('a missing scope: a NodeApiError naming the scope, with the HTTP code and no key', async () => {
    const { result } = run({ resource: 'report', operation: 'sales' }, { api: answering(403, { error: 'Insufficient permissions. This key lacks the "reports:read" scope.' }) });
    const error = (await rejection(result)) as NodeApiError;
    expect(error).toBeInstanceOf(NodeApiError);
    expect(error.message).toContain('lacks the "reports:read" scope');
    expect(error.httpCode).toBe('403');
    expect(JSON.stringify(error)).not.toContain('dk_');
  });

  it('a create whose answer was lost says it may have been created and was not retried (one request only)', async () => {
    const lost = answering(502, '<html>Bad gateway</html>');
    const error = await rejection(run({ resource: 'customer', operation: 'create', email: 'lost@example.com' }, { api: lost }).result);
    expect(error.message).toContain('may or may not have been created');
    expect(lost.calls).toHaveLength(1);
  });
});

describe('pickers (listSearch)', () => {
  const search = (method: keyof typeof node.methods.listSearch, filter?: string, token?: string) => {
    const { ctx } = actionContext({ api, baseUrl: sandbox.url, parameters: {} });
    return node.methods.listSearch[method]!.call(ctx, filter, token);
  };

  it('searches customers by Distribu\'s search and labels them by name and email', async () => {
    const { results } = await search('searchCustomers', 'acme');
    expect(results.map((r) => r.value)).toContain(acme);
    expect(results.every((r) => /acme/i.test(r.name))).toBe(true);
  });

  it('pages with Distribu\'s cursor as n8n\'s pagination token', async () => {
    for (let i = 0; i < 105; i++) {
      await run({ resource: 'order', operation: 'create', customerId: locator(acme), lineItems: { item: [{ productId: locator(oat), quantity: 1 }] } }).result;
    }
    const first = await search('searchOrders');
    expect(first.results).toHaveLength(100);
    expect(first.paginationToken).toBe(first.results.at(-1)!.value);
    const second = await search('searchOrders', undefined, first.paginationToken as string);
    expect(second.results.length).toBe(orderCount() - 100);
    expect(second.paginationToken).toBeUndefined();
    expect(new Set([...first.results, ...second.results].map((r) => r.value)).size).toBe(orderCount());
    // Orders have a dashboard URL.
    expect(first.results[0]!.url).toBe(`https://distribu.app/dashboard/orders/${first.results[0]!.value}`);
  });

  it('a refused picker call is a NodeApiError in plain words', async () => {
    const { ctx } = actionContext({ api: answering(401, { error: 'Invalid, expired, or revoked API key.' }), baseUrl: sandbox.url, parameters: {} });
    const error = await rejection(node.methods.listSearch.searchProducts!.call(ctx));
    expect(error).toBeInstanceOf(NodeApiError);
    expect(error.message).toMatch(/^Distribu did not accept the API key/);
  });
});
