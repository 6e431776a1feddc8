// The hidden triggers behind the record dropdowns, through createAppTester against the sandbox:
// Zapier asks page 0, 1, 2... (bundle.meta.page) until a page comes back empty; together the pages
// are every record, newest first, each once. The page size is made small here so a few seeded
// customers span several pages; the code path is the one that reads 100 at a time.
import { startSandbox, type Sandbox } from '../../sandbox/src';
import { DROPDOWN_PAGE } from '../../zapier/src/dropdowns';
import { App, appTester } from './app-tester';

let sb: Sandbox;
const triggers = App.triggers as Record<string, any>;
const realSize = DROPDOWN_PAGE.size;

beforeAll(async () => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  sb = await startSandbox({ port: 0, seed: true });
  DROPDOWN_PAGE.size = 2;
});
afterAll(async () => {
  DROPDOWN_PAGE.size = realSize;
  await sb?.close();
  jest.restoreAllMocks();
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

test('customer choices read "name · email"', async () => {
  const [first] = (await appTester(triggers.customer_list.operation.perform, { authData: { apiKey: sb.apiKey, baseUrl: sb.url }, meta: { page: 0 } })) as any[];
  const stored = sb.core.store.customers.get(first.id)!;
  expect(first.label).toBe(stored.name ? `${stored.name} · ${stored.email}` : stored.email);
});

test('a page past the bound is empty without asking Distribu', async () => {
  const items = await appTester(triggers.customer_list.operation.perform, { authData: { apiKey: 'dk_not_used', baseUrl: sb.url }, meta: { page: 10_000 } });
  expect(items).toEqual([]);
});
