import { spawnSync } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { KEY_REJECTED } from '@distribu/shared/runtime';
import { MISSING_KEY_MESSAGE, tools } from '../../mcp/src';
import { startSandbox, type Sandbox } from '../../sandbox/src';
import { binFromSource, httpBin, stdioClient, stopHttpBin } from './support/processes';

// The `distribu-mcp` bin as a process, over stdio (as desktop agents start it) and Streamable HTTP,
// with everything it writes collected: no API key in any result or log line.
jest.setTimeout(60_000);

let sb: Sandbox;
const WRONG_KEY = 'dk_live_notarealkeynotarealkey99';
/** Every result text and everything the processes wrote, searched for keys at the end. */
const seen: string[] = [];

beforeAll(async () => {
  sb = await startSandbox({ port: 0, seed: true });
});
afterAll(() => sb.close());

const texts = (result: CallToolResult) => result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');

async function run(client: Client, name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  seen.push(texts(result));
  return result;
}

describe('stdio', () => {
  it('serves every tool with the key from DISTRIBU_API_KEY, and says nothing on stderr', async () => {
    const { client, stderr } = await stdioClient(binFromSource, { DISTRIBU_API_KEY: sb.apiKey, DISTRIBU_BASE_URL: sb.url });
    try {
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual(tools.map((t) => t.name));
      const listed = await run(client, 'customer_get_all', { search: 'acme' });
      expect(listed.structuredContent).toMatchObject({ records: [{ email: 'buyer@acme.com' }], hasMore: false });
      const refused = await run(client, 'order_get', { orderId: 'clnope0000000000000000000' });
      expect(refused.isError).toBe(true);
    } finally {
      await client.close();
    }
    seen.push(stderr());
    expect(stderr()).toBe('');
  });

  it('a wrong key: results say the key was not accepted', async () => {
    const { client, stderr } = await stdioClient(binFromSource, { DISTRIBU_API_KEY: WRONG_KEY, DISTRIBU_BASE_URL: sb.url });
    try {
      const result = await run(client, 'order_get_all');
      expect(result.isError).toBe(true);
      expect(texts(result).startsWith(KEY_REJECTED)).toBe(true);
    } finally {
      await client.close();
    }
    seen.push(stderr());
  });

  it.each([
    ['without DISTRIBU_API_KEY', {}, MISSING_KEY_MESSAGE],
    [
      'with a DISTRIBU_BASE_URL that is no http(s) address',
      { DISTRIBU_API_KEY: WRONG_KEY, DISTRIBU_BASE_URL: 'localhost:4010' },
      'The Distribu base URL (DISTRIBU_BASE_URL) must be an http or https address such as https://distribu.app; got "localhost:4010".',
    ],
  ])('%s it exits 1 and says what to set', (_case, env, message) => {
    const result = spawnSync(binFromSource.command, binFromSource.args, { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 30_000, input: '' });
    seen.push(result.stderr, result.stdout);
    expect({ status: result.status, stderr: result.stderr.trim(), stdout: result.stdout }).toEqual({ status: 1, stderr: message, stdout: '' });
  });
});

describe('Streamable HTTP (--http)', () => {
  it('takes each request\'s key from its Authorization header, logs one line, and stops on SIGTERM', async () => {
    const server = await httpBin({ DISTRIBU_BASE_URL: sb.url });
    const connect = async (key: string) => {
      const client = new Client({ name: 'distribu-test', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: { authorization: `Bearer ${key}` } } }));
      return client;
    };
    const good = await connect(sb.apiKey);
    const wrong = await connect(WRONG_KEY);
    try {
      const created = await run(good, 'customer_create', { email: 'cli@mcp-test.example' });
      expect(sb.core.store.customers.get((created.structuredContent as { id: string }).id)).toMatchObject({ email: 'cli@mcp-test.example' });
      expect(texts(await run(wrong, 'customer_get_all')).startsWith(KEY_REJECTED)).toBe(true);
      expect((await run(good, 'order_update_status', { orderId: 'clnope0000000000000000000', status: 'CONFIRMED' })).isError).toBe(true);
    } finally {
      await Promise.all([good.close(), wrong.close()]);
    }
    const stopped = await stopHttpBin(server);
    seen.push(stopped.stderr);
    expect(stopped).toEqual({ code: 0, stderr: `Distribu MCP server (Streamable HTTP) at ${server.url}\n` });
  });
});

it('no key appears in any result or anything the processes wrote', () => {
  // Both keys' secret parts, anywhere in what a user or a log could see.
  const all = seen.join('\n');
  expect(seen.length).toBeGreaterThan(5);
  expect(all).not.toContain(sb.apiKey.slice(3));
  expect(all).not.toContain(WRONG_KEY.slice(3));
});
