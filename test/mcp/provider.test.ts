// createMcpServer(provider) serves the provider it is given: its name, tools, instructions and rules,
// not module-level Distribu constants. A second provider here is Distribu's API under another name
// with two tools and a rule of its own, against the sandbox over real HTTP, through the SDK's client.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { distribuOperationRules } from '@distribu/shared/runtime';
import { createMcpServer, distribuMcp, type McpProvider } from '../../mcp/src';
import { startSandbox, type Sandbox } from '../../sandbox/src';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ port: 0, seed: true });
});
afterAll(async () => {
  await sb.close();
});

const other: McpProvider = {
  ...distribuMcp,
  host: { ...distribuMcp.host, names: { ...distribuMcp.host.names, displayName: 'Otherco' } },
  serverName: 'otherco',
  instructions: 'Tools for Otherco.',
  tools: distribuMcp.tools.filter((tool) => tool.name === 'product_get_all' || tool.name === 'order_get'),
  // Its own client-side rule: "low stock" means exactly zero here.
  rules: { ...distribuOperationRules, localFilters: { lowStockOnly: (record) => record.stock === 0 } },
};

async function connect(provider: McpProvider): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createMcpServer(provider, { apiKey: sb.apiKey, baseUrl: sb.url }).connect(serverSide);
  const client = new Client({ name: 'provider-test', version: '1.0.0' });
  await client.connect(clientSide);
  return client;
}

test('the server carries the provider name, instructions and tools it is given', async () => {
  const client = await connect(other);
  expect(client.getServerVersion()).toMatchObject({ name: 'otherco', title: 'Otherco' });
  expect(client.getInstructions()).toBe('Tools for Otherco.');
  expect((await client.listTools()).tools.map((tool) => tool.name).sort()).toEqual(['order_get', 'product_get_all']);
  const unknown = (await client.callTool({ name: 'order_create', arguments: {} })) as CallToolResult;
  expect(unknown.isError).toBe(true);
  expect(unknown.content).toEqual([{ type: 'text', text: 'Otherco has no tool named "order_create". The tools are: order_get, product_get_all.' }]);
  await client.close();
});

test("a tool runs with the provider's rules", async () => {
  const [mine, distribus] = [await connect(other), await connect(distribuMcp)];
  const lowStock = async (client: Client) =>
    ((await client.callTool({ name: 'product_get_all', arguments: { lowStockOnly: true, limit: 100 } })) as CallToolResult).structuredContent as { records: Array<{ stock: number }> };
  const zero = await lowStock(mine);
  const low = await lowStock(distribus);
  expect(zero.records.every((record) => record.stock === 0)).toBe(true);
  expect(low.records.some((record) => record.stock > 0)).toBe(true);
  expect(zero.records.length).toBeGreaterThan(0);
  expect(low.records.every((record) => record.stock > 0)).toBe(true);
  await mine.close();
  await distribus.close();
});
