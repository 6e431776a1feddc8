/**
 * The Distribu action node end to end in a real n8n 2.40.7: the packed n8n-nodes-distribu installed as a community
 * package, workflows created, published and run only through n8n's own APIs, against the Distribu sandbox over real
 * HTTP on loopback. The sandbox shows every state change; a published Distribu Trigger in another workflow receives
 * the events the actions cause. The steps build on each other, in order. Timings are logged, never asserted.
 */
import fs from 'node:fs';
import type { Credential, Execution, N8nClient } from '../../scripts/n8n/api';
import { TRIGGER_NODE_NAME, distribuWorkflow, triggerItems } from '../../scripts/n8n/distribu-workflow';
import { N8nRig, type PublishedTrigger } from '../../scripts/n8n/rig';
import { allowedTransitionsText } from '@distribu/shared/runtime';
import { moreRecordsHint } from '../../n8n-node/nodes/Distribu/errors';
import {
  CONFIRM_FLOW,
  confirmNewOrdersWorkflow,
  DISTRIBU_ACTION_TYPE,
  DISTRIBU_TOOL_TYPE,
  distribuStep,
  executionError,
  locator,
  nodeRun,
  webhookChain,
  type StepInput,
} from '../../scripts/n8n/action-workflows';
import { waitFor } from '../../scripts/wait';

const MINUTE = 60_000;
const log = (line: string) => process.stderr.write(`[n8n-action-e2e] ${line}\n`);
const timings: Record<string, number> = {};

/** Orders seeded beyond the sandbox's own, so Return All needs more than one page of 100. */
const EXTRA_ORDERS = 110;
const BUYER_EMAIL = 'e2e-buyer@example.com';

