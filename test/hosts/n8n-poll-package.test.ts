// A generated package with a polling trigger (a provider whose API lists events), built as the build
// script does and polled against the sandbox over real HTTP the way n8n polls: a test run shows the
// newest record, the first poll remembers, a later one emits what is new, once.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packageDirOf, providerPackageFiles } from '../../scripts/n8n-packages';
import { startSandbox, type Sandbox } from '../../sandbox/src';
import { othercoHost } from './support/otherco-host';

const root = join(__dirname, '..', '..');
let dir: string;
let tmp: string;
let files: Record<string, string>;
let Poll: new () => any;
let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ port: 0, seed: true });
  tmp = mkdtempSync(join(tmpdir(), 'otherco-n8n-'));
  for (const name of ['otherco.svg', 'otherco.dark.svg']) writeFileSync(join(tmp, name), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  files = providerPackageFiles(root, othercoHost, tmp);
  dir = join(root, packageDirOf('otherco'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  // As n8n-node/scripts/build.mts builds a package (one shared module), the test provider resolved to its file.
  const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
  execFileSync(process.execPath, [tsx, join(__dirname, 'support/build-package.mts'), dir, 'otherco', join(__dirname, 'support/otherco-host.ts')], { cwd: root, stdio: 'pipe' });
  Poll = require(join(dir, 'dist/nodes/OthercoPollTrigger/OthercoPollTrigger.node.js')).OthercoPollTrigger;
}, 60_000);

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  // Another suite may be writing its own package beside this one: the folder goes only when empty.
  const packages = dirname(dir);
  if (existsSync(packages) && readdirSync(packages).length === 0) rmSync(packages, { recursive: true });
  rmSync(tmp, { recursive: true, force: true });
  await sb.close();
});

function pollContext(mode: 'manual' | 'trigger', staticData: Record<string, unknown>) {
  return {
    getNodeParameter: (name: string, fallback: unknown) => (name === 'event' ? 'customer.created' : fallback),
    getMode: () => mode,
    getWorkflowStaticData: () => staticData,
    getCredentials: async () => ({ baseUrl: sb.url, apiKey: sb.apiKey }),
    getNode: () => ({ id: 'p1', name: 'Otherco Polling Trigger' }),
    logger: { warn: () => undefined, info: () => undefined },
    helpers: {
      returnJsonArray: (items: unknown[]) => items.map((json) => ({ json })),
      async httpRequestWithAuthentication(_c: string, request: { method: string; url: string; qs?: Record<string, string>; body?: unknown }) {
        const query = new URLSearchParams(request.qs ?? {});
        const response = await fetch(`${request.url}${query.size ? `?${query}` : ''}`, {
          method: request.method,
          headers: { authorization: `Bearer ${sb.apiKey}`, ...(request.body ? { 'content-type': 'application/json' } : {}) },
          body: request.body ? JSON.stringify(request.body) : undefined,
        });
        const text = await response.text();
        return { statusCode: response.status, body: text ? JSON.parse(text) : undefined, headers: {} };
      },
    },
  } as never;
}

test('the package lists the polling trigger beside the webhook trigger, with the pollable events as options', () => {
  const pkg = JSON.parse(files['n8n-node/packages/otherco/package.json']!);
  expect(pkg.n8n.nodes).toEqual(['dist/nodes/OthercoPollTrigger/OthercoPollTrigger.node.js', 'dist/nodes/OthercoTrigger/OthercoTrigger.node.js']);
  const node = new Poll();
  expect(node.description).toMatchObject({ name: 'othercoPollTrigger', polling: true, credentials: [{ name: 'othercoApi', required: true }] });
  const events = node.description.properties.find((p: { name: string }) => p.name === 'event').options.map((o: { value: string }) => o.value).sort();
  expect(events).toEqual(othercoHost.pollable.map((e) => e.name).sort());
});

test('a test run shows the newest record; the first poll remembers; a new customer is emitted once', async () => {
  const node = new Poll();
  const sample = await node.poll.call(pollContext('manual', {}));
  expect(sample[0][0].json).toMatchObject({ event: 'customer.created' });
  const state: Record<string, unknown> = {};
  expect(await node.poll.call(pollContext('trigger', state))).toBeNull();
  const created = await fetch(`${sb.url}/api/v1/customers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sb.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Polly Otherco', email: `polly-${Date.now()}@example.com` }),
  });
  expect(created.ok).toBe(true);
  const id = ((await created.json()) as { data: { id: string } }).data.id;
  const next = await node.poll.call(pollContext('trigger', state));
  expect(next[0].map((item: { json: { customerId: string } }) => item.json.customerId)).toEqual([id]);
  expect(await node.poll.call(pollContext('trigger', state))).toBeNull();
  expect(Object.keys(state)).toEqual(['othercoPoll']);
});
