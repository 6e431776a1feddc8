// n8n-nodes-dist0 as generated and built (by n8n-node/scripts/build.mts, as `npm pack` builds it), its dist0 Trigger
// driven as n8n drives a webhook, fed the very sends the dist0 sandbox makes: retries in both delivery id
// styles run once per signal, forged, stale and secret-less sends are refused with 401 and a logged reason, the
// kind filter holds, and the built files need only n8n-workflow and node:crypto.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { startDist0Sandbox, type Dist0Sandbox } from '../../sandbox/dist0/server';
import { startReceiver, type Receiver, type Received } from '../providers/dist0/support/receiver';
import { SECRET_MAX_AGE_MS } from '../../n8n-node/src/trigger/credential-secret';
import { requiresOf, RUNTIME_FILE } from './support/built-package';

const root = join(__dirname, '..', '..');
const pkg = join(root, 'n8n-node', 'packages', 'dist0');
let out: string;
let Trigger: new () => any;
let Credential: new () => any;
let sandbox: Dist0Sandbox;
let receiver: Receiver;
let secret: string;

beforeAll(async () => {
  // Inside the package (its dist/, ignored by git), so n8n-workflow resolves from the repository's node_modules.
  out = join(pkg, 'dist');
  execFileSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'n8n-node/scripts/build.mts'), '--package', 'dist0'], { cwd: join(root, 'n8n-node'), stdio: 'pipe' });
  Trigger = require(join(out, 'nodes/Dist0Trigger/Dist0Trigger.node.js')).Dist0Trigger;
  Credential = require(join(out, 'credentials/Dist0Api.credentials.js')).Dist0Api;
  sandbox = await startDist0Sandbox({ retry: { attempts: 4, firstGapMs: 20, factor: 2, timeoutMs: 300 } });
  receiver = await startReceiver();
  const hook = await control('PUT', '/projects/prj_9f2a/webhook', { url: receiver.url, enabled: true });
  secret = hook.signingSecret;
}, 60_000);

afterAll(async () => {
  await sandbox?.close();
  await receiver?.close();
});

async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${sandbox.url}/_sandbox${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return (await response.json()) as any;
}

/** dist0 finds a signal; returns every send the receiver got for it (retries included). */
async function signalSends(kind: 'pain' | 'competitor', script: Array<number | 'hang'> = []): Promise<{ id: string; sends: Received[] }> {
  receiver.received.length = 0;
  receiver.script.push(...script);
  const made = await control('POST', '/signals', { projectId: 'prj_9f2a', kind });
  await control('POST', '/idle');
  return { id: made.signal.id, sends: [...receiver.received] };
}

/** n8n's webhook context, as much of it as the trigger uses. */
function context(
  send: { raw: Buffer; headers: Received['headers'] },
  options: { secret?: string; kinds?: string[]; workflow?: string; read?: () => Promise<Record<string, unknown>> } = {},
) {
  const response = { status: 0, logs: [] as string[] };
  const res = { status: (s: number) => ((response.status = s), res), send: () => res, end: () => res, once: () => res };
  const ctx = {
    getRequestObject: () => ({ rawBody: send.raw }),
    getHeaderData: () => send.headers,
    getWorkflowStaticData: () => ({}),
    getCredentials: options.read ?? (async () => (options.secret === undefined ? { apiKey: 'd0k_x', signingSecret: secret } : { apiKey: 'd0k_x', signingSecret: options.secret })),
    getNodeParameter: (name: string, fallback: unknown) => (name === 'events' ? ['signal.created'] : name === 'kinds' ? (options.kinds ?? fallback) : fallback),
    getResponseObject: () => res,
    getWorkflow: () => ({ id: options.workflow ?? 'wf1' }),
    getNode: () => ({ id: 'node1', name: 'dist0 Trigger', credentials: { dist0Api: { id: 'cred1', name: 'dist0' } } }),
    getMode: () => 'webhook',
    logger: { warn: (line: string) => response.logs.push(line), info: (line: string) => response.logs.push(line) },
    helpers: { returnJsonArray: (items: unknown[]) => items.map((json) => ({ json })) },
  };
  return { ctx, response };
}

