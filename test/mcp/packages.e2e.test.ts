// dist0's and Orisha Commerce's MCP packages (mcp/packages/<id>/, generated) as users get them: `npm pack` on a copy
// without dist/ (prepack builds), both tarballs installed into an empty project, each bin run as a process and driven
// by the MCP SDK's own Client over stdio and Streamable HTTP against its provider's sandbox over real HTTP: the
// tools, a read checked against the sandbox's record, refused credentials in plain words, a missing variable, and
// no key or secret in any result or anything the processes wrote.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { dist0Mcp } from '../../mcp/src/dist0';
import { orishaMcp } from '../../mcp/src/orisha';
import { startDist0Sandbox, type Dist0Sandbox } from '../../sandbox/dist0/server';
import { seedOrisha } from '../../sandbox/orisha/seed';
import { startOrishaSandbox, type OrishaSandbox } from '../../sandbox/orisha/server';
import { cloneMcp, installTarballs, pack } from './support/pack';
import { httpBin, stdioClient, stopHttpBin } from './support/processes';

jest.setTimeout(240_000);

const ADM = 'ADM01';
const DIST0_REFUSED = 'dist0 refused the API key: it is unknown or was cancelled. Create a key in dist0 (Settings → API keys) and use it in place of this one.';
const ORISHA_REFUSED = /^Orisha Commerce refused the client ID and client secret \(HTTP 401/;

let work: string;
let dist0: Dist0Sandbox;
let orisha: OrishaSandbox;
let identity: { clientId: string; clientSecret: string };
let cancelledKey: string;
const bins: Record<'dist0' | 'orisha', { command: string; args: string[] }> = {} as never;
/** Every result text and everything the processes wrote, searched for secrets at the end. */
const seen: string[] = [];

const texts = (result: CallToolResult) => result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  seen.push(texts(result));
  return result;
}
const basic = (clientId: string, clientSecret: string) => `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
const orishaRecord = (kind: 'customer' | 'item', code: string) => orisha.store.administration(ADM).records[kind].get(code);

/** A stdio session of the bin with these variables; what it wrote to stderr is kept for the secrets check and returned. */
async function overStdio(bin: { command: string; args: string[] }, env: Record<string, string>, use: (client: Client) => Promise<void>): Promise<string> {
  const { client, stderr } = await stdioClient(bin, env);
  try {
    await use(client);
  } finally {
    await client.close();
    seen.push(stderr());
  }
  return stderr();
}

/** One call over stdio with these variables: its result. */
async function stdioCall(bin: { command: string; args: string[] }, env: Record<string, string>, tool: string): Promise<CallToolResult> {
  let result: CallToolResult | undefined;
  await overStdio(bin, env, async (client) => void (result = await call(client, tool)));
  return result!;
}

/** The bin started with only these variables: its exit code and what it said on stderr. */
function started(bin: { command: string }, env: Record<string, string>): { status: number | null; stderr: string } {
  const result = spawnSync(bin.command, [], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 30_000, input: '' });
  seen.push(result.stdout, result.stderr);
  return { status: result.status, stderr: result.stderr.trim() };
}

const dist0Env = (key: string) => ({ DIST0_API_KEY: key, DIST0_BASE_URL: dist0.url });
const orishaSettings = () => ({ ORISHA_BASE_URL: orisha.url, ORISHA_TOKEN_URL: orisha.tokenUrl, ORISHA_AUDIENCE: orisha.audience });
const orishaEnv = (clientSecret: string) => ({ ...orishaSettings(), ORISHA_CLIENT_ID: identity.clientId, ORISHA_CLIENT_SECRET: clientSecret, ORISHA_ADMINISTRATION: ADM });

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'provider-mcp-pack-'));
  const clone = cloneMcp(work);
  const tarballs: string[] = [];
  for (const id of ['dist0', 'orisha'] as const) {
    const packed = pack(join(clone, 'mcp', 'packages', id), work);
    expect({ id, files: packed.files.map((f) => f.path).sort() }).toEqual({ id, files: ['README.md', 'dist/cli.js', 'package.json'] });
    expect(packed.files.find((f) => f.path === 'dist/cli.js')!.mode & 0o111).not.toBe(0);
    tarballs.push(join(work, packed.filename));
  }
  const app = installTarballs(work, tarballs);
  bins.dist0 = { command: join(app, 'node_modules', '.bin', 'dist0-mcp'), args: [] };
  bins.orisha = { command: join(app, 'node_modules', '.bin', 'orisha-commerce-mcp'), args: [] };
  dist0 = await startDist0Sandbox();
  cancelledKey = dist0.store.addKey({ name: 'cancelled' }).key;
  dist0.store.keys.get(cancelledKey)!.cancelled = true;
  orisha = await startOrishaSandbox();
  seedOrisha(orisha.store, ADM);
  identity = orisha.addClient([ADM]);
});
afterAll(async () => {
  await dist0?.close();
  await orisha?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('each package installs with the MCP SDK as its one dependency, under its own name and bin', () => {
  for (const [id, mcp] of [['dist0', dist0Mcp], ['orisha', orishaMcp]] as const) {
    const manifest = JSON.parse(readFileSync(join(work, 'app', 'node_modules', mcp.host.names.mcp!.packageName, 'package.json'), 'utf8'));
    expect({ id, dependencies: Object.keys(manifest.dependencies), bin: manifest.bin }).toEqual({ id, dependencies: ['@modelcontextprotocol/sdk'], bin: { [mcp.host.names.mcp!.bin]: 'dist/cli.js' } });
    expect(spawnSync(bins[id].command, ['--version'], { encoding: 'utf8' }).stdout.trim()).toBe(mcp.version);
  }
});

describe('dist0-mcp', () => {
  it('over stdio: every tool, a pain read as the sandbox has it, nothing on stderr', async () => {
    const stderr = await overStdio(bins.dist0, dist0Env(dist0.apiKey), async (client) => {
      expect(client.getServerVersion()).toMatchObject({ name: 'dist0-mcp', title: 'dist0' });
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual(dist0Mcp.tools.map((t) => t.name));
      const pain = dist0.store.pains.get('pain_2')!;
      const got = (await call(client, 'pains_get', { id: 'pain_2' })).structuredContent as { id: string; title: string };
      expect([got.id, got.title]).toEqual([pain.id, pain.title]);
    });
    expect(stderr).toBe('');
  });

  it('a cancelled key reaches the agent in dist0\'s plain words; without DIST0_API_KEY the bin says what to set', async () => {
    const refused = await stdioCall(bins.dist0, dist0Env(cancelledKey), 'pains_list');
    expect([refused.isError, texts(refused)]).toEqual([true, DIST0_REFUSED]);
    expect(started(bins.dist0, { DIST0_BASE_URL: dist0.url })).toEqual({
      status: 1,
      stderr: 'DIST0_API_KEY is not set: give the dist0 MCP server your dist0 API key in that environment variable (create one in dist0 under Settings → API keys).',
    });
  });

  it('over Streamable HTTP: each request with its own Bearer key; a request without one gets 401', async () => {
    const server = await httpBin({ DIST0_BASE_URL: dist0.url }, bins.dist0);
    const connect = async (key: string) => {
      const client = new Client({ name: 'dist0-pack-test', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: { authorization: `Bearer ${key}` } } }));
      return client;
    };
    const [good, cancelled] = [await connect(dist0.apiKey), await connect(cancelledKey)];
    try {
      const memory = (await call(good, 'project_memory')).structuredContent;
      expect(memory).toEqual({ projectId: 'prj_9f2a', notes: dist0.store.projects.get('prj_9f2a')!.notes });
      expect(texts(await call(cancelled, 'briefs_list'))).toBe(DIST0_REFUSED);
      const noKey = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{}' });
      expect([noKey.status, noKey.headers.get('www-authenticate')]).toEqual([401, 'Bearer realm="dist0"']);
    } finally {
      await Promise.all([good.close(), cancelled.close()]);
    }
    const stopped = await stopHttpBin(server);
    seen.push(stopped.stderr);
    expect(stopped).toEqual({ code: 0, stderr: `dist0 MCP server (Streamable HTTP) at ${server.url}\n` });
  });
});

describe('orisha-commerce-mcp', () => {
  it('over stdio: every tool, a customer read as the sandbox has it, nothing on stderr', async () => {
    const stderr = await overStdio(bins.orisha, orishaEnv(identity.clientSecret), async (client) => {
      expect(client.getServerVersion()).toMatchObject({ name: 'orisha-commerce-mcp', title: 'Orisha Commerce' });
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual(orishaMcp.tools.map((t) => t.name));
      expect((await call(client, 'customer_get', { customerCode: 'CUS-2001' })).structuredContent).toEqual(orishaRecord('customer', 'CUS-2001'));
    });
    expect(stderr).toBe('');
  });

  it('a wrong client secret reaches the agent in plain words; without the variables the bin names each', async () => {
    const refused = await stdioCall(bins.orisha, orishaEnv('not-the-secret-0000'), 'item_list');
    expect(refused.isError).toBe(true);
    expect(texts(refused)).toMatch(ORISHA_REFUSED);
    expect(started(bins.orisha, { ORISHA_CLIENT_ID: identity.clientId })).toEqual({
      status: 1,
      stderr:
        "ORISHA_CLIENT_SECRET and ORISHA_ADMINISTRATION are not set: give the Orisha Commerce MCP server your Orisha Commerce machine identity's client ID and client secret and the administration code in those environment variables (create a machine identity in Orisha Commerce with access to its API).",
    });
  });

  it('over Streamable HTTP: each request with its own client credentials (Basic) and administration header; one token per identity', async () => {
    const server = await httpBin(orishaSettings(), bins.orisha);
    const connect = async (authorization: string) => {
      const client = new Client({ name: 'orisha-pack-test', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: { authorization, 'x-orisha-administration': ADM } } }));
      return client;
    };
    const tokens = () => [...orisha.store.tokens.values()].filter((t) => t.clientId === identity.clientId).length;
    const before = tokens();
    const [good, wrong] = [await connect(basic(identity.clientId, identity.clientSecret)), await connect(basic(identity.clientId, 'not-the-secret-0000'))];
    try {
      expect((await call(good, 'item_get', { itemCode: 'ITM-1001' })).structuredContent).toEqual(orishaRecord('item', 'ITM-1001'));
      expect((await call(good, 'customer_get', { customerCode: 'CUS-2001' })).structuredContent).toEqual(orishaRecord('customer', 'CUS-2001'));
      // Each POST is a fresh session; the identity's token is kept between them.
      expect(tokens() - before).toBe(1);
      const refused = await call(wrong, 'customer_list');
      expect([refused.isError, ORISHA_REFUSED.test(texts(refused))]).toEqual([true, true]);
      const bare = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: basic(identity.clientId, identity.clientSecret) }, body: '{}' });
      const message = ((await bare.json()) as { error: { message: string } }).error.message;
      seen.push(message);
      expect([bare.status, bare.headers.get('www-authenticate')]).toEqual([401, 'Basic realm="Orisha Commerce"']);
      expect(message).toContain('the administration code in the X-Orisha-Administration header');
    } finally {
      await Promise.all([good.close(), wrong.close()]);
    }
    const stopped = await stopHttpBin(server);
    seen.push(stopped.stderr);
    expect(stopped).toEqual({ code: 0, stderr: `Orisha Commerce MCP server (Streamable HTTP) at ${server.url}\n` });
  });
});

test('no key, client secret or token appears in any result or anything the processes wrote', () => {
  const all = seen.join('\n');
  expect(seen.length).toBeGreaterThan(10);
  const tokens = [...orisha.store.tokens.keys()];
  expect(tokens.length).toBeGreaterThan(0);
  for (const secret of [dist0.apiKey, cancelledKey, identity.clientSecret, 'not-the-secret-0000', ...tokens]) expect(all).not.toContain(secret);
});
