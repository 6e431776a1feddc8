// A provider that is not Distribu through the n8n host: the generator writes its package (here Acme's,
// a test provider with a manual subscription), built as n8n-node/scripts/build.mts builds a package,
// and the built trigger is driven as n8n drives it: signed deliveries run once, forged ones are refused.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { signWith, type HmacScheme } from '@distribu/shared/kit';
import { packageDirOf, providerPackageFiles } from '../../scripts/n8n-packages';
import { requiresOf, RUNTIME_FILE } from '../n8n/support/built-package';
import { acmeHost } from './support/acme-host';

const root = join(__dirname, '..', '..');
const scheme = acmeHost.provider.inbound.scheme as HmacScheme;
const SECRET = 'acme_hs_0123456789abcdef';
let tmp: string;
let dir: string;
let files: Record<string, string>;
let Trigger: new () => any;
let Credential: new () => any;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'acme-n8n-'));
  const icons = join(tmp, 'icons');
  mkdirSync(icons);
  for (const name of ['acme.svg', 'acme.dark.svg']) writeFileSync(join(icons, name), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  files = providerPackageFiles(root, acmeHost, icons);
  dir = join(root, packageDirOf('acme'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  // Inside the package, so n8n-workflow resolves from the repository's node_modules as in n8n's own install.
  const out = join(dir, 'dist');
  // As n8n-node/scripts/build.mts builds a package (one shared module), the test provider resolved to its file.
  const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
  execFileSync(process.execPath, [tsx, join(__dirname, 'support/build-package.mts'), dir, 'acme', join(__dirname, 'support/acme-host.ts')], { cwd: root, stdio: 'pipe' });
  Trigger = require(join(out, 'nodes/AcmeTrigger/AcmeTrigger.node.js')).AcmeTrigger;
  Credential = require(join(out, 'credentials/AcmeApi.credentials.js')).AcmeApi;
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  const packages = dirname(dir);
  if (existsSync(packages) && readdirSync(packages).length === 0) rmSync(packages, { recursive: true });
  rmSync(tmp, { recursive: true, force: true });
});

test('the generator writes a package named for the provider, with its nodes, credential, icons and codex', () => {
  const pkg = JSON.parse(files['n8n-node/packages/acme/package.json']!);
  expect(pkg).toMatchObject({
    name: 'n8n-nodes-acme',
    license: 'MIT',
    files: ['dist'],
    peerDependencies: { 'n8n-workflow': '*' },
    n8n: { credentials: ['dist/credentials/AcmeApi.credentials.js'], nodes: ['dist/nodes/AcmeTrigger/AcmeTrigger.node.js'] },
  });
  expect(pkg.dependencies).toBeUndefined();
  expect(pkg.keywords).toContain('n8n-community-node-package');
  // n8n's verification and npm's provenance check compare the repository with the one the package is published from.
  const home = JSON.parse(readFileSync(join(__dirname, '../../n8n-node/package.json'), 'utf8'));
  expect(pkg.repository).toEqual({ type: 'git', url: home.repository.url, directory: 'n8n-node/packages/acme' });
  expect(pkg.repository.url).toMatch(/^git\+https:\/\/github\.com\//);
  // Built before any pack; a publish by hand refuses (only the release workflow publishes, with provenance).
  expect(pkg.scripts).toEqual({
    build: 'tsx ../../scripts/build.mts --package acme',
    prepack: 'tsx ../../scripts/build.mts --package acme',
    prepublishOnly: 'tsx ../../scripts/publish-guard.mts',
  });
  expect(Object.keys(files).sort()).toEqual(
    [
      'README.md',
      'credentials/AcmeApi.credentials.ts',
      'eslint.config.mjs',
      'icons/acme.dark.svg',
      'icons/acme.svg',
      'nodes/AcmeTrigger/AcmeTrigger.node.json',
      'nodes/AcmeTrigger/AcmeTrigger.node.ts',
      'package.json',
    ].map((file) => `n8n-node/packages/acme/${file}`),
  );
  expect(JSON.parse(files['n8n-node/packages/acme/nodes/AcmeTrigger/AcmeTrigger.node.json']!).node).toBe('n8n-nodes-acme.acmeTrigger');
  expect(files['n8n-node/packages/acme/README.md']).toContain('| `thing.made` | Thing Made |');
});

test('a manual subscription: no webhook methods, the Production URL shown with where to paste it, the secret in the credential', () => {
  const node = new Trigger();
  expect(node.webhookMethods).toBeUndefined();
  expect(node.description.name).toBe('acmeTrigger');
  expect(node.description.webhooks).toEqual([expect.objectContaining({ ndvHideUrl: false, httpMethod: 'POST', path: 'webhook' })]);
  const notice = node.description.properties.find((p: { type: string }) => p.type === 'notice').displayName;
  expect(notice).toContain('Production URL');
  expect(notice).toContain('Admin → Outgoing hooks');
  expect(notice).toContain('The Test URL works only while n8n is listening');
  expect(node.description.properties.find((p: { name: string }) => p.name === 'events').options.map((o: { value: string }) => o.value)).toEqual(['thing.gone', 'thing.made']);
  const credential = new Credential();
  expect(credential.name).toBe('acmeApi');
  expect(credential.properties.map((p: { name: string }) => p.name)).toEqual(['apiKey', 'baseUrl', 'signingSecret']);
  expect(credential.properties[2]).toMatchObject({ typeOptions: { password: true }, required: true });
  expect(credential.test.request).toMatchObject({ url: '/hooks', method: 'GET' });
  expect(credential.authenticate.properties.headers).toEqual({ Authorization: '={{"Bearer " + $credentials.apiKey}}' });
});

/** n8n's webhook context, as much of it as the trigger uses. */
function context(body: string, headers: Record<string, string>, secret: string | undefined, events = ['thing.made'], workflow = 'wf1') {
  const response = { status: 0, logs: [] as string[] };
  const res = { status: (s: number) => ((response.status = s), res), send: () => res, end: () => res, once: () => res };
  const ctx = {
    getRequestObject: () => ({ rawBody: Buffer.from(body) }),
    getHeaderData: () => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
    getWorkflowStaticData: () => ({}),
    getCredentials: async () => (secret === undefined ? {} : { signingSecret: secret }),
    getNodeParameter: (name: string, fallback: unknown) => (name === 'events' ? events : fallback),
    getResponseObject: () => res,
    getWorkflow: () => ({ id: workflow }),
    getNode: () => ({ id: 'node1', name: 'Acme Trigger' }),
    getMode: () => 'webhook',
    logger: { warn: (line: string) => response.logs.push(line), info: (line: string) => response.logs.push(line) },
    helpers: { returnJsonArray: (items: unknown[]) => items.map((json) => ({ json })) },
  };
  return { ctx, response };
}

function signed(payload: Record<string, unknown>, type = 'thing.made', id = `ev_${Math.random()}`) {
  const body = JSON.stringify({ type, at: new Date().toISOString(), payload });
  const time = String(Math.floor(Date.now() / 1000));
  return { body, headers: { 'Acme-Signature': signWith(scheme, body, SECRET, time), 'Acme-Time': time, 'Acme-Event-Id': id } };
}

test('a signed delivery runs once; the same event id again starts no run', async () => {
  const node = new Trigger();
  const delivery = signed({ id: 't_1', name: 'Widget', parts: [1, 2] }, 'thing.made', 'ev_once');
  const first = context(delivery.body, delivery.headers, SECRET);
  const result = await node.webhook.call(first.ctx);
  expect(result.workflowData[0][0].json).toMatchObject({ id: 'ev_once', event: 'thing.made', thingId: 't_1', partCount: 2 });
  const again = context(delivery.body, delivery.headers, SECRET);
  expect(await node.webhook.call(again.ctx)).toEqual({});
  expect(again.response.logs.join('\n')).toContain('already received');
});

test('forged, unsigned, secret-less and unselected deliveries start no run', async () => {
  const node = new Trigger();
  const good = signed({ id: 't_2', name: 'Widget' });
  const forged = context(good.body, { ...good.headers, 'Acme-Signature': signWith(scheme, good.body, 'acme_hs_wrong', good.headers['Acme-Time']) }, SECRET);
  expect(await node.webhook.call(forged.ctx)).toEqual({ noWebhookResponse: true });
  expect(forged.response.status).toBe(401);
  // Its own workflow: the trigger reuses a credential read for up to a second (n8n-node/src/trigger/credential-secret.ts).
  const noSecret = context(good.body, good.headers, '', undefined, 'wf-no-secret');
  expect(await node.webhook.call(noSecret.ctx)).toEqual({ noWebhookResponse: true });
  expect(noSecret.response.status).toBe(401);
  const stale = signed({ id: 't_3' });
  const old = String(Math.floor(Date.now() / 1000) - 3600);
  const staleCtx = context(stale.body, { ...stale.headers, 'Acme-Time': old, 'Acme-Signature': signWith(scheme, stale.body, SECRET, old) }, SECRET);
  expect(await node.webhook.call(staleCtx.ctx)).toEqual({ noWebhookResponse: true });
  expect(staleCtx.response.status).toBe(401);
  const other = signed({ id: 't_4' }, 'thing.gone');
  expect(await node.webhook.call(context(other.body, other.headers, SECRET).ctx)).toEqual({});
  for (const { response } of [forged, noSecret, staleCtx]) expect(response.logs.join('\n')).not.toContain(SECRET);
});

test('the built files need only n8n-workflow and node:crypto at run time, share one module, and hold no zod', () => {
  const files = ['nodes/AcmeTrigger/AcmeTrigger.node.js', 'credentials/AcmeApi.credentials.js', RUNTIME_FILE];
  expect(requiresOf(join(dir, 'dist'), files)).toEqual({
    'nodes/AcmeTrigger/AcmeTrigger.node.js': ['n8n-workflow', RUNTIME_FILE],
    'credentials/AcmeApi.credentials.js': [RUNTIME_FILE],
    [RUNTIME_FILE]: ['n8n-workflow', 'node:crypto'],
  });
  for (const file of files) expect(readFileSync(join(dir, 'dist', file), 'utf8')).not.toMatch(/\bzod\b/);
});
