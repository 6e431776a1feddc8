/**
 * The Distribu Polling Trigger catching up in a real n8n 2.40.7, with n8n's webhook URL pointing
 * nowhere reachable (the poller never needs it): one workflow per event, each with its polling trigger, is
 * published (its first poll is the baseline), n8n is stopped, Distribu changes (orders from the API,
 * the storefront and the dashboard, status changes, sign-ups, a product edit, low stock), n8n is
 * started: each change comes out exactly once, and the poll after that emits nothing.
 * n8n polls at most once a minute (it refuses shorter Poll Times), so this suite takes minutes.
 */
import { N8nRig } from '../../scripts/n8n/rig';
import type { Execution, WorkflowDefinition } from '../../scripts/n8n/api';
import { DISTRIBU_CREDENTIAL_TYPE, DISTRIBU_PACKAGE } from '../../scripts/n8n/distribu-workflow';
import { LOW_STOCK_THRESHOLD } from '@distribu/shared/runtime';
import { call } from '../sandbox/support/http';
import { waitFor } from '../../scripts/wait';

jest.setTimeout(15 * 60_000);

const log = (line: string) => process.stderr.write(`[n8n-poll] ${line}\n`);
const EVENTS = ['order.created', 'order.status_changed', 'customer.created', 'product.updated', 'product.low_stock'] as const;
const nodeName = (event: string) => `Poll ${event}`;
/** TEST-NET-1 (RFC 5737): an address nothing answers on. */
const UNREACHABLE = 'http://192.0.2.1:9/';

/**
 * One polling trigger per workflow, as users build them. n8n 2.40.7 shares one expression isolate between the
 * polling triggers of one workflow, and the first poll to finish releases it while the others still evaluate
 * (its PollTriggerExecutor ignores acquireIsolate()'s "already acquired" answer): their polls then fail at random.
 */
function pollWorkflow(event: string, credential: { id: string; name: string }): WorkflowDefinition {
  const nodes: WorkflowDefinition['nodes'] = [
    {
      name: nodeName(event),
      type: `${DISTRIBU_PACKAGE}.distribuPollTrigger`,
      typeVersion: 1,
      position: [0, 0] as [number, number],
      parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, event, options: {} },
      credentials: { [DISTRIBU_CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
    },
    { name: 'No Operation', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [300, 0], parameters: {} },
  ];
  const connections = { [nodeName(event)]: { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] } };
  return { name: `Distribu polling: ${event}`, nodes, connections, settings: { executionOrder: 'v1' } } as WorkflowDefinition;
}

/** Every item each polling trigger emitted, by event. */
function itemsByEvent(executions: Execution[]): Record<string, Array<Record<string, unknown>>> {
  const out: Record<string, Array<Record<string, unknown>>> = Object.fromEntries(EVENTS.map((e) => [e, []]));
  for (const execution of executions) {
    for (const event of EVENTS) {
      for (const run of execution.data?.resultData?.runData?.[nodeName(event)] ?? []) {
        out[event]!.push(...(run.data?.main?.[0] ?? []).map((item) => item.json));
      }
    }
  }
  return out;
}