describe('Distribu action node in a real n8n 2.x', () => {
  let rig: N8nRig | undefined;
  let api: N8nClient;
  let trigger: PublishedTrigger;
  let acme: { id: string; email: string };
  let beans: string;
  let oat: string;
  let readOnly: Credential;
  let readOnlyKey: string;
  /** The order the main workflow creates, confirms and ships. */
  let orderId: string;
  const suiteStarted = Date.now();

  const store = () => rig!.sandbox.core.store;
  const orderCount = () => store().orders.size;
  /** The REST calls that could change something (webhooks aside), made since `since` (ISO). */
  const writesSince = async (since: string) =>
    (await rig!.controls.requests()).filter((r) => r.at >= since && r.method !== 'GET' && !r.path.startsWith('/api/v1/webhooks'));

  /** Creates and publishes a workflow started by a Webhook node, POSTs to it, and returns the saved execution. */
  async function runChain(name: string, steps: StepInput[]): Promise<{ execution: Execution; status: number }> {
    const { definition, path } = webhookChain(name, steps, rig!.credential);
    const workflow = await api.createWorkflow(definition);
    await api.publish(workflow.id);
    await api.waitUntilPublished(workflow.id);
    const started = Date.now();
    const response = await fetch(`${rig!.n8n.webhookBaseUrl}webhook/${path}`, { method: 'POST', signal: AbortSignal.timeout(5 * MINUTE) });
    await response.text();
    timings[name] = (Date.now() - started) / 1000;
    const execution = await waitFor(`the execution of "${name}"`, async () => {
      const [latest] = await api.listExecutions(workflow.id, { includeData: true });
      return latest && latest.status !== 'running' && latest.status !== 'new' ? latest : undefined;
    });
    await api.unpublish(workflow.id);
    return { execution, status: response.status };
  }

  /** Every item the published Distribu Trigger emitted so far. */
  const triggered = async () => (await api.listExecutions(trigger.workflow.id, { includeData: true })).flatMap(triggerItems);

  beforeAll(async () => {
    const started = Date.now();
    rig = await N8nRig.start({ name: 'n8n-action-e2e', log });
    api = rig.api;
    timings['rig start'] = (Date.now() - started) / 1000;
    const customers = [...store().customers.values()];
    const acmeRecord = customers.find((c) => c.email === 'buyer@acme.com')!;
    acme = { id: acmeRecord.id, email: acmeRecord.email };
    beans = [...store().products.values()].find((p) => p.sku === 'COF-ARA-1KG')!.id;
    oat = [...store().products.values()].find((p) => p.sku === 'DAI-OAT-1L')!.id;
    // Enough orders for more than one page of 100, placed through Distribu's API before any webhook exists.
    for (let i = 0; i < EXTRA_ORDERS; i++) {
      await rig.distribu.api('POST', '/orders', { customerId: acme.id, items: [{ productId: oat, quantity: 1 }], poNumber: `SEED-${i}` });
    }
    // A key without orders:write (everything else a read needs).
    const made = await rig.controls.control<{ key: string }>('POST', '/api-keys', {
      name: 'read only',
      scopes: ['orders:read', 'customers:read', 'products:read', 'reports:read'],
    });
    readOnlyKey = made.key;
    readOnly = await api.createCredential({ name: 'Distribu read-only', type: 'distribuApi', data: { apiKey: readOnlyKey, baseUrl: rig.sandbox.url } });
    trigger = await rig.publishTrigger({
      name: 'Distribu events',
      events: ['order.created', 'order.status_changed', 'order.shipped', 'customer.created', 'customer.updated'],
    });
  }, 20 * MINUTE);

  afterAll(async () => {
    await rig?.dispose();
    timings['whole suite'] = (Date.now() - suiteStarted) / 1000;
    log(`timings (s): ${JSON.stringify(timings)}`);
  }, 2 * MINUTE);

  test('n8n registers the Distribu node and its AI tool variant', async () => {
    const described = await api.rest<Array<{ name: string; usableAsTool?: unknown; outputs: unknown }>>('POST', '/rest/node-types', {
      nodeInfos: [{ name: DISTRIBU_ACTION_TYPE, version: 1 }],
    });
    // Described under the node's own name (without the package).
    expect(described.map((d) => [d.name, d.usableAsTool, d.outputs])).toEqual([['distribu', true, ['main']]]);
    // The tool variant is derived at start and offered to the editor (and its AI Agent) in the node types it loads.
    const offered = (await api.nodeTypeDescriptions()).filter((d) => d.name.startsWith('n8n-nodes-distribu.'));
    expect(offered.map((d) => d.name).sort()).toEqual([DISTRIBU_ACTION_TYPE, DISTRIBU_TOOL_TYPE, 'n8n-nodes-distribu.distribuPollTrigger', 'n8n-nodes-distribu.distribuTrigger'].sort());
    const tool = offered.find((d) => d.name === DISTRIBU_TOOL_TYPE)!;
    expect([tool.displayName, tool.outputs]).toEqual(['Distribu Tool', ['ai_tool']]);
    // The agent gets the same resources, operations and parameters, plus n8n's tool description.
    expect(tool.properties.map((p) => p.name)).toEqual(expect.arrayContaining(['resource', 'operation', 'toolDescription', 'lineItems', 'orderId', 'returnAll']));
  });

  test('one workflow: create an order with two line items, confirm and ship it, get every order, create-or-update a customer twice, low-stock products, a sales report', async () => {
    const beansBefore = store().products.get(beans)!.stock;
    const customersBefore = store().customers.size;
    const { execution, status } = await runChain('Distribu actions', [
      {
        name: 'Create Order',
        parameters: {
          resource: 'order',
          operation: 'create',
          customerId: locator(acme.id, 'list'),
          lineItems: { item: [{ productId: locator(beans), quantity: 2 }, { productId: locator(oat, 'list'), quantity: 3 }] },
          additionalFields: { poNumber: 'PO-E2E-1', notes: 'From the n8n end-to-end test' },
          simplify: false,
        },
      },
      { name: 'Confirm Order', parameters: { resource: 'order', operation: 'updateStatus', orderId: locator("={{ $('Create Order').first().json.id }}"), status: 'CONFIRMED' } },
      {
        name: 'Ship Order',
        parameters: {
          resource: 'order',
          operation: 'updateStatus',
          orderId: locator("={{ $('Create Order').first().json.id }}"),
          status: 'SHIPPED',
          carrier: 'UPS',
          trackingNumber: '1Z999AA10123456784',
        },
      },
      { name: 'All Orders', parameters: { resource: 'order', operation: 'getAll', returnAll: true } },
      { name: 'Upsert Customer', parameters: { resource: 'customer', operation: 'upsert', email: BUYER_EMAIL, name: 'E2E Buyer' } },
      {
        name: 'Upsert Customer Again',
        parameters: { resource: 'customer', operation: 'upsert', email: BUYER_EMAIL.toUpperCase(), name: 'E2E Buyer Ltd', additionalFields: { creditLimit: 2500 } },
      },
      { name: 'Low Stock Products', parameters: { resource: 'product', operation: 'getAll', returnAll: true, filters: { lowStockOnly: true }, simplify: false } },
      { name: 'Sales Report', parameters: { resource: 'report', operation: 'sales', preset: 'all' } },
    ]);
    expect([status, execution.status, executionError(execution) ?? null]).toEqual([200, 'success', null]);

    // The order: two line items, confirmed then shipped with UPS tracking; stock taken.
    const created = nodeRun(execution, 'Create Order').items;
    expect(created).toHaveLength(1);
    orderId = created[0]!.id as string;
    const order = store().orders.get(orderId)!;
    expect(order).toMatchObject({ customerId: acme.id, poNumber: 'PO-E2E-1', status: 'SHIPPED', tracking: { carrier: 'UPS', number: '1Z999AA10123456784' } });
    expect(order.items.map((i) => [i.productId, i.quantity])).toEqual([
      [beans, 2],
      [oat, 3],
    ]);
    expect(created[0]!.items).toHaveLength(2);
    expect(store().products.get(beans)!.stock).toBe(beansBefore - 2);
    expect(nodeRun(execution, 'Confirm Order').items.map((o) => [o.id, o.status])).toEqual([[orderId, 'CONFIRMED']]);
    expect(nodeRun(execution, 'Ship Order').items.map((o) => [o.id, o.status, (o.tracking as { carrier: string }).carrier])).toEqual([[orderId, 'SHIPPED', 'UPS']]);

    // Return All over Distribu's pages: every order, read with a cursor.
    const all = nodeRun(execution, 'All Orders');
    expect(orderCount()).toBeGreaterThan(100);
    expect(all.items).toHaveLength(orderCount());
    expect(new Set(all.items.map((o) => o.id)).size).toBe(orderCount());
    expect(all.hints).toEqual([]);
    const pages = (await rig!.controls.requests({ method: 'GET', path: '/orders' })).filter((r) => r.path === '/api/v1/orders');
    expect(pages.filter((r) => r.queryNames.includes('cursor')).length).toBeGreaterThanOrEqual(1);
    log(`Return All read ${all.items.length} orders in ${pages.length} pages.`);

    // Create or Update twice with the same email (once upper-cased): one customer, updated the second time.
    const first = nodeRun(execution, 'Upsert Customer').items[0]!;
    const second = nodeRun(execution, 'Upsert Customer Again').items[0]!;
    expect(second.id).toBe(first.id);
    const buyers = [...store().customers.values()].filter((c) => c.email === BUYER_EMAIL);
    expect(buyers.map((c) => [c.id, c.name, c.creditLimit])).toEqual([[first.id, 'E2E Buyer Ltd', 2500]]);
    expect(store().customers.size).toBe(customersBefore + 1);

    // Low stock: exactly the products with 1 to 5 units.
    const lowStock = nodeRun(execution, 'Low Stock Products').items;
    const expectedLow = [...store().products.values()].filter((p) => p.stock > 0 && p.stock <= 5).map((p) => p.id);
    expect(expectedLow.length).toBeGreaterThan(0);
    expect(lowStock.map((p) => p.id).sort()).toEqual(expectedLow.sort());

    // The sales report, simplified to its range and totals.
    const [report] = nodeRun(execution, 'Sales Report').items;
    expect(Object.keys(report!).sort()).toEqual(['range', 'totals']);
    expect((report!.totals as { orderCount: number }).orderCount).toBe(orderCount());
  }, 10 * MINUTE);

  test('the Distribu Trigger in another published workflow receives the events those actions caused', async () => {
    const buyer = [...store().customers.values()].find((c) => c.email === BUYER_EMAIL)!;
    const wanted = [
      ['order.created', orderId],
      ['order.status_changed', orderId],
      ['order.status_changed', orderId],
      ['order.shipped', orderId],
      ['customer.created', buyer.id],
      ['customer.updated', buyer.id],
    ];
    const received = await waitFor('the trigger executions', async () => {
      const items = await triggered();
      const ours = items.filter((i) => i.orderId === orderId || (i.customerId === buyer.id && String(i.event).startsWith('customer.')));
      return ours.length >= wanted.length ? ours : undefined;
    }, 2 * MINUTE);
    expect(received.map((i) => [i.event, i.orderId ?? i.customerId]).sort()).toEqual(wanted.sort());
    const statuses = received.filter((i) => i.event === 'order.status_changed').map((i) => `${i.previousStatus}→${i.status}`).sort();
    expect(statuses).toEqual(['CONFIRMED→SHIPPED', 'SUBMITTED→CONFIRMED']);
    expect(received.find((i) => i.event === 'order.shipped')).toMatchObject({ tracking: { carrier: 'UPS', number: '1Z999AA10123456784' } });
  }, 3 * MINUTE);

  test('bad input gives a plain message and changes nothing: illegal move, unknown product, missing scope; a Limit that leaves records unread says Distribu has more', async () => {
    const ordersBefore = orderCount();
    const since = new Date().toISOString();
    const { execution } = await runChain('Distribu bad input', [
      { name: 'Illegal Move', onError: 'continueRegularOutput', parameters: { resource: 'order', operation: 'updateStatus', orderId: locator(orderId), status: 'CANCELLED' } },
      {
        name: 'Unknown Product',
        onError: 'continueRegularOutput',
        parameters: { resource: 'order', operation: 'create', customerId: locator(acme.id), lineItems: { item: [{ productId: locator('clnope0000000000000000000'), quantity: 1 }] } },
      },
      {
        name: 'Missing Scope',
        onError: 'continueRegularOutput',
        credential: readOnly,
        parameters: { resource: 'order', operation: 'create', customerId: locator(acme.id), lineItems: { item: [{ productId: locator(oat), quantity: 1 }] } },
      },
      { name: 'First Page', parameters: { resource: 'order', operation: 'getAll', returnAll: false, limit: 5 } },
    ]);
    expect(execution.status).toBe('success');
    expect(nodeRun(execution, 'Illegal Move').items).toEqual([
      { error: `Distribu refused to change order ${orderId} from SHIPPED to CANCELLED: that transition is not allowed. ${allowedTransitionsText('SHIPPED')} The order was not changed.` },
    ]);
    expect(nodeRun(execution, 'Unknown Product').items).toEqual([
      { error: 'Distribu could not find the product: check its ID (it may have been deleted, or belong to another company). Nothing was created.' },
    ]);
    const scope = nodeRun(execution, 'Missing Scope').items;
    expect(scope).toHaveLength(1);
    expect(scope[0]!.error).toMatch(/^This Distribu API key lacks the "orders:write" scope\..* Nothing was created\.$/);
    const page = nodeRun(execution, 'First Page');
    expect(page.items).toHaveLength(5);
    expect(page.hints).toEqual([moreRecordsHint(5)]);

    // Nothing changed in Distribu: the refused calls wrote nothing.
    expect(orderCount()).toBe(ordersBefore);
    expect(store().orders.get(orderId)!.status).toBe('SHIPPED');
    expect((await writesSince(since)).map((r) => [r.method, r.path, r.status])).toEqual([
      ['PATCH', `/api/v1/orders/${orderId}`, 422],
      ['POST', '/api/v1/orders', 404],
      ['POST', '/api/v1/orders', 403],
    ]);
    const messages = JSON.stringify(execution.data);
    for (const secret of [rig!.apiKey, rig!.sandbox.apiKey, readOnlyKey]) expect(messages).not.toContain(secret);
  }, 5 * MINUTE);

  test('without Continue On Fail, a refused step stops the execution with the plain message as n8n\'s error', async () => {
    const { execution } = await runChain('Distribu refused', [
      { name: 'Illegal Move', parameters: { resource: 'order', operation: 'updateStatus', orderId: locator(orderId), status: 'CONFIRMED' } },
    ]);
    expect(execution.status).toBe('error');
    const message = executionError(execution);
    expect(message).toContain(`from SHIPPED to CONFIRMED: that transition is not allowed`);
    expect(nodeRun(execution, 'Illegal Move').error).toBe(message);
    expect(store().orders.get(orderId)!.status).toBe('SHIPPED');
  }, 3 * MINUTE);

  test('"new order → find customer → confirm order", built with Distribu nodes only, confirms a new order', async () => {
    const workflow = await api.createWorkflow(confirmNewOrdersWorkflow(rig!.credential));
    await api.publish(workflow.id);
    await api.waitUntilPublished(workflow.id);

    // A new order arrives through Distribu's API (as a customer's system would place it).
    const placed = await rig!.distribu.api<{ data: { id: string } }>('POST', '/orders', { customerId: acme.id, items: [{ productId: beans, quantity: 1 }] });
    const newOrder = placed.data.id;
    await waitFor('the new order to be confirmed', async () => (store().orders.get(newOrder)!.status === 'CONFIRMED' ? true : undefined), 2 * MINUTE);
    const [execution] = await waitFor('the flow\'s execution', async () => {
      const list = await api.listExecutions(workflow.id, { includeData: true });
      return list.length === 1 && list[0]!.status === 'success' ? list : undefined;
    });
    expect(nodeRun(execution!, CONFIRM_FLOW.find).items.map((c) => [c.id, c.email])).toEqual([[acme.id, acme.email]]);
    expect(nodeRun(execution!, CONFIRM_FLOW.confirm).items.map((o) => [o.id, o.status])).toEqual([[newOrder, 'CONFIRMED']]);
    expect(nodeRun(execution!, CONFIRM_FLOW.confirm).paired).toEqual([{ item: 0 }]);
    await api.unpublish(workflow.id);
    await api.waitUntilUnpublished(workflow.id);
  }, 5 * MINUTE);

  test('no API key reached n8n\'s log', () => {
    const text = fs.readFileSync(rig!.n8n.logFile, 'utf8');
    expect(text.length).toBeGreaterThan(0);
    for (const secret of [rig!.apiKey, rig!.sandbox.apiKey, readOnlyKey]) expect(text).not.toContain(secret);
  });
});