async function deliverAll(sends: Received[], options: Parameters<typeof context>[1] = {}) {
  const node = new Trigger();
  const runs: Array<Record<string, unknown>> = [];
  const logs: string[] = [];
  for (const send of sends) {
    const { ctx, response } = context(send, options);
    const result = await node.webhook.call(ctx);
    if (result.workflowData) runs.push(...result.workflowData[0].map((i: { json: Record<string, unknown> }) => i.json));
    logs.push(...response.logs);
  }
  return { runs, logs };
}

test('the node: the Production URL shown with where to paste it, the Test URL only while listening, kinds, the credential', () => {
  const node = new Trigger();
  expect(node.webhookMethods).toBeUndefined();
  expect(node.description.name).toBe('dist0Trigger');
  expect(node.description.webhooks).toEqual([expect.objectContaining({ ndvHideUrl: false, httpMethod: 'POST', responseMode: 'onReceived' })]);
  const notice = node.description.properties.find((p: { type: string }) => p.type === 'notice').displayName;
  expect(notice).toContain('Copy the Production URL above (Webhook URLs) and paste it into dist0 under Settings → Send new signals to your URL (the URL must start with https://).');
  expect(notice).toContain('The Test URL works only while n8n is listening for a test event');
  const kinds = node.description.properties.find((p: { name: string }) => p.name === 'kinds');
  expect(kinds).toMatchObject({ type: 'multiOptions', default: ['pain', 'competitor'] });
  expect(kinds.options.map((o: { name: string; value: string }) => [o.name, o.value])).toEqual([['Buyer pain', 'pain'], ['Competitor mention', 'competitor']]);
  const credential = new Credential();
  expect(credential.properties.map((p: { name: string }) => p.name)).toEqual(['apiKey', 'baseUrl', 'signingSecret']);
  expect(credential.properties[2]).toMatchObject({ typeOptions: { password: true }, required: true });
  expect(credential.test.request).toMatchObject({ url: '/api/v1/capabilities', method: 'GET' });
});

test('retries with the same delivery id: three sends, one run', async () => {
  await control('PUT', '/retry', { deliveryIdStyle: 'same' });
  const { id, sends } = await signalSends('pain', [500, 'hang']);
  expect(sends).toHaveLength(3);
  expect(new Set(sends.map((s) => s.headers['x-dist0-delivery-id'])).size).toBe(1);
  const { runs, logs } = await deliverAll(sends);
  expect(runs.map((r) => [r.id, r.dedupeKey, r.kind])).toEqual([[id, id, 'pain']]);
  expect(logs.filter((l) => l.includes('already received'))).toHaveLength(2);
});

test('retries with a new delivery id each: three sends, one run', async () => {
  await control('PUT', '/retry', { deliveryIdStyle: 'new' });
  const { id, sends } = await signalSends('competitor', [502, 503]);
  expect(new Set(sends.map((s) => s.headers['x-dist0-delivery-id'])).size).toBe(3);
  const { runs } = await deliverAll(sends);
  expect(runs.map((r) => [r.id, r.deliveryId])).toEqual([[id, sends[0]!.headers['x-dist0-delivery-id']]]);
});

test('forged, stale and secret-less sends are refused with 401 and a logged reason, naming no secret', async () => {
  const { sends } = await signalSends('pain');
  const send = sends[0]!;
  const forged = context({ raw: send.raw, headers: { ...send.headers, 'x-dist0-signature': `v0=${'0'.repeat(64)}` } });
  const old = String(Math.floor(Date.now() / 1000) - 3600);
  const staleSig = `v0=${createHmac('sha256', secret).update(`v0:${old}:`).update(send.raw).digest('hex')}`;
  const stale = context({ raw: send.raw, headers: { ...send.headers, 'x-dist0-timestamp': old, 'x-dist0-signature': staleSig } });
  // Its own workflow: the trigger reuses a credential read for up to SECRET_MAX_AGE_MS (see the credential-change tests).
  const noSecret = context(send, { secret: '', workflow: 'wf-no-secret' });
  const cases = [[forged, 'does not match the signing secret'], [stale, 'more than 300 seconds'], [noSecret, 'No signing secret is set']] as const;
  for (const [{ ctx, response }, reason] of cases) {
    expect(await new Trigger().webhook.call(ctx)).toEqual({ noWebhookResponse: true });
    expect(response.status).toBe(401);
    expect(response.logs.join('\n')).toContain(reason);
    expect(response.logs.join('\n')).not.toContain(secret);
  }
});

