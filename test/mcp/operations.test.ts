import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { operationKey, operations } from '@distribu/shared/operations';
import { isLowStock } from '@distribu/shared/runtime';
import { toolName } from '../../mcp/src';
import { call } from '../sandbox/support/http';
import { callTool, startMcpWorld, type McpWorld } from './support/world';

// Every catalog operation once through its MCP tool (Streamable HTTP, the SDK's client), with its
// effect checked in the sandbox's own store, or its answer against a direct REST call.
let w: McpWorld;
let client: Client;
const called = new Set<string>();

beforeAll(async () => {
  w = await startMcpWorld();
  client = await w.connect();
  // The client checks each structuredContent against the tool's output schema once it has listed them.
  await client.listTools();
});
afterAll(() => w.close());

async function ok(name: string, args: Record<string, unknown> = {}): Promise<Record<string, any>> {
  called.add(name);
  const result: CallToolResult = await callTool(client, name, args);
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
  return result.structuredContent as Record<string, any>;
}

const store = () => w.sb.core.store;
const customerByEmail = (email: string) => [...store().customers.values()].find((c) => c.email === email)!;
const rest = async (path: string) => (await call(w.sb.url, 'GET', `/api/v1${path}`, { key: w.sb.apiKey })).body.data;

describe('orders', () => {
  let orderId: string;

  it('order_create places the order with its line items and takes the stock', async () => {
    const acme = customerByEmail('buyer@acme.com');
    const [a, b] = [...store().products.values()].filter((p) => p.isActive && p.stock > 20);
    const stockBefore = a!.stock;
    const order = await ok('order_create', {
      customerId: acme.id,
      lineItems: [{ productId: a!.id, quantity: 4 }, { productId: b!.id, quantity: 1 }],
      notes: 'Back door',
    });
    orderId = order.id;
    expect(store().orders.get(orderId)).toMatchObject({ customerId: acme.id, status: 'SUBMITTED', notes: 'Back door' });
    expect(store().orders.get(orderId)!.items).toHaveLength(2);
    expect(store().products.get(a!.id)!.stock).toBe(stockBefore - 4);
  });

  it('order_get returns the order as Distribu has it', async () => {
    const order = await ok('order_get', { orderId });
    const stored = store().orders.get(orderId)!;
    expect(order).toMatchObject({ id: orderId, status: stored.status, total: stored.total, customerId: stored.customerId });
    expect(order.items.map((i: { productId: string }) => i.productId)).toEqual(stored.items.map((i) => i.productId));
  });

  it('order_update_status confirms, then ships with UPS tracking', async () => {
    expect(await ok('order_update_status', { orderId, status: 'CONFIRMED' })).toMatchObject({ status: 'CONFIRMED' });
    const shipped = await ok('order_update_status', { orderId, status: 'SHIPPED', carrier: 'UPS', trackingNumber: '1Z 999 AA1 0123456784' });
    expect(store().orders.get(orderId)).toMatchObject({ status: 'SHIPPED' });
    expect(shipped.tracking).toMatchObject({ carrier: 'UPS', number: '1Z999AA10123456784' });
  });

  it('order_get_all filters by status and customer, newest first, and says when the limit left more', async () => {
    const acme = customerByEmail('buyer@acme.com');
    const { records, hasMore } = await ok('order_get_all', { status: 'SHIPPED', customerId: acme.id });
    const expected = [...store().orders.values()].filter((o) => o.status === 'SHIPPED' && o.customerId === acme.id);
    expect(records.map((o: { id: string }) => o.id).sort()).toEqual(expected.map((o) => o.id).sort());
    expect(records[0].id).toBe(orderId);
    expect(hasMore).toBe(false);
    const one = await ok('order_get_all', { limit: 1 });
    expect(one.records).toHaveLength(1);
    expect(one.hasMore).toBe(store().orders.size > 1);
  });
});

describe('customers', () => {
  let customerId: string;

  it('customer_create creates the customer', async () => {
    const created = await ok('customer_create', { email: 'agent@mcp-test.example', name: 'MCP Test Co', creditLimit: 1200 });
    customerId = created.id;
    expect(store().customers.get(customerId)).toMatchObject({ email: 'agent@mcp-test.example', name: 'MCP Test Co', creditLimit: 1200 });
  });

  it('customer_get returns it', async () => {
    expect(await ok('customer_get', { customerId })).toMatchObject({ id: customerId, email: 'agent@mcp-test.example', status: 'ACTIVE' });
  });

  it('customer_get_all finds it by a part of its name', async () => {
    const { records } = await ok('customer_get_all', { search: 'MCP Test' });
    expect(records.map((c: { id: string }) => c.id)).toEqual([customerId]);
  });

  it('customer_update changes only the given field', async () => {
    await ok('customer_update', { customerId, name: 'MCP Test Company' });
    expect(store().customers.get(customerId)).toMatchObject({ name: 'MCP Test Company', creditLimit: 1200, email: 'agent@mcp-test.example' });
  });

  it('customer_upsert updates the customer with that email (any case), and creates one for a new email', async () => {
    const count = store().customers.size;
    const updated = await ok('customer_upsert', { email: 'AGENT@mcp-test.example', notes: 'Prefers mornings' });
    expect(updated.id).toBe(customerId);
    expect(store().customers.get(customerId)!.notes).toBe('Prefers mornings');
    expect(store().customers.size).toBe(count);
    const created = await ok('customer_upsert', { email: 'second@mcp-test.example', name: 'Second Co' });
    expect(store().customers.size).toBe(count + 1);
    expect(store().customers.get(created.id)).toMatchObject({ email: 'second@mcp-test.example', name: 'Second Co' });
  });
});

describe('products', () => {
  it('product_get returns the product', async () => {
    const product = [...store().products.values()][0]!;
    expect(await ok('product_get', { productId: product.id })).toMatchObject({ id: product.id, sku: product.sku, stock: product.stock, price: product.price });
  });

  it('product_get_all with lowStockOnly returns exactly the low-stock products', async () => {
    const { records } = await ok('product_get_all', { lowStockOnly: true, limit: 100 });
    const expected = [...store().products.values()].filter((p) => isLowStock(p.stock)).map((p) => p.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(records.map((p: { id: string }) => p.id).sort()).toEqual(expected.sort());
  });
});

describe('reports', () => {
  it('report_sales, report_customers and report_inventory answer as Distribu does', async () => {
    // A fixed period: with a preset the period ends "now", a different instant for each call.
    const sales = await ok('report_sales', { from: '2020-01-01', to: '2030-01-01T00:00:00Z' });
    expect(sales).toEqual(await rest('/reports/sales?from=2020-01-01&to=2030-01-01T00:00:00Z'));
    expect(sales.totals.orderCount).toBe(store().orders.size);
    expect(await ok('report_customers')).toEqual(await rest('/reports/customers'));
    expect(await ok('report_inventory')).toEqual(await rest('/reports/inventory'));
  });
});

it('called every operation of the catalog', () => {
  expect([...called].sort()).toEqual(operations.map((entry) => toolName(operationKey(entry))).sort());
});
