// The Distribu Polling Trigger's poll() with n8n's IPollFunctions mocked and the sandbox over real
// HTTP: manual runs, the baseline and changes in static data, the page cap's log line, and the
// failure n8n's scheduler reads from a 429 and a refused key.
import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { DistribuPollTrigger } from '../../n8n-node/nodes/DistribuPollTrigger/DistribuPollTrigger.node';
import { startSandbox, type Sandbox } from '../../sandbox/src';
import { call } from '../sandbox/support/http';
import { httpTo } from './support/context';
import { makePollContext, type PollContextOptions } from './support/poll-context';

let sb: Sandbox;
beforeEach(async () => {
  sb = await startSandbox({ port: 0, seed: true });
});
afterEach(() => sb.close());

const node = new DistribuPollTrigger();

function trigger(opts: Omit<PollContextOptions, 'api'> & { key?: string }) {
  const made = makePollContext({ api: httpTo(opts.key ?? sb.apiKey), baseUrl: sb.url, ...opts });
  return { ...made, poll: () => node.poll.call(made.ctx as unknown as IPollFunctions) };
}

const json = (out: INodeExecutionData[][] | null) => (out ? out[0]!.map((item) => item.json) : null);

async function placeOrder(): Promise<string> {
  const made = await call(sb.url, 'POST', '/_sandbox/actions/storefront-order', { body: {} });
  return made.body.result.id as string;
}

test('a manual run returns the newest matching record; one with none says so plainly', async () => {
  const newest = await placeOrder();
  expect(json(await trigger({ event: 'order.created', mode: 'manual' }).poll())).toEqual([
    expect.objectContaining({ event: 'order.created', orderId: newest }),
  ]);
  const fresh = await startSandbox({ port: 0, seed: false });
  try {
    const empty = makePollContext({ api: httpTo(fresh.apiKey), baseUrl: fresh.url, event: 'customer.created', mode: 'manual' });
    await expect(node.poll.call(empty.ctx as unknown as IPollFunctions)).rejects.toThrow('Distribu has no record yet that matches New Customer.');
  } finally {
    await fresh.close();
  }
});

test('the first poll returns nothing and keeps a baseline in static data; later polls return each new order once', async () => {
  const t = trigger({ event: 'order.created' });
  expect(await t.poll()).toBeNull();
  expect(t.staticData.distribuPoll).toMatchObject({ v: 1, event: 'order.created' });
  const a = await placeOrder();
  const b = await placeOrder();
  expect(json(await t.poll())!.map((item) => item.orderId)).toEqual([a, b]);
  expect(await t.poll()).toBeNull();
});

test('the page cap is logged in plain words and the next poll continues', async () => {
  const t = trigger({ event: 'customer.created', options: { maxPages: 1 } });
  await t.poll();
  for (let i = 0; i < 101; i += 1) {
    await call(sb.url, 'POST', '/_sandbox/actions/customer-signup', { body: { email: `cap-${i}@example.com` } });
  }
  const first = json(await t.poll())!;
  expect(first).toHaveLength(100);
  expect(t.warnings).toEqual(['Distribu Polling Trigger: Read 1 page of customers (the most one poll reads); the rest follows at the next poll.']);
  const second = json(await t.poll())!;
  expect(second.map((item) => item.email)).toEqual(['cap-0@example.com']);
  expect(t.warnings).toHaveLength(1);
  expect(await t.poll()).toBeNull();
});

test('a 429 fails the poll with the plain message and tells n8n to wait retryAfter; the state is kept', async () => {
  const t = trigger({ event: 'order.created' });
  await t.poll();
  const before = JSON.stringify(t.staticData);
  const order = await placeOrder();
  await call(sb.url, 'POST', '/_sandbox/faults', { body: { status: 429, retryAfter: 17, path: '/api/v1/orders', count: 1 } });
  const error = await t.poll().then(() => undefined, (e: unknown) => e as Error & { failure?: unknown; httpCode?: string });
  expect(error?.message).toBe("Distribu's rate limit was reached. Try again in 17 seconds.");
  expect(error?.failure).toEqual({ cause: 'rate-limited', retryAfterMs: 17_000 });
  expect(JSON.stringify(t.staticData)).toBe(before);
  expect(json(await t.poll())!.map((item) => item.orderId)).toEqual([order]);
});

test('a refused key is a credential failure, and the missing scope is named', async () => {
  const bad = trigger({ event: 'order.created', key: 'dk_not_a_real_key' });
  const refused = await bad.poll().then(() => undefined, (e: unknown) => e as Error & { failure?: unknown });
  expect(refused?.failure).toEqual({ cause: 'credential-invalid' });
  const made = await call(sb.url, 'POST', '/_sandbox/api-keys', { body: { scopes: ['customers:read'] } });
  const scoped = trigger({ event: 'order.created', key: made.body.key as string });
  await expect(scoped.poll()).rejects.toThrow('This Distribu API key lacks the "orders:read" scope.');
});
