import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { operationKey, operations } from '@distribu/shared/operations';
import { toolName } from '../../mcp/src';
import manifest from '../../mcp/package.json';
import { callTool, startMcpWorld, textOf, type McpWorld } from './support/world';

// The MCP server over Streamable HTTP, driven by the SDK's own client, against the sandbox.
let w: McpWorld;
let client: Client;

beforeAll(async () => {
  w = await startMcpWorld();
  client = await w.connect();
});
afterAll(() => w.close());

it('the handshake names the server and offers tools', () => {
  expect(client.getServerVersion()).toMatchObject({ name: 'distribu', version: manifest.version });
  expect(client.getServerCapabilities()?.tools).toBeDefined();
  expect(client.getInstructions()).toMatch(/never retried/);
});

it('lists one tool per catalog operation', async () => {
  const { tools } = await client.listTools();
  expect(tools.map((t) => t.name)).toEqual(operations.map((entry) => toolName(operationKey(entry))));
});

it('creates an order with three line items: the order is in Distribu, structured and as JSON text', async () => {
  const store = w.sb.core.store;
  const customer = [...store.customers.values()].find((c) => c.status === 'ACTIVE')!;
  const products = [...store.products.values()].filter((p) => p.isActive && p.stock > 10).slice(0, 3);
  expect(products).toHaveLength(3);
  const result = await callTool(client, 'order_create', {
    customerId: customer.id,
    lineItems: products.map((p, i) => ({ productId: p.id, quantity: i + 1 })),
    poNumber: 'PO-MCP-1',
  });
  expect(result.isError).toBeFalsy();
  const order = result.structuredContent as { id: string; status: string; items: unknown[] };
  const stored = store.orders.get(order.id)!;
  expect(stored).toMatchObject({ customerId: customer.id, poNumber: 'PO-MCP-1', status: 'SUBMITTED' });
  expect(stored.items.map((item) => [item.productId, item.quantity])).toEqual(products.map((p, i) => [p.id, i + 1]));
  expect(JSON.parse(textOf(result))).toEqual(order);

  const got = await callTool(client, 'order_get', { orderId: order.id });
  expect(got.structuredContent).toMatchObject({ id: order.id, status: 'SUBMITTED', total: stored.total });
});