describe('the Distribu Polling Trigger in a real n8n', () => {
  let rig: N8nRig | undefined;

  beforeAll(async () => {
    rig = await N8nRig.start({ name: 'n8n-poll', log, n8nEnv: { WEBHOOK_URL: UNREACHABLE, N8N_WEBHOOK_URL: UNREACHABLE } });
  });
  afterAll(async () => {
    await rig?.dispose();
  });

  test('catches up on every change made while n8n was stopped, each exactly once, with no reachable webhook URL', async () => {
    const r = rig!;
    const sb = r.sandbox;
    const act = async (action: string, body: Record<string, unknown> = {}) => {
      const answer = await call(sb.url, 'POST', `/_sandbox/actions/${action}`, { body });
      if (answer.status !== 200) throw new Error(`${action}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body.result as Record<string, any>;
    };
    const api = async (method: string, path: string, body?: unknown) => {
      const answer = await call(sb.url, method, `/api/v1${path}`, { key: sb.apiKey, body });
      if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body.data as any;
    };

    // An order that exists before the baseline, to change later.
    const customers = (await api('GET', '/customers?status=ACTIVE')) as Array<{ id: string }>;
    const stocked = ((await api('GET', '/products?limit=100')) as Array<{ id: string; stock: number; isActive: boolean }>).filter(
      (p) => p.isActive && p.stock > 50,
    );
    const placeByApi = () => api('POST', '/orders', { customerId: customers[0]!.id, items: [{ productId: stocked[0]!.id, quantity: 1 }] });
    const existing = await placeByApi();

    const workflows = new Map<string, string>();
    for (const event of EVENTS) {
      const workflow = await r.api.createWorkflow(pollWorkflow(event, r.credential));
      await r.api.publish(workflow.id);
      await r.api.waitUntilPublished(workflow.id);
      workflows.set(event, workflow.id);
    }
    /** Every execution of the polling workflows. */
    const listExecutions = async (options?: { includeData?: boolean }) =>
      (await Promise.all([...workflows.values()].map((id) => r.api.listExecutions(id, options)))).flat();
    // The activation's first poll of each node is its baseline, kept in the workflow's static data.
    await waitFor(
      'every polling trigger to keep its baseline',
      async () => {
        for (const event of EVENTS) {
          const stored = (await r.api.getWorkflow(workflows.get(event)!)).staticData ?? {};
          if (!(stored as Record<string, any>)[`node:${nodeName(event)}`]?.distribuPoll) return undefined;
        }
        return true;
      },
      90_000,
      1000,
    );
    expect(await listExecutions()).toEqual([]);

    await r.n8n.stop();
    // Which products change is read from Distribu's records before and after, not by comparing times with a clock.
    const unchanged = new Map(((await api('GET', '/products?limit=100')) as Array<{ id: string; updatedAt: string }>).map((p) => [p.id, p.updatedAt]));
    log('n8n stopped; changing Distribu');
    const byApi = await placeByApi();
    const byStorefront = await act('storefront-order');
    const byDashboard = await act('dashboard-order');
    await api('PATCH', `/orders/${existing.id}`, { status: 'CONFIRMED' });
    await act('order-status', { orderId: byDashboard.id, status: 'CANCELLED' });
    const signup = await act('customer-signup', { pending: true });
    const created = await api('POST', '/customers', { email: 'poll-e2e@example.com', name: 'Poll E2E' });
    const products = (await api('GET', '/products?limit=100')) as Array<{ id: string; stock: number; isActive: boolean }>;
    const edited = products.find((p) => p.isActive && p.stock > LOW_STOCK_THRESHOLD && !stocked.some((s) => s.id === p.id))!;
    await act('product-edit', { productId: edited.id, price: 77.7 });
    const lowered = products.find((p) => p.isActive && p.stock > LOW_STOCK_THRESHOLD && p.id !== edited.id && !stocked.some((s) => s.id === p.id))!;
    await act('stock-adjust', { productId: lowered.id, stock: LOW_STOCK_THRESHOLD - 1 });

    // What Distribu's own records say changed while n8n was down (not what the trigger reports).
    const after = (await api('GET', '/products?limit=100')) as Array<{ id: string; updatedAt: string }>;
    const expected: Record<string, string[]> = {
      'order.created': [byApi.id, byStorefront.id, byDashboard.id],
      'order.status_changed': [`${existing.id}:CONFIRMED`, `${byDashboard.id}:CANCELLED`],
      'customer.created': [signup.id, created.id],
      'product.updated': after.filter((p) => p.updatedAt !== unchanged.get(p.id)).map((p) => p.id),
      'product.low_stock': [lowered.id],
    };
    expect(expected['product.updated']).toEqual(expect.arrayContaining([edited.id, lowered.id]));

    const { seconds } = await r.n8n.start();
    await r.api.login(r.n8n.owner.email, r.n8n.owner.password);
    log(`n8n started again in ${seconds.toFixed(1)} s; waiting for the next polls`);

    const keyOf = (event: string, item: Record<string, unknown>) =>
      event === 'order.status_changed'
        ? `${item.orderId}:${item.status}`
        : String(item[event.startsWith('order') ? 'orderId' : event.startsWith('customer') ? 'customerId' : 'productId']);
    const complete = (items: Record<string, Array<Record<string, unknown>>>) =>
      EVENTS.every((event) => expected[event]!.every((key) => items[event]!.some((item) => keyOf(event, item) === key)));
    const caughtUp = await waitFor(
      'every change to come out of n8n',
      async () => {
        const executions = await listExecutions({ includeData: true });
        if (executions.some((e) => e.status === 'running' || e.status === 'new')) return undefined;
        return complete(itemsByEvent(executions)) ? new Date().toISOString() : undefined;
      },
      4 * 60_000,
      2000,
    );

    // The next poll of every node after that must emit nothing: wait until each list was read at
    // least as many times as nodes read it (each node polls once a minute, one page here).
    const nodesPerPath = { '/api/v1/orders': 2, '/api/v1/customers': 1, '/api/v1/products': 2 };
    for (const [path, nodes] of Object.entries(nodesPerPath)) {
      await waitFor(`${nodes} polls of ${path} after catching up`, async () => {
        const calls = await r.controls.requests({ method: 'GET', path });
        return calls.filter((c) => c.at > caughtUp).length >= nodes ? true : undefined;
      }, 3 * 60_000, 2000);
    }
    await new Promise((resolve) => setTimeout(resolve, 5000)); // time for a wrong execution to be created
    // Then every execution there is must have finished (its items are saved only then): not a guess at how long that takes.
    const executions = await waitFor(
      'every execution to finish',
      async () => {
        const all = await listExecutions({ includeData: true });
        return all.some((e) => e.status === 'running' || e.status === 'new') ? undefined : all;
      },
      2 * 60_000,
      1000,
    );
    const items = itemsByEvent(executions);
    for (const event of EVENTS) {
      expect({ event, keys: items[event]!.map((item) => keyOf(event, item)).sort() }).toEqual({ event, keys: [...expected[event]!].sort() });
    }
    // A failing one is shown with n8n's own error and its mode (trigger or manual), to find why it failed.
    const errorOf = (e: Execution) => (e.data?.resultData?.error as { message?: string; node?: { name?: string } } | undefined) ?? null;
    const described = (e: Execution) => ({
      id: e.id,
      status: e.status,
      mode: e.mode,
      error: errorOf(e) && { message: errorOf(e)!.message ?? null, node: errorOf(e)!.node?.name ?? null },
      items: Object.entries(itemsByEvent([e])).filter(([, list]) => list.length > 0),
    });
    expect(executions.filter((e) => e.status !== 'success').map(described)).toEqual([]);
    // Items have the webhook trigger's shape: the order from the dashboard has no customer, the others do.
    expect(items['order.created']!.find((i) => i.orderId === byDashboard.id)).toMatchObject({ event: 'order.created', customerId: null });
    expect(items['order.status_changed']!.find((i) => i.orderId === existing.id)).toMatchObject({ previousStatus: 'SUBMITTED', status: 'CONFIRMED' });
    // The poller never registered a webhook in Distribu.
    expect(await r.controls.webhooks()).toEqual([]);
    log(`${executions.length} executions, ${Object.values(items).flat().length} items; the poll after the catch-up emitted nothing`);
  });
});
