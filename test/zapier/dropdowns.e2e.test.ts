// The hidden triggers behind the record dropdowns against the sandbox: Zapier asks page 0, 1, 2...
// (bundle.meta.page) until a page comes back empty; together the pages are every record, newest
// first, each once. As Zapier runs them (core's app handler, the same storeKey for every page of one
// dropdown, z.cursor over core's RPC client to a local stand-in), each page is one request: the
// cursor of the next page is stored, never found again by re-reading. Under createAppTester (no
// cursor store) the pages follow the cursors from the first. The page size is made small here so a
// few seeded records span several pages; the code path is the one that reads 100 at a time.
import { DROPDOWN_PAGE } from '../../zapier/src/provider/dropdowns';
import { zapierRunner } from '../../scripts/zapier/runner';
import { App, appTester } from './support/app-tester';
import { liveSuite, rpcSuite } from './support/live';

const suite = liveSuite();
const rpcOf = rpcSuite();
const triggers = App.triggers as Record<string, any>;
const realSize = DROPDOWN_PAGE.size;
let sb: ReturnType<typeof suite.live>['sb'];

beforeAll(() => {
  sb = suite.live().sb;
  DROPDOWN_PAGE.size = 2;
});
afterAll(() => {
  DROPDOWN_PAGE.size = realSize;
});

async function restIds(path: string): Promise<string[]> {
  const res = await fetch(`${sb.url}/api/v1${path}?limit=100`, { headers: { Authorization: `Bearer ${sb.apiKey}` } });
  const body = (await res.json()) as any;
  expect(body.pagination.hasMore).toBe(false);
  return body.data.map((r: any) => r.id);
}

async function allPages(key: string): Promise<any[][]> {
  const pages: any[][] = [];
  for (let page = 0; page < 20; page += 1) {
    const items = await appTester(triggers[key].operation.perform, { authData: { apiKey: sb.apiKey, baseUrl: sb.url }, meta: { page, limit: -1 } });
    pages.push(items as any[]);
    if ((items as any[]).length === 0) return pages;
  }
  throw new Error('the pages never ended');
}

test.each([
  ['customer_list', '/customers'],
  ['product_list', '/products'],
  ['order_list', '/orders'],
])('%s: page after page, every record once, newest first, then an empty page', async (key, path) => {
  const expected = await restIds(path);
  expect(expected.length).toBeGreaterThan(2 * DROPDOWN_PAGE.size); // more than two pages
  const pages = await allPages(key);
  expect(pages.length).toBe(Math.ceil(expected.length / DROPDOWN_PAGE.size) + 1);
  for (const page of pages.slice(0, -1)) expect(page.length).toBeGreaterThan(0);
  expect(pages.flat().map((r) => r.id)).toEqual(expected);
  for (const record of pages.flat()) expect(typeof record.label === 'string' && record.label.length > 0).toBe(true);
});

async function getRequests(path: string): Promise<number> {
  const res = await fetch(`${sb.url}/_sandbox/requests?method=GET&path=${encodeURIComponent(path)}`);
  return ((await res.json()) as { data: unknown[] }).data.length;
}

let loads = 0;
test.each([
  ['customer_list', '/customers'],
  ['product_list', '/products'],
  ['order_list', '/orders'],
])('%s as Zapier runs it: "Load more" requests each page once (z.cursor), every record once', async (key, path) => {
  const run = zapierRunner(App, { url: rpcOf().rpcUrl, token: 'test-token' });
  const storeKey = `dropdown-${key}-${(loads += 1)}`;
  const expected = await restIds(path);
  await fetch(`${sb.url}/_sandbox/requests`, { method: 'DELETE' });
  const pages: any[][] = [];
  for (let page = 0; page < 20; page += 1) {
    const items = await run<any[]>(`triggers.${key}.operation.perform`, { authData: { apiKey: sb.apiKey, baseUrl: sb.url }, meta: { page, limit: -1 } }, { storeKey });
    pages.push(items);
    if (items.length === 0) break;
  }
  expect(pages.flat().map((r) => r.id)).toEqual(expected);
  const full = Math.ceil(expected.length / DROPDOWN_PAGE.size);
  expect(pages.length).toBe(full + 1);
  // One request per page with records; the empty page after the last is known without asking.
  expect(await getRequests(path)).toBe(full);
  expect(rpcOf().cursors.has(storeKey)).toBe(true);
});

