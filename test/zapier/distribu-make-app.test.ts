// makeApp(distribuHost) builds Distribu's creates, searches, Find or Create Customer and dropdown triggers from its
// host data alone (shared/src/providers/distribu/zapier.ts), with the connection's client (provider/connection.ts)
// rather than the transport Distribu's own app passes: their definitions are the ones users' Zaps hold (the
// fixture written before the move), and they run against the sandbox over HTTP through zapier-platform-core.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAppTester, version as platformVersion } from 'zapier-platform-core';
import { distribuHost } from '@distribu/shared/providers/distribu';
import { makeApp } from '../../zapier/src/provider-app';
import { rejectionOf, zapierErrorParts } from './support/app-tester';
import { liveSuite } from './support/live';

const app = makeApp(distribuHost, '1.0.0', platformVersion) as Record<string, any>;
const tester = createAppTester(app as never);
const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'distribu-app-definition.json'), 'utf8'));

/** The definition as data: functions only marked present (as in the fixture). */
const shape = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'function' ? '<function>' : v)));

const dropdownKeys = Object.keys(fixture.triggers).filter((key) => fixture.triggers[key].display.hidden);

test("makeApp(distribuHost)'s creates, searches, Find or Create and dropdowns are the definitions users' Zaps hold", () => {
  expect(dropdownKeys.sort()).toEqual(['customer_list', 'order_list', 'product_list']);
  expect(shape(app.creates)).toEqual(fixture.creates);
  expect(shape(app.searches)).toEqual(fixture.searches);
  expect(shape(app.searchOrCreates)).toEqual(fixture.searchOrCreates);
  expect(shape(Object.fromEntries(dropdownKeys.map((key) => [key, app.triggers[key]])))).toEqual(Object.fromEntries(dropdownKeys.map((key) => [key, fixture.triggers[key]])));
});

describe('through the connection client, against the sandbox', () => {
  const suite = liveSuite();
  const sandbox = () => suite.live().sb;
  const bundle = (inputData: Record<string, unknown>, meta: Record<string, unknown> = {}) => ({ authData: { apiKey: sandbox().apiKey, baseUrl: sandbox().url }, inputData, meta });
  const run = (method: unknown, inputData: Record<string, unknown>, meta?: Record<string, unknown>) => tester(method as never, bundle(inputData, meta) as never) as Promise<any>;
  const customers = () => [...sandbox().core.store.customers.values()];
  const acme = () => customers().find((c) => c.email === 'buyer@acme.com')!;

  test('Create Customer sends one customer; Find Customer finds it by email and by whole name only', async () => {
    const before = customers().length;
    const created = await run(app.creates.create_customer.operation.perform, { name: 'Make App Bistro', email: 'makeapp@bistro.example' });
    expect(customers().length).toBe(before + 1);
    expect(customers().filter((c) => c.email === 'makeapp@bistro.example').map((c) => c.id)).toEqual([created.id]);
    const find = app.searches.find_customer.operation.perform;
    expect((await run(find, { search: 'MAKEAPP@bistro.example' })).map((c: any) => c.id)).toEqual([created.id]);
    expect((await run(find, { search: '  make app   BISTRO ' })).map((c: any) => c.id)).toEqual([created.id]);
    expect(await run(find, { search: 'Make App' })).toEqual([]);
    expect((await run(find, { search: 'Make App', partialNames: true })).map((c: any) => c.id)).toEqual([created.id]);
  });

  test('Find Order by PO number carries the customer name and the order page; by a missing ID it finds nothing', async () => {
    const product = [...sandbox().core.store.products.values()][0]!;
    const order = await run(app.creates.create_order.operation.perform, { customerId: acme().id, lineItems: [{ productId: product.id, quantity: 1 }], poNumber: 'PO-MAKEAPP-9' });
    const [found, ...rest] = await run(app.searches.find_order.operation.perform, { poNumber: ' po-makeapp-9 ' });
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ id: order.id, customerName: acme().name, dashboardUrl: `${new URL(sandbox().url).origin}/dashboard/orders/${order.id}` });
    expect(await run(app.searches.find_order.operation.perform, { orderId: 'clnope0000000000000000000' })).toEqual([]);
    const missing = zapierErrorParts(await rejectionOf(run(app.searches.find_order.operation.perform, {})));
    expect(missing).toMatchObject({ message: 'Choose an Order, or enter a PO Number to find the order by.', code: 'InvalidInput', status: 400 });
  });

  test("a key without a step's scope gets Distribu's words and Zapier's MissingScope code; nothing is created", async () => {
    const res = await fetch(`${sandbox().url}/_sandbox/api-keys`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'make app', scopes: ['customers:read'] }) });
    const apiKey = ((await res.json()) as { key: string }).key;
    const before = customers().length;
    const refused = zapierErrorParts(
      await rejectionOf(tester(app.creates.create_customer.operation.perform as never, { authData: { apiKey, baseUrl: sandbox().url }, inputData: { email: 'noscope@bistro.example' } } as never)),
    );
    expect(refused).toMatchObject({ code: 'MissingScope', status: 403 });
    expect(refused.message).toContain('customers:write');
    expect(customers().length).toBe(before);
  });

  test('the order dropdown labels orders with their customer name', async () => {
    const page = await run(app.triggers.order_list.operation.perform, {}, { page: 0 });
    const named = page.filter((o: any) => o.customerId === acme().id);
    expect(named.length).toBeGreaterThan(0);
    for (const order of named) expect(order.label).toContain(acme().name);
  });
});