test('the kind filter: an unselected kind is answered without a run; the kind is the body\'s, not the header\'s', async () => {
  const { sends } = await signalSends('competitor');
  const filtered = await deliverAll(sends, { kinds: ['pain'] });
  expect(filtered.runs).toEqual([]);
  expect(filtered.logs.join('\n')).toContain('kind "competitor" is not selected in Kinds');
  const lying = sends.map((s) => ({ ...s, headers: { ...s.headers, 'x-dist0-signal-kind': 'pain' } }));
  expect((await deliverAll(lying, { kinds: ['pain'], workflow: 'wf2' })).runs).toEqual([]);
  expect((await deliverAll(sends, { kinds: ['competitor'], workflow: 'wf3' })).runs).toHaveLength(1);
});

test('the built files need only n8n-workflow and node:crypto at run time, share one module, and hold no zod', () => {
  const files = ['nodes/Dist0Trigger/Dist0Trigger.node.js', 'credentials/Dist0Api.credentials.js', RUNTIME_FILE];
  expect(requiresOf(out, files)).toEqual({
    'nodes/Dist0Trigger/Dist0Trigger.node.js': ['n8n-workflow', RUNTIME_FILE],
    'credentials/Dist0Api.credentials.js': [RUNTIME_FILE],
    [RUNTIME_FILE]: ['n8n-workflow', 'node:crypto'],
  });
  for (const file of files) expect(readFileSync(join(out, file), 'utf8')).not.toMatch(/\bzod\b/);
});

