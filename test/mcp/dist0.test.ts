// dist0's MCP server (createMcpServer(dist0Mcp)) through the MCP SDK's own Client against the dist0 sandbox
// over real HTTP: one read-only tool per capability with its schemas from the catalog, lists paged up to
// `limit` with `hasMore`, a post read by the id a webhook signal carries, bad input and an unknown or cancelled
// key (403) as isError results in plain words without the key.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { dist0Operations } from '@distribu/shared/providers/dist0/catalog';
import { createMcpServer, dist0Mcp, startDistribuMcpHttpServer } from '../../mcp/src';
import { startDist0Sandbox, type Dist0Sandbox } from '../../sandbox/dist0/server';

let sandbox: Dist0Sandbox;
let client: Client;

async function connect(apiKey: string): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createMcpServer(dist0Mcp, { apiKey, baseUrl: sandbox.url }).connect(serverSide);
  const c = new Client({ name: 'dist0-mcp-test', version: '1.0.0' });
  await c.connect(clientSide);
  return c;
}

beforeAll(async () => {
  sandbox = await startDist0Sandbox();
  client = await connect(sandbox.apiKey);
});
afterAll(async () => {
  await client?.close();
  await sandbox?.close();
});

const call = async (name: string, args: Record<string, unknown> = {}, c = client) => (await c.callTool({ name, arguments: args })) as CallToolResult;

test('one read-only tool per capability, each with input and output schemas, named after the server', async () => {
  expect(client.getServerVersion()).toMatchObject({ name: 'dist0-mcp', title: 'dist0' });
  const { tools } = await client.listTools();
  expect(tools.map((t) => t.name)).toEqual(dist0Operations.map((op) => op.capability.replace(/\./g, '_').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()));
  expect(tools).toHaveLength(13);
  for (const tool of tools) {
    expect(tool.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false });
    expect(tool.outputSchema).toBeDefined();
    for (const [key, prop] of Object.entries((tool.inputSchema.properties ?? {}) as Record<string, { description?: string }>)) {
      expect({ tool: tool.name, key, described: !!prop.description }).toEqual({ tool: tool.name, key, described: true });
    }
  }
  const painsList = tools.find((t) => t.name === 'pains_list')!;
  expect(Object.keys(painsList.inputSchema.properties!)).toEqual(['sort', 'limit']);
  expect((painsList.inputSchema.properties!.sort as { enum: string[] }).enum).toEqual(['recent', 'posts']);
  expect(tools.find((t) => t.name === 'pains_get')!.inputSchema.required).toEqual(['id']);
});

test('lists page up to limit with hasMore; each structured result matches its output schema', async () => {
  const ajv = new Ajv2020({ strict: false });
  const { tools } = await client.listTools();
  const schema = (name: string) => ajv.compile(tools.find((t) => t.name === name)!.outputSchema!);
  const two = await call('pains_list', { sort: 'posts', limit: 2 });
  expect(two.isError).toBeUndefined();
  const content = two.structuredContent as { records: Array<{ id: string; posts: number }>; hasMore: boolean };
  expect([content.records.map((p) => [p.id, p.posts]), content.hasMore]).toEqual([[['pain_1', 7], ['pain_3', 5]], true]);
  expect(schema('pains_list')(content)).toBe(true);
  expect(JSON.parse((two.content as Array<{ text: string }>)[0]!.text)).toEqual(content);
  const all = (await call('pains_list', { limit: 100 })).structuredContent as { records: unknown[]; hasMore: boolean };
  expect([all.records.length, all.hasMore]).toEqual([3, false]);
  const sources = await call('pains_sources', { id: 'pain_1' });
  expect((sources.structuredContent as { posts: unknown[] }).posts).toHaveLength(7);
  expect(schema('pains_sources')(sources.structuredContent)).toBe(true);
  const memory = await call('project_memory');
  expect(memory.structuredContent).toEqual({ projectId: 'prj_9f2a', notes: sandbox.store.projects.get('prj_9f2a')!.notes });
  expect(schema('project_memory')(memory.structuredContent)).toBe(true);
});

test('a post by the id a webhook signal carries', async () => {
  const signal = sandbox.store.addSignal({ projectId: 'prj_9f2a', kind: 'competitor', post: { title: 'Leadtrail or Attributo?' } });
  const post = await call('posts_get', { id: signal.postId });
  expect(post.structuredContent).toMatchObject({ id: signal.postId, title: 'Leadtrail or Attributo?' });
});

test('bad input, a missing record and an unknown or cancelled key come back as isError in plain words, without the key', async () => {
  const before = sandbox.store.calls.length;
  const empty = await call('briefs_get', {});
  expect(empty.isError).toBe(true);
  expect((empty.content as Array<{ text: string }>)[0]!.text).toMatch(/^ID is required/);
  const wrongLimit = await call('briefs_list', { limit: 500 });
  expect((wrongLimit.content as Array<{ text: string }>)[0]!.text).toBe('Limit must be a whole number from 1 to 100; got 500.');
  expect(sandbox.store.calls.length).toBe(before);
  const missing = await call('runs_get', { id: 'run_nope' });
  expect([missing.isError, (missing.content as Array<{ text: string }>)[0]!.text]).toEqual([true, 'dist0 has nothing with that id in this project. dist0 said: No run run_nope in this project.']);
  const key = sandbox.store.addKey({ name: 'to cancel' }).key;
  sandbox.store.keys.get(key)!.cancelled = true;
  const cancelled = await connect(key);
  const refused = await call('pains_list', {}, cancelled);
  expect(refused.isError).toBe(true);
  expect((refused.content as Array<{ text: string }>)[0]!.text).toBe('dist0 refused the API key: it is unknown or was cancelled. Create a key in dist0 (Settings → API keys) and use it in place of this one.');
  expect(JSON.stringify(refused)).not.toContain(key);
  await cancelled.close();
});

test('over Streamable HTTP (what n8n\'s MCP Client Tool and hosted agents connect to): each request with its own key; none refused with dist0\'s name', async () => {
  const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
  const server = await startDistribuMcpHttpServer({ port: 0, baseUrl: sandbox.url, provider: dist0Mcp });
  try {
    const http = new Client({ name: 'dist0-mcp-http-test', version: '1.0.0' });
    await http.connect(new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: { Authorization: `Bearer ${sandbox.apiKey}` } } }));
    expect(http.getServerVersion()).toMatchObject({ name: 'dist0-mcp', title: 'dist0' });
    expect((await http.listTools()).tools).toHaveLength(13);
    const pain = (await http.callTool({ name: 'pains_get', arguments: { id: 'pain_2' } })) as CallToolResult;
    expect(pain.structuredContent).toMatchObject({ id: 'pain_2', title: 'Spreadsheets for attribution' });
    await http.close();
    const noKey = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{}' });
    expect([noKey.status, noKey.headers.get('www-authenticate'), ((await noKey.json()) as { error: { message: string } }).error.message]).toEqual([
      401,
      'Bearer realm="dist0"',
      'No dist0 API key: send it in the Authorization header as "Bearer <your dist0 API key>". Create a key in dist0 under Settings → API keys.',
    ]);
  } finally {
    await server.close();
  }
});