test('without a cursor store, each page still comes right (following the cursors from the first page)', async () => {
  await fetch(`${sb.url}/_sandbox/requests`, { method: 'DELETE' });
  const pages = await allPages('customer_list');
  const full = pages.length - 1;
  // Page n reads pages 0..n again (1 + 2 + … + full), and the empty page reads all `full` once more.
  expect(await getRequests('/customers')).toBe((full * (full + 1)) / 2 + full);
});

test('order choices read as a person knows the order: its PO number, or its customer and date', async () => {
  const pages = await allPages('order_list');
  const orders = sb.core.store.orders;
  for (const choice of pages.flat()) {
    const order = orders.get(choice.id)!;
    const customer = order.customerId ? sb.core.store.customers.get(order.customerId) : undefined;
    const date = order.createdAt.slice(0, 10);
    expect(choice.label).not.toContain(choice.id);
    if (order.poNumber) expect(choice.label.startsWith(order.poNumber)).toBe(true);
    if (customer) expect(choice.label).toContain(`${customer.name ?? customer.email} · ${date}`);
    if (!order.poNumber && !customer) expect(choice.label).toBe(`Order of ${date}, total ${order.total}`);
  }
  expect(pages.flat().some((c) => !orders.get(c.id)!.poNumber)).toBe(true);
});

test('a key that may not read customers: order choices by PO number or date and total, and customer reads stop at the first refusal', async () => {
  const res = await fetch(`${sb.url}/_sandbox/api-keys`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'orders only', scopes: ['orders:read'] }) });
  const key = ((await res.json()) as any).key as string;
  // Orders of more customers than one batch of reads.
  const api = async (path: string, body: unknown) =>
    ((await (await fetch(`${sb.url}/api/v1${path}`, { method: 'POST', headers: { authorization: `Bearer ${sb.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as any).data;
  const product = [...sb.core.store.products.values()].find((p) => p.isActive && p.stock > 20)!;
  for (let i = 0; i < 6; i += 1) {
    const customer = await api('/customers', { email: `batch-${i}@example.com`, name: `Batch ${i}` });
    await api('/orders', { customerId: customer.id, items: [{ productId: product.id, quantity: 1 }] });
  }
  await fetch(`${sb.url}/_sandbox/requests`, { method: 'DELETE' });
  DROPDOWN_PAGE.size = 100;
  const choices = (await appTester(triggers.order_list.operation.perform, { authData: { apiKey: key, baseUrl: sb.url }, meta: { page: 0 } }).finally(() => {
    DROPDOWN_PAGE.size = 2;
  })) as any[];
  const customers = new Set(choices.map((c) => sb.core.store.orders.get(c.id)!.customerId).filter(Boolean));
  expect(customers.size).toBeGreaterThan(5);
  for (const choice of choices) {
    const order = sb.core.store.orders.get(choice.id)!;
    expect(choice.label).toBe(order.poNumber ? `${order.poNumber} · ${order.createdAt.slice(0, 10)}` : `Order of ${order.createdAt.slice(0, 10)}, total ${order.total}`);
  }
  const logRes = await fetch(`${sb.url}/_sandbox/requests?method=GET`);
  const reads = ((await logRes.json()) as any).data.filter((r: any) => r.path.startsWith('/api/v1/customers/'));
  expect(reads.every((r: any) => r.status === 403)).toBe(true);
  expect(reads.length).toBeLessThanOrEqual(5); // one batch at most
});

test('customer choices read "name · email"', async () => {
  const [first] = (await appTester(triggers.customer_list.operation.perform, { authData: { apiKey: sb.apiKey, baseUrl: sb.url }, meta: { page: 0 } })) as any[];
  const stored = sb.core.store.customers.get(first.id)!;
  expect(first.label).toBe(stored.name ? `${stored.name} · ${stored.email}` : stored.email);
});

test('a page past the bound is empty without asking Distribu', async () => {
  const items = await appTester(triggers.customer_list.operation.perform, { authData: { apiKey: 'dk_not_used', baseUrl: sb.url }, meta: { page: 10_000 } });
  expect(items).toEqual([]);
});
