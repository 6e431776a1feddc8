// Orisha Commerce's MCP server (createMcpServer(orishaMcp)) through the MCP SDK's own client, against the Orisha
// sandbox over real HTTP: its 10 read-only tools with the catalog's schemas, every tool once, a list's limit, "not
// found" and a wrong limit as isError results, an expired token renewed once, and no secret in any result.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createMcpServer } from '../../mcp/src';
// Not in @distribu/mcp-server's entry (Distribu's package stays Distribu's): Orisha's server has no package or bin yet.
import { orishaMcp } from '../../mcp/src/orisha';
import { orishaOperations } from '../../shared/src/providers/orisha/operations';
import { seedOrisha } from '../../sandbox/orisha/seed';
import { startOrishaSandbox, type OrishaSandbox } from '../../sandbox/orisha/server';

const ADM = 'ADM01';
let sandbox: OrishaSandbox;
let identity: { clientId: string; clientSecret: string };
let client: Client;

beforeAll(async () => {
  sandbox = await startOrishaSandbox();
  seedOrisha(sandbox.store, ADM);
  identity = sandbox.addClient([ADM]);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const credentials = { clientId: identity.clientId, clientSecret: identity.clientSecret, administrationCode: ADM, tokenUrl: sandbox.tokenUrl, audience: sandbox.audience };
  await createMcpServer(orishaMcp, { apiKey: '', baseUrl: sandbox.url, credentials }).connect(serverSide);
  client = new Client({ name: 'orisha-test', version: '1.0.0' });
  await client.connect(clientSide);
});
afterAll(async () => {
  await client.close();
  await sandbox.close();
});

const call = async (name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as CallToolResult;
const records = () => sandbox.store.administration(ADM).records;

test('10 read-only tools, one per catalog operation, with every input described and required', async () => {
  const { tools } = await client.listTools();
  expect(tools.map((t) => t.name).sort()).toEqual(orishaOperations.map((op) => op.key.replace('.', '_').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase()).sort());
  const address = tools.find((t) => t.name === 'address_get')!;
  expect(address.inputSchema.required).toEqual(['customerCode', 'addressCode']);
  expect((address.inputSchema.properties as Record<string, { description?: string }>).addressCode!.description).toContain('ADR-01');
  expect(address.outputSchema?.properties).toHaveProperty('City');
  expect((tools.find((t) => t.name === 'item_list')!.outputSchema!.properties as Record<string, unknown>).records).toBeDefined();
  for (const tool of tools) expect(tool.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
  expect(client.getServerVersion()).toMatchObject({ name: 'orisha-commerce-mcp', title: 'Orisha Commerce' });
});

test('every tool once: the record by its code(s), lists with a limit', async () => {
  expect((await call('item_get', { itemCode: 'ITM-1001' })).structuredContent).toEqual(records().item.get('ITM-1001'));
  expect((await call('customer_get', { customerCode: 'CUS-2001' })).structuredContent).toEqual(records().customer.get('CUS-2001'));
  expect((await call('price_list_get', { priceListCode: 'PL-STD' })).structuredContent).toEqual(records().priceList.get('PL-STD'));
  expect((await call('contact_person_get', { customerCode: 'CUS-2001', contactPersonCode: 'CP-01' })).structuredContent).toEqual(records().contactPerson.get('CUS-2001/CP-01'));
  expect((await call('address_get', { customerCode: 'CUS-2001', addressCode: 'ADR-01' })).structuredContent).toEqual(records().address.get('CUS-2001/ADR-01'));
  expect(((await call('item_list', {})).structuredContent as { records: unknown[] }).records).toHaveLength(2);
  expect(((await call('item_list', { limit: 1 })).structuredContent as { records: unknown[] }).records).toHaveLength(1);
  expect((await call('customer_list', {})).structuredContent).toEqual({ records: [records().customer.get('CUS-2001')], hasMore: false });
  expect((await call('price_list_list', {})).structuredContent).toEqual({ records: [records().priceList.get('PL-STD')], hasMore: false });
  expect((await call('contact_person_list', { customerCode: 'CUS-2001' })).structuredContent).toEqual({ records: [records().contactPerson.get('CUS-2001/CP-01')], hasMore: false });
  expect((await call('address_list', { customerCode: 'CUS-2001' })).structuredContent).toEqual({ records: [records().address.get('CUS-2001/ADR-01')], hasMore: false });
});

test('errors are isError results in plain words: not found, a missing code, a wrong limit; no secret in any', async () => {
  const missing = await call('customer_get', { customerCode: 'CUS-NOPE' });
  expect(missing).toMatchObject({ isError: true, content: [{ type: 'text', text: 'Orisha Commerce has no such record (HTTP 404): No such customer.' }] });
  const noCode = await call('address_get', { customerCode: 'CUS-2001' });
  expect(noCode.isError).toBe(true);
  expect((noCode.content as Array<{ text: string }>)[0]!.text).toMatch(/^Get Address needs AddressCode/);
  const wrongLimit = await call('item_list', { limit: 1000 });
  expect((wrongLimit.content as Array<{ text: string }>)[0]!.text).toBe('Limit must be a whole number from 1 to 100; got 1000.');
  for (const result of [missing, noCode, wrongLimit]) expect(JSON.stringify(result)).not.toContain(identity.clientSecret);
});

test('an expired token is renewed once, and the call succeeds', async () => {
  const tokens = () => [...sandbox.store.tokens.values()].filter((t) => t.clientId === identity.clientId).length;
  const before = tokens();
  sandbox.expireTokens();
  expect((await call('item_get', { itemCode: 'ITM-1002' })).structuredContent).toEqual(records().item.get('ITM-1002'));
  expect(tokens() - before).toBe(1);
});
