// Zapier requires every key of a step's sample in every live result (publishing requirement 4.7,
// checks T004/T006). Each action and search runs here through zapier-platform-core against the
// sandbox as Distribu's docs allow it to answer at its strictest (sparseRecords: only documented
// fields, no null ones: no order `tracking`, no empty notes or PO number) and as it answers by
// default; every live result must carry every key of the sample, in Zapier's flattened key terms.
import { App, appTester } from './support/app-tester';
import { liveSuite } from './support/live';

const suite = liveSuite();
const creates = App.creates as Record<string, any>;
const searches = App.searches as Record<string, any>;
const sandbox = () => suite.live().sb;
const auth = () => ({ apiKey: sandbox().apiKey, baseUrl: sandbox().url });
const run = (kind: 'create' | 'search', key: string, inputData: Record<string, unknown>) =>
  appTester((kind === 'create' ? creates : searches)[key].operation.perform, { authData: auth(), inputData, meta: { isLoadingSample: false } }) as Promise<any>;
const store = () => sandbox().core.store;

/** A value's keys as Zapier flattens them: `tracking__carrier`, `items[]productName`. */
function flatKeys(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) {
    const objects = value.filter((v) => v && typeof v === 'object' && !Array.isArray(v));
    return objects.length ? objects.flatMap((v) => flatKeys(v, `${prefix}[]`)) : [prefix];
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => flatKeys(v, prefix ? (prefix.endsWith('[]') ? `${prefix}${k}` : `${prefix}__${k}`) : k));
  }
  return [prefix];
}

/** Sample keys a live result lacks (a null sample object is met by the object's own keys). */
function missingKeys(sample: object, live: object): string[] {
  const have = new Set(flatKeys(live));
  const present = (key: string) => have.has(key) || [...have].some((k) => k.startsWith(`${key}__`) || k.startsWith(`${key}[]`));
  return [...new Set(flatKeys(sample))].filter((key) => !present(key));
}

async function setSparse(on: boolean) {
  const res = await fetch(`${sandbox().url}/_sandbox/settings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sparseRecords: on }) });
  expect(res.status).toBe(200);
}

const results: Array<{ mode: string; step: string; missing: string[] }> = [];

describe.each([
  ['sparse: only documented fields, no null ones', true],
  ['default sandbox', false],
])('%s', (mode, sparse) => {
  beforeAll(() => setSparse(sparse));
  afterAll(() => setSparse(false));

  test('every action and search: each live result carries every sample key; orders name their customer and page', async () => {
    const acme = [...store().customers.values()].find((c) => c.email === 'buyer@acme.com')!;
    const product = [...store().products.values()].find((p) => p.isActive && p.stock > 20)!;
    const check = (kind: 'create' | 'search', key: string, live: any) => {
      const items = Array.isArray(live) ? live : [live];
      expect(items.length).toBeGreaterThan(0);
      const sample = (kind === 'create' ? creates : searches)[key].operation.sample;
      for (const item of items) {
        const missing = missingKeys(sample, item);
        results.push({ mode, step: key, missing });
        expect({ key, missing }).toEqual({ key, missing: [] });
        if (key.includes('order')) {
          expect(item.dashboardUrl).toBe(`${sandbox().url}/dashboard/orders/${item.id}`);
          if (item.customerId) expect(typeof item.customerName).toBe('string');
        }
      }
    };
    // No PO number, no notes: the fields a sparse Distribu leaves out.
    const order = await run('create', 'create_order', { customerId: acme.id, lineItems: [{ productId: product.id, quantity: 1 }] });
    check('create', 'create_order', order);
    expect(order.customerName).toBe(acme.name);
    if (sparse) expect(order).toMatchObject({ poNumber: null, notes: null, tracking: null });
    check('create', 'update_order_status', await run('create', 'update_order_status', { orderId: order.id, status: 'CONFIRMED' }));
    const shipped = await run('create', 'update_order_status', { orderId: order.id, status: 'SHIPPED', carrier: 'DHL', trackingNumber: 'JD0146000031' });
    check('create', 'update_order_status', shipped);
    const customer = await run('create', 'create_customer', { email: `sparse-${sparse}@example.com` });
    check('create', 'create_customer', customer);
    check('create', 'update_customer', await run('create', 'update_customer', { customerId: customer.id, creditLimit: 100 }));
    check('search', 'find_order', await run('search', 'find_order', { orderId: order.id }));
    const withPo = [...store().orders.values()].find((o) => o.poNumber)!;
    check('search', 'find_order', await run('search', 'find_order', { poNumber: withPo.poNumber }));
    check('search', 'find_customer', await run('search', 'find_customer', { search: 'buyer@acme.com' }));
    check('search', 'find_customer', await run('search', 'find_customer', { search: 'a', partialNames: true }));
    check('search', 'find_product', await run('search', 'find_product', { search: product.sku }));
  });
});

test('every action and search was checked in both modes', () => {
  const steps = [...Object.keys(creates), ...Object.keys(searches)].sort();
  for (const mode of new Set(results.map((r) => r.mode))) expect([...new Set(results.filter((r) => r.mode === mode).map((r) => r.step))].sort()).toEqual(steps);
  expect(new Set(results.map((r) => r.mode)).size).toBe(2);
});

test("a trigger's test step (items from REST records) has the same keys whether Distribu leaves out empty fields or not", async () => {
  const triggers = Object.entries(App.triggers as Record<string, any>).filter(([, t]) => !t.display.hidden);
  const keysOf = async (key: string) => {
    const items = (await appTester(triggers.find(([k]) => k === key)![1].operation.performList, { authData: auth(), meta: { limit: 100 } })) as any[];
    return items.map((item) => Object.keys(item).sort().join(','));
  };
  let compared = 0;
  for (const [key] of triggers) {
    await setSparse(false);
    const full = await keysOf(key);
    await setSparse(true);
    expect({ key, keys: await keysOf(key) }).toEqual({ key, keys: full });
    compared += full.length;
  }
  await setSparse(false);
  expect(compared).toBeGreaterThan(20);
});
