// The polling trigger's change detection against the sandbox over real HTTP: each event, the
// baseline, exactly once across polls, the page cap, 429 and the state's size bound.
import {
  DistribuApiError,
  getEvent,
  isLowStock,
  LOW_STOCK_THRESHOLD,
  latestItem,
  pollChanges,
  pollableEvents,
  events,
  type PollOptions,
  type PollState,
  type TriggerItem,
} from '@distribu/shared/runtime';
import { startSandbox, type Sandbox } from '../../sandbox/src';
import { call } from '../sandbox/support/http';
import { sandboxClient } from './support/sandbox-client';

let sb: Sandbox;
let client: ReturnType<typeof sandboxClient>;

beforeEach(async () => {
  sb = await startSandbox({ port: 0, seed: true });
  client = sandboxClient(sb.url, sb.apiKey);
});
afterEach(() => sb.close());

async function act(action: string, body: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const answer = await call(sb.url, 'POST', `/_sandbox/actions/${action}`, { body });
  if (answer.status !== 200) throw new Error(`${action}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.result;
}

async function api(method: string, path: string, body?: unknown): Promise<Record<string, any>> {
  const answer = await call(sb.url, method, `/api/v1${path}`, { key: sb.apiKey, body });
  if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.data;
}

/** A poller that keeps its state between polls, as n8n's static data does. */
function poller(event: string, options: PollOptions = {}) {
  let state: PollState | undefined;
  return {
    async poll(extra: PollOptions = {}) {
      const result = await pollChanges(client, event, state, { ...options, ...extra });
      state = JSON.parse(JSON.stringify(result.state));
      return result;
    },
    get state() {
      return state;
    },
  };
}

const ids = (items: TriggerItem[], key: string) => items.map((item) => item[key]);

async function anyCustomerId(): Promise<string> {
  const customers = await api('GET', '/customers?status=ACTIVE');
  return (customers as unknown as Array<{ id: string }>)[0]!.id;
}

async function products(): Promise<Array<{ id: string; stock: number; isActive: boolean; updatedAt: string }>> {
  return (await api('GET', '/products?limit=100')) as never;
}

async function apiOrder(customerId: string): Promise<Record<string, any>> {
  const stocked = (await products()).find((p) => p.isActive && p.stock > 50)!;
  return api('POST', '/orders', { customerId, items: [{ productId: stocked.id, quantity: 1 }] });
}

test('the catalog says how each pollable event is found; the others have no list to poll', async () => {
  expect(pollableEvents(events).map((e) => e.name)).toEqual([
    'order.created',
    'order.status_changed',
    'customer.created',
    'product.updated',
    'product.low_stock',
  ]);
  await expect(pollChanges(client, 'refund.processed', undefined)).rejects.toThrow('cannot be polled');
});

describe('New Order', () => {
  test('the first poll is a baseline; orders from every source then appear once, oldest first, as webhook-shaped items', async () => {
    const p = poller('order.created');
    const baseline = await p.poll();
    expect(baseline).toMatchObject({ items: [], baseline: true });

    const customerId = await anyCustomerId();
    const byApi = await apiOrder(customerId);
    const byStorefront = await act('storefront-order');
    const byDashboard = await act('dashboard-order');
    const first = await p.poll();
    expect(first.baseline).toBe(false);
    expect(ids(first.items, 'orderId')).toEqual([byApi.id, byStorefront.id, byDashboard.id]);
    // The webhook trigger's item for the same record has the same keys (records → item code).
    const webhookKeys = Object.keys(getEvent('order.created')!.sample).filter((k) => k !== 'id');
    for (const item of first.items) {
      expect(item).toMatchObject({ event: 'order.created', id: expect.stringMatching(/^evt_/) });
      expect(Object.keys(item)).toEqual(expect.arrayContaining(webhookKeys));
    }
    expect(first.items[2]!.customerId).toBeNull();

    expect((await p.poll()).items).toEqual([]);
    const later = await apiOrder(customerId);
    expect(ids((await p.poll()).items, 'orderId')).toEqual([later.id]);
  });

  test('orders created in the same millisecond as the newest one seen are neither lost nor repeated', async () => {
    const p = poller('order.created');
    await p.poll();
    const customerId = await anyCustomerId();
    const placed: string[] = [];
    for (let i = 0; i < 6; i += 1) placed.push((await apiOrder(customerId)).id as string);
    const seen = [...(await p.poll()).items];
    for (let i = 0; i < 3; i += 1) placed.push((await apiOrder(customerId)).id as string);
    seen.push(...(await p.poll()).items, ...(await p.poll()).items);
    expect(ids(seen, 'orderId')).toEqual(placed);
    expect(new Set(seen.map((item) => item.id)).size).toBe(placed.length);
  });

  test('the page cap stops a poll with a plain message; the next polls catch up without gaps or repeats', async () => {
    const p = poller('order.created', { maxPages: 2, pageSize: 3 });
    await p.poll();
    const customerId = await anyCustomerId();
    const placed: string[] = [];
    for (let i = 0; i < 14; i += 1) placed.push((await apiOrder(customerId)).id as string);
    const first = await p.poll();
    expect(first.items).toHaveLength(6);
    expect(first.capped).toBe('Read 2 pages of orders (the most one poll reads); the rest follows at the next poll.');
    // New orders while catching up come after the backlog.
    const during = (await apiOrder(customerId)).id as string;
    const seen = [...first.items];
    let polls = 1;
    for (let result = first; result.capped; polls += 1) {
      result = await p.poll();
      seen.push(...result.items);
    }
    seen.push(...(await p.poll()).items);
    expect(polls).toBeGreaterThan(2);
    // Each poll's items are oldest first: the backlog's poll ends with its newest, then the order placed meanwhile.
    expect(seen.at(-1)!.orderId).toBe(during);
    expect(new Set(ids(seen, 'orderId'))).toEqual(new Set([...placed, during]));
    expect(seen).toHaveLength(placed.length + 1);
    expect((await p.poll()).items).toEqual([]);
  });

  test('a 429 fails the poll with Distribu\'s retryAfter; the kept state lets the next poll emit everything', async () => {
    const p = poller('order.created');
    await p.poll();
    const order = await apiOrder(await anyCustomerId());
    await call(sb.url, 'POST', '/_sandbox/faults', { body: { status: 429, retryAfter: 42, path: '/api/v1/orders', count: 1 } });
    const error = await p.poll().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DistribuApiError);
    expect(error).toMatchObject({ status: 429, retryAfter: 42, message: "Distribu's rate limit was reached. Try again in 42 seconds." });
    expect(ids((await p.poll()).items, 'orderId')).toEqual([order.id]);
  });
});

describe('New Customer', () => {
  test('sign-ups and API creates after the baseline appear once each', async () => {
    const p = poller('customer.created');
    expect((await p.poll()).items).toEqual([]);
    const signup = await act('customer-signup', { pending: true });
    const created = await api('POST', '/customers', { email: 'poll-new@example.com', name: 'Poll New' });
    const result = await p.poll();
    expect(ids(result.items, 'customerId')).toEqual([signup.id, created.id]);
    expect(result.items[0]).toMatchObject({ event: 'customer.created', status: 'PENDING' });
    expect((await p.poll()).items).toEqual([]);
  });
});

describe('Order Status Changed', () => {
  test('each status change of an order within the window appears once, with the status before it', async () => {
    const p = poller('order.status_changed');
    expect(await p.poll()).toMatchObject({ items: [], baseline: true });
    const customerId = await anyCustomerId();
    const order = await apiOrder(customerId);
    // A new order still SUBMITTED is no status change.
    expect((await p.poll()).items).toEqual([]);
    await api('PATCH', `/orders/${order.id}`, { status: 'CONFIRMED' });
    const confirmed = await p.poll();
    expect(confirmed.items).toHaveLength(1);
    expect(confirmed.items[0]).toMatchObject({ event: 'order.status_changed', orderId: order.id, status: 'CONFIRMED', previousStatus: 'SUBMITTED' });
    expect((await p.poll()).items).toEqual([]);

    // A change in the dashboard, and an order created and cancelled between two polls.
    await act('order-status', { orderId: order.id, status: 'CANCELLED' });
    const quick = await act('dashboard-order');
    await act('order-status', { orderId: quick.id, status: 'CANCELLED' });
    const next = await p.poll();
    expect(next.items.map((i) => [i.orderId, i.previousStatus, i.status])).toEqual(
      expect.arrayContaining([
        [order.id, 'CONFIRMED', 'CANCELLED'],
        [quick.id, 'SUBMITTED', 'CANCELLED'],
      ]),
    );
    expect(next.items).toHaveLength(2);
    // Final statuses are not remembered: the state holds only orders that can still change.
    expect(Object.keys(p.state!.seen!)).not.toContain(order.id);
    expect((await p.poll()).items).toEqual([]);
  });

  test('orders created before the lookback window are not read', async () => {
    const now = Date.now();
    const p = poller('order.status_changed', { lookbackDays: 1, now: () => new Date(now) });
    await p.poll();
    const seeded = (await api('GET', '/orders?limit=100')) as unknown as Array<{ id: string; createdAt: string }>;
    const old = seeded.filter((o) => Date.parse(o.createdAt) < now - 24 * 3600 * 1000);
    expect(old.length).toBeGreaterThan(0);
    for (const o of old) expect(Object.keys(p.state!.seen!)).not.toContain(o.id);
  });

  test('the remembered orders are capped; beyond the cap the oldest are forgotten', async () => {
    const customerId = await anyCustomerId();
    for (let i = 0; i < 12; i += 1) await apiOrder(customerId);
    const p = poller('order.status_changed', { maxRemembered: 5 });
    await p.poll();
    const kept = Object.keys(p.state!.seen!);
    expect(kept).toHaveLength(5);
    const newest = (await api('GET', '/orders?status=SUBMITTED&limit=5')) as unknown as Array<{ id: string }>;
    expect(kept).toEqual(newest.map((o) => o.id));
    expect(JSON.stringify(p.state).length).toBeLessThan(1000);
  });
});

describe('Product Updated', () => {
  test('an edit after the baseline appears once; a product not touched does not', async () => {
    const p = poller('product.updated');
    expect((await p.poll()).items).toEqual([]);
    const product = (await products())[0]!;
    await act('product-edit', { productId: product.id, price: 12.34 });
    const result = await p.poll();
    expect(result.items).toHaveLength(1);
    expect(result.items[0]).toMatchObject({ event: 'product.updated', productId: product.id, price: 12.34 });
    expect((await p.poll()).items).toEqual([]);
    await act('product-edit', { productId: product.id, price: 12.35 });
    const again = await p.poll();
    expect(again.items).toHaveLength(1);
    expect(again.items[0]!.id).not.toBe(result.items[0]!.id);
  });

  test('a full pass cut by the page cap continues at the next poll', async () => {
    const p = poller('product.updated', { maxPages: 1, pageSize: 2 });
    let polls = 0;
    for (let result = await p.poll(); result.capped; result = await p.poll()) polls += 1;
    expect(polls).toBeGreaterThan(0);
    const all = await products();
    const target = all.at(-1)!;
    await act('product-edit', { productId: target.id, price: 9.99 });
    const seen: TriggerItem[] = [];
    let result;
    do {
      result = await p.poll();
      seen.push(...result.items);
    } while (result.capped);
    expect(ids(seen, 'productId')).toEqual([target.id]);
  });
});

describe('Product Low Stock', () => {
  test('once per crossing of the threshold, as the webhook does', async () => {
    const p = poller('product.low_stock');
    await p.poll();
    const product = (await products()).find((x) => x.isActive && x.stock > LOW_STOCK_THRESHOLD)!;
    const already = (await products()).filter((x) => isLowStock(x.stock));
    expect(already.length).toBeGreaterThan(0); // the baseline must not report these

    await act('stock-adjust', { productId: product.id, stock: LOW_STOCK_THRESHOLD });
    const crossed = await p.poll();
    expect(crossed.items).toHaveLength(1);
    expect(crossed.items[0]).toMatchObject({ event: 'product.low_stock', productId: product.id, currentStock: LOW_STOCK_THRESHOLD });
    // Still low, lower: no second alert.
    await act('stock-adjust', { productId: product.id, stock: 2 });
    expect((await p.poll()).items).toEqual([]);
    // Back above, then low again: a new crossing.
    await act('stock-adjust', { productId: product.id, stock: 40 });
    expect((await p.poll()).items).toEqual([]);
    await act('stock-adjust', { productId: product.id, stock: 3 });
    const again = await p.poll();
    expect(again.items).toHaveLength(1);
    expect(again.items[0]!.id).not.toBe(crossed.items[0]!.id);
    // Only the products inside the range are remembered.
    expect(Object.keys(p.state!.seen!).sort()).toEqual(
      (await products()).filter((x) => isLowStock(x.stock)).map((x) => x.id).sort(),
    );
  });
});

test('a manual run returns the newest matching record as an item', async () => {
  const order = await apiOrder(await anyCustomerId());
  expect(await latestItem(client, 'order.created')).toMatchObject({ event: 'order.created', orderId: order.id });
  const low = await latestItem(client, 'product.low_stock');
  expect(isLowStock(low!.currentStock as number)).toBe(true);
});

test('a state kept for another event starts a new baseline', async () => {
  const p = poller('order.created');
  await p.poll();
  const result = await pollChanges(client, 'customer.created', p.state);
  expect(result).toMatchObject({ items: [], baseline: true, state: { event: 'customer.created' } });
});