describe('the signing secret in the credential: one read reused for up to SECRET_MAX_AGE_MS, a changed secret honoured', () => {
  const MAX_AGE_MS = SECRET_MAX_AGE_MS;
  let base: string;
  let clock: number;
  let n = 0;

  beforeAll(async () => {
    base = (await signalSends('pain')).sends[0]!.raw.toString('utf8');
  });
  beforeEach(() => {
    clock = Date.now();
    jest.spyOn(Date, 'now').mockImplementation(() => clock);
  });
  afterEach(() => jest.restoreAllMocks());

  /** A genuine dist0 send of a new signal, signed with `key` at the (mocked) current time. */
  function signedWith(key: string): { raw: Buffer; headers: Received['headers'] } {
    const body = JSON.parse(base) as { signal: { id: string } };
    body.signal.id = `sig_cred_${++n}`;
    const raw = Buffer.from(JSON.stringify(body));
    const ts = String(Math.floor(clock / 1000));
    const signature = `v0=${createHmac('sha256', key).update(`v0:${ts}:`).update(raw).digest('hex')}`;
    return { raw, headers: { 'content-type': 'application/json', 'x-dist0-timestamp': ts, 'x-dist0-signature': signature } };
  }

  /** The credential as n8n would return it, counting reads; `current` is what is saved now. */
  function credential(first: string) {
    const store = { current: first, reads: 0, failNext: false };
    const read = jest.fn(async () => {
      store.reads++;
      if (store.failNext) {
        store.failNext = false;
        throw new Error('Credential with ID "cred1" does not exist for type "dist0Api".');
      }
      return { apiKey: 'd0k_x', signingSecret: store.current };
    });
    return { store, read };
  }

  /** 'ran' or 'refused' (401); a send refused for anything else fails the test. */
  async function deliver(send: ReturnType<typeof signedWith>, workflow: string, read: () => Promise<Record<string, unknown>>) {
    const { ctx, response } = context(send, { workflow, read });
    const result = await new Trigger().webhook.call(ctx);
    if (response.status === 401) {
      expect(response.logs.join('\n')).toContain('does not match the signing secret');
      return 'refused';
    }
    expect(result.workflowData?.[0]).toHaveLength(1);
    return 'ran';
  }

  test('deliveries within SECRET_MAX_AGE_MS share one read; the next one after it reads again', async () => {
    const { store, read } = credential('d0s_one');
    expect(await deliver(signedWith('d0s_one'), 'wf-reuse', read)).toBe('ran');
    clock += MAX_AGE_MS - 1;
    expect(await deliver(signedWith('d0s_one'), 'wf-reuse', read)).toBe('ran');
    expect(store.reads).toBe(1);
    clock += 1;
    expect(await deliver(signedWith('d0s_one'), 'wf-reuse', read)).toBe('ran');
    expect(store.reads).toBe(2);
    // Another workflow (or another credential) never shares the read.
    expect(await deliver(signedWith('d0s_one'), 'wf-reuse-2', read)).toBe('ran');
    expect(store.reads).toBe(3);
  });

  test('concurrent deliveries wait for one read instead of each making its own', async () => {
    const { store, read } = credential('d0s_one');
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => deliver(signedWith('d0s_one'), 'wf-concurrent', read)));
    expect(outcomes).toEqual(['ran', 'ran', 'ran', 'ran', 'ran']);
    expect(store.reads).toBe(1);
  });

  test('a secret changed in the credential: old-secret sends refused at most SECRET_MAX_AGE_MS after, new-secret sends run at once', async () => {
    const { store, read } = credential('d0s_old');
    expect(await deliver(signedWith('d0s_old'), 'wf-change', read)).toBe('ran');
    const readAt = clock;
    clock += 300;
    store.current = 'd0s_new'; // saved in n8n
    clock += 200;
    // The bound: within SECRET_MAX_AGE_MS of the last read the reused old secret still verifies an old-secret send.
    expect(await deliver(signedWith('d0s_old'), 'wf-change', read)).toBe('ran');
    clock = readAt + MAX_AGE_MS;
    expect(await deliver(signedWith('d0s_old'), 'wf-change', read)).toBe('refused');
    expect(store.reads).toBe(2);

    // dist0 signs with the new secret right away: the reused old one does not verify it, so it is read again.
    const other = credential('d0s_old');
    expect(await deliver(signedWith('d0s_old'), 'wf-change-2', other.read)).toBe('ran');
    other.store.current = 'd0s_new';
    clock += 10;
    expect(await deliver(signedWith('d0s_new'), 'wf-change-2', other.read)).toBe('ran');
    expect(other.store.reads).toBe(2);
    // From then on the old secret is refused, without waiting for SECRET_MAX_AGE_MS to pass.
    clock += 10;
    expect(await deliver(signedWith('d0s_old'), 'wf-change-2', other.read)).toBe('refused');
    expect(await deliver(signedWith('d0s_new'), 'wf-change-2', other.read)).toBe('ran');
  });

  test('a failed read fails the delivery (no run) and is not kept: the next delivery reads again', async () => {
    const { store, read } = credential('d0s_one');
    expect(await deliver(signedWith('d0s_one'), 'wf-fail', read)).toBe('ran');
    clock += MAX_AGE_MS;
    store.failNext = true;
    const { ctx } = context(signedWith('d0s_one'), { workflow: 'wf-fail', read });
    await expect(new Trigger().webhook.call(ctx)).rejects.toThrow('does not exist');
    expect(await deliver(signedWith('d0s_one'), 'wf-fail', read)).toBe('ran');
    expect(store.reads).toBe(3);
  });

  test('a secret removed from the credential refuses every send once the reused read is SECRET_MAX_AGE_MS old', async () => {
    const { store, read } = credential('d0s_one');
    expect(await deliver(signedWith('d0s_one'), 'wf-removed', read)).toBe('ran');
    store.current = '';
    clock += MAX_AGE_MS;
    const { ctx, response } = context(signedWith('d0s_one'), { workflow: 'wf-removed', read });
    expect(await new Trigger().webhook.call(ctx)).toEqual({ noWebhookResponse: true });
    expect(response.status).toBe(401);
    expect(response.logs.join('\n')).toContain('No signing secret is set');
  });
});
