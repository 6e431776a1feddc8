import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { allowedTransitionsText, KEY_REJECTED } from '@distribu/shared/runtime';
import { NO_KEY_MESSAGE } from '../../mcp/src';
import { call } from '../sandbox/support/http';
import { callTool, startMcpWorld, textOf, type McpWorld } from './support/world';

// Failures come back as tool results with isError, in the connectors' plain words, never a key;
// only a request without any key is refused at the HTTP level (401).
let w: McpWorld;
let client: Client;
let customerId: string;
let productId: string;

beforeAll(async () => {
  w = await startMcpWorld();
  client = await w.connect();
  customerId = [...w.sb.core.store.customers.values()].find((c) => c.status === 'ACTIVE')!.id;
  productId = [...w.sb.core.store.products.values()].find((p) => p.isActive && p.stock > 50)!.id;
});
afterEach(() => w.sb.core.faults.clear());
afterAll(() => w.close());

const orderCount = () => w.sb.core.store.orders.size;

async function failed(name: string, args: Record<string, unknown>, via: Client = client): Promise<string> {
  const result = await callTool(via, name, args);
  expect(result.isError).toBe(true);
  expect(result.structuredContent).toBeUndefined();
  return textOf(result);
}

async function newOrder(): Promise<string> {
  const result = await callTool(client, 'order_create', { customerId, lineItems: [{ productId, quantity: 1 }] });
  return (result.structuredContent as { id: string }).id;
}

it('a refused status change names the allowed ones; the order is unchanged', async () => {
  const orderId = await newOrder();
  const text = await failed('order_update_status', { orderId, status: 'DELIVERED' });
  expect(text).toBe(`Distribu refused to change order ${orderId} from SUBMITTED to DELIVERED: that transition is not allowed. ${allowedTransitionsText('SUBMITTED')} The order was not changed.`);
  expect(w.sb.core.store.orders.get(orderId)!.status).toBe('SUBMITTED');
});

it('an unknown order: Distribu could not find it', async () => {
  expect(await failed('order_get', { orderId: 'clnope0000000000000000000' })).toBe(
    'Distribu could not find the order: check its ID (it may have been deleted, or belong to another company).',
  );
});

it('a wrong key: every call says the key was not accepted, without the key', async () => {
  const wrong = 'dk_live_wrongwrongwrongwrong1234';
  const text = await failed('order_get_all', {}, await w.connect(wrong));
  expect(text.startsWith(KEY_REJECTED)).toBe(true);
  expect(text).not.toContain('wrongwrong');
});

it('no key at all: HTTP 401 with a plain message and a Bearer challenge, before any session', async () => {
  // The SDK's client quotes the answer's JSON body in its error.
  await expect(w.connect(null)).rejects.toThrow('Error POSTing to endpoint: {"jsonrpc":"2.0","error":{"code":-32001,"message":"No Distribu API key');
  const res = await fetch(w.mcp.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  });
  expect(res.status).toBe(401);
  expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
  expect(((await res.json()) as { error: { message: string } }).error.message).toBe(NO_KEY_MESSAGE);
});

describe('invalid arguments are refused by name before anything is sent', () => {
  it('a missing required input', async () => {
    const before = orderCount();
    expect(await failed('order_create', { customerId })).toMatch(/^Line Items is required\. The products ordered/);
    expect(orderCount()).toBe(before);
  });

  it('a value outside the enum, and a list entry without its quantity', async () => {
    const orderId = await newOrder();
    expect(await failed('order_update_status', { orderId, status: 'LOST' })).toBe('Status must be one of CONFIRMED, SHIPPED, DELIVERED, CANCELLED; got "LOST".');
    const before = orderCount();
    expect(await failed('order_create', { customerId, lineItems: [{ productId, quantity: 1 }, { productId }] })).toMatch(/^Quantity \(entry 2 of Line Items\) is required\./);
    expect(orderCount()).toBe(before);
  });

  it('shipping without a carrier; the order stays CONFIRMED', async () => {
    const orderId = await newOrder();
    await callTool(client, 'order_update_status', { orderId, status: 'CONFIRMED' });
    expect(await failed('order_update_status', { orderId, status: 'SHIPPED', trackingNumber: '1Z1' })).toMatch(/^Carrier is required when status is SHIPPED\./);
    expect(w.sb.core.store.orders.get(orderId)!.status).toBe('CONFIRMED');
  });

  it('a date that is not one', async () => {
    expect(await failed('order_get_all', { createdAfter: 'last tuesday' })).toBe(
      'Created After must be a date such as 2026-04-01 or a date-time such as 2026-04-01T09:00:00Z; got "last tuesday".',
    );
  });

  it('a list limit out of range', async () => {
    expect(await failed('order_get_all', { limit: 0 })).toBe('Limit must be a whole number from 1 to 100; got 0.');
  });

  it('an unknown tool', async () => {
    expect(await failed('order_delete', {})).toMatch(/^Distribu has no tool named "order_delete"\. The tools are: order_create, /);
  });
});

it('a key without the scope: the missing scope is named', async () => {
  const made = await call(w.sb.url, 'POST', '/_sandbox/api-keys', { body: { scopes: ['orders:read'] } });
  const text = await failed('order_create', { customerId, lineItems: [{ productId, quantity: 1 }] }, await w.connect(made.body.key));
  expect(text).toMatch(/lacks the "orders:write" scope/);
  expect(text).toMatch(/Nothing was created\.$/);
});

it('a create whose answer is lost is not retried: one order, and the result says to check Distribu', async () => {
  const before = orderCount();
  w.sb.core.faults.add({ status: 'lost-reset', remaining: 1, method: 'POST', path: '/orders' });
  const text = await failed('order_create', { customerId, lineItems: [{ productId, quantity: 2 }] });
  expect(text).toMatch(/The order may or may not have been created: look in Distribu before running this again\. It was not retried automatically/);
  expect(orderCount()).toBe(before + 1);
});

it("a gateway that echoes the request's headers: the error holds no key", async () => {
  w.sb.core.faults.add({ status: 'echo', remaining: 1, method: 'GET', path: '/orders' });
  const text = await failed('order_get_all', {});
  expect(text).not.toContain(w.sb.apiKey);
  expect(text).not.toMatch(/dk_[A-Za-z0-9]{6}/);
});
