// The dist0 sandbox's contract, over real HTTP on loopback: its read API through the provider's own
// client (dist0's capabilities, 403 for a missing, unknown or cancelled key, project-tied keys), its
// webhook settings (https only, loopback excepted; on/off; kinds), and its signed sends as dist0's
// docs describe them, checked with the docs' formula written here with node:crypto: the four headers,
// retries with growing gaps in both delivery id styles, timeouts, "given up", the failed-sends list.
import { createHmac } from 'node:crypto';
import { ApiError, normalizeWith } from '@distribu/shared/kit';
import { Dist0Client, dist0, dist0Operations, DOCUMENTED_BODY, type Page } from '@distribu/shared/providers/dist0/catalog';
import { startDist0Sandbox, type Dist0Sandbox } from '../../../sandbox/dist0/server';
import { fetchTransport, startReceiver, type Receiver } from './support/receiver';

const FAST = { attempts: 4, firstGapMs: 40, factor: 2, timeoutMs: 300 };
let sandbox: Dist0Sandbox;
let receiver: Receiver;

beforeAll(async () => {
  sandbox = await startDist0Sandbox({ retry: FAST });
  receiver = await startReceiver();
});
afterAll(async () => {
  await sandbox?.close();
  await receiver?.close();
});

/** `null`: no key at all. */
const client = (key: string | null = sandbox.apiKey, project?: string) => new Dist0Client(fetchTransport(sandbox.url, key ?? undefined), project);
async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${sandbox.url}/_sandbox${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
}
const PRJ = 'prj_9f2a';
const documentedSignature = (raw: Buffer, ts: string, secret: string) => 'v0=' + createHmac('sha256', secret).update(`v0:${ts}:${raw.toString('utf8')}`).digest('hex');
async function errorOf(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('the call did not fail');
}

describe('the read API', () => {
  test('GET /api/v1/capabilities lists every capability of the catalog', async () => {
    const list = await client().capabilities();
    expect(list.map((c) => c.name)).toEqual(dist0Operations.map((o) => o.capability));
  });

  test.each([
    ['no key', null],
    ['an unknown key', 'd0k_not_a_key'],
  ])('%s gets 403, in plain words without the key', async (_name, key) => {
    const error = await errorOf(client(key).invoke('pains.list'));
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.message]).toEqual([403, 'dist0 refused the API key: it is unknown or was cancelled. Create a key in dist0 (Settings → API keys) and use it in place of this one.']);
  });

  test('a cancelled key gets 403 from then on', async () => {
    const { body: key } = await control('POST', '/keys', { name: 'n8n' });
    expect((await client(key.key).page('pains.list')).items.length).toBeGreaterThan(0);
    await control('POST', '/keys/cancel', { key: key.key });
    const error = await errorOf(client(key.key).page('pains.list'));
    expect(error.status).toBe(403);
    expect(error.message).not.toContain(key.key);
    expect(JSON.stringify(error)).not.toContain(key.key);
  });

  test('pains.list: newest first by default, or by posts; pages with nextPage', async () => {
    const recent = await client().page<{ id: string; posts: number }>('pains.list', { pageSize: 2 });
    expect(recent.items.map((p) => p.id)).toEqual(['pain_3', 'pain_2']);
    expect(recent.nextPage).toBe(2);
    const rest = await client().page<{ id: string }>('pains.list', { pageSize: 2, page: 2 });
    expect([rest.items.map((p) => p.id), rest.nextPage]).toEqual([['pain_1'], null]);
    const byPosts = await client().page<{ id: string; posts: number }>('pains.list', { sort: 'posts' });
    expect(byPosts.items.map((p) => [p.id, p.posts])).toEqual([['pain_1', 7], ['pain_3', 5], ['pain_2', 3]]);
  });

  test('every get capability answers its record; each answer fits the catalog\'s output schema', async () => {
    const c = client();
    const checks: Array<[string, Record<string, unknown>]> = [
      ['project.list', {}], ['project.memory', {}], ['pains.get', { id: 'pain_1' }], ['pains.sources', { id: 'pain_2' }],
      ['briefs.list', {}], ['briefs.get', { id: 'brf_1' }], ['contentBriefs.list', {}], ['contentBriefs.get', { id: 'cbr_1' }],
      ['nextMoves.list', {}], ['nextMoves.get', { id: 'mv_1' }], ['runs.get', { id: 'run_1' }],
    ];
    for (const [capability, input] of checks) {
      const op = dist0Operations.find((o) => o.capability === capability)!;
      const data = await c.invoke<Record<string, unknown>>(capability, input);
      const records = op.kind === 'getMany' ? (data as unknown as Page<unknown>).items : [data];
      expect(records.length).toBeGreaterThan(0);
      for (const record of records) expect([capability, op.output.safeParse(record).success]).toEqual([capability, true]);
    }
    expect((await c.invoke<{ posts: unknown[] }>('pains.sources', { id: 'pain_2' })).posts).toHaveLength(3);
  });

  test('unknown ids, capabilities and inputs are refused in plain words', async () => {
    expect((await errorOf(client().invoke('pains.get', { id: 'pain_nope' }))).message).toBe('dist0 has nothing with that id in this project. dist0 said: No pain pain_nope in this project.');
    expect((await errorOf(client().invoke('signals.list'))).message).toBe('dist0 refused the request as invalid. dist0 said: No capability signals.list.');
    expect((await errorOf(client().invoke('pains.list', { pageSize: 500 }))).status).toBe(400);
  });

  test('a project-tied key reads its project and ignores the project selector; an untied key must name one when there are several', async () => {
    const { body: other } = await control('POST', '/projects', { name: 'Second' });
    await control('POST', '/signals', { projectId: other.id, kind: 'pain', painTitle: 'Only in the second project' });
    const { body: tied } = await control('POST', '/keys', { name: 'tied', projectId: other.id });
    const seen = await client(tied.key, PRJ).page<{ title: string }>('pains.list');
    expect(seen.items.map((p) => p.title)).toEqual(['Only in the second project']);
    expect((await client(tied.key).page<{ id: string }>('project.list')).items.map((p) => p.id)).toEqual([other.id]);
    const untied = await errorOf(client().invoke('pains.list'));
    expect([untied.status, untied.message]).toEqual([400, "dist0 refused the request as invalid. dist0 said: This key is not tied to a project: say which project to read."]);
    expect((await client(sandbox.apiKey, PRJ).page('pains.list')).items).toHaveLength(3);
  });
});

describe('webhook settings', () => {
  test.each([
    ['http://example.com/hook', 400],
    ['ftp://127.0.0.1/hook', 400],
    ['not a url', 400],
    ['https://example.com/hook', 200],
    ['http://127.0.0.1:9/hook', 200],
    ['http://localhost:9/hook', 200],
  ])('URL %s → %s (https required, plain http on loopback only)', async (url, status) => {
    const answer = await control('PUT', `/projects/${PRJ}/webhook`, { url });
    expect(answer.status).toBe(status);
    if (status === 400) expect(answer.body.error.message).toMatch(/https:\/\/|not a valid URL/);
  });

  test('sends need a URL; kinds are pain and competitor only', async () => {
    const { body: fresh } = await control('POST', '/projects', { name: 'Third' });
    expect((await control('PUT', `/projects/${fresh.id}/webhook`, { enabled: true })).body.error.message).toBe('Paste a URL before turning sends on.');
    expect((await control('PUT', `/projects/${fresh.id}/webhook`, { kinds: ['praise'] })).status).toBe(400);
    expect((await control('PUT', `/projects/${fresh.id}/webhook`, { kinds: [] })).status).toBe(400);
  });
});

describe('signed sends', () => {
  let secret: string;
  beforeAll(async () => {
    const { body } = await control('PUT', `/projects/${PRJ}/webhook`, { url: receiver.url, enabled: true, kinds: ['pain', 'competitor'] });
    secret = body.signingSecret;
    expect(secret).toMatch(/^d0s_/);
  });
  beforeEach(async () => {
    receiver.received.length = 0;
    receiver.script.length = 0;
    await control('PUT', '/retry', { ...FAST, deliveryIdStyle: 'same' });
  });
  const find = async (body: Record<string, unknown>) => {
    const { body: made } = await control('POST', '/signals', { projectId: PRJ, ...body });
    await control('POST', '/idle');
    return made as { signal: { id: string; postId: string }; sent: boolean };
  };

  test('one POST with the four headers, the documented body shape, signed as the docs say', async () => {
    const made = await find({ kind: 'competitor', quote: 'We moved off Rival — too pricey 😤' });
    expect(receiver.received).toHaveLength(1);
    const [{ raw, headers }] = receiver.received as [typeof receiver.received[0]];
    const ts = String(headers['x-dist0-timestamp']);
    expect(ts).toMatch(/^\d{10}$/);
    expect(Math.abs(Number(ts) * 1000 - Date.now())).toBeLessThan(60_000);
    expect(headers['x-dist0-signature']).toBe(documentedSignature(raw, ts, secret));
    expect(headers['x-dist0-signal-kind']).toBe('competitor');
    expect(headers['x-dist0-delivery-id']).toMatch(/^dlv_/);
    const body = JSON.parse(raw.toString('utf8'));
    expect(Object.keys(body)).toEqual(Object.keys(DOCUMENTED_BODY));
    expect(body).toMatchObject({ type: 'signal.created', project_id: PRJ, signal: { id: made.signal.id, kind: 'competitor', quote: 'We moved off Rival — too pricey 😤' } });
    // The post id is the read API's: a pushed signal and a fetched one line up.
    expect((await client(sandbox.apiKey, PRJ).invoke<{ id: string }>('posts.get', { id: body.post.id })).id).toBe(made.signal.postId);
    const item = normalizeWith(dist0.inbound, raw, headers);
    expect(item.ok && [item.item.id, item.item.dedupeKey, item.item.kind]).toEqual([made.signal.id, made.signal.id, 'competitor']);
  });

  test('off sends nothing; an unticked kind sends nothing', async () => {
    await control('PUT', `/projects/${PRJ}/webhook`, { kinds: ['pain'] });
    expect((await find({ kind: 'competitor' })).sent).toBe(false);
    await control('PUT', `/projects/${PRJ}/webhook`, { enabled: false, kinds: ['pain', 'competitor'] });
    expect((await find({ kind: 'pain' })).sent).toBe(false);
    expect(receiver.received).toHaveLength(0);
    await control('PUT', `/projects/${PRJ}/webhook`, { enabled: true });
  });

  test('a non-2xx and a timeout are retried with growing gaps, same delivery id, each try signed afresh', async () => {
    receiver.script.push(500, 'hang', 200);
    const made = await find({ kind: 'pain' });
    const attempts = (await control('GET', '/sends')).body.filter((a: { signalId: string }) => a.signalId === made.signal.id);
    expect(attempts.map((a: any) => [a.attempt, a.gapMs, a.outcome, a.reason ?? null])).toEqual([
      [1, 0, 'failed', 'HTTP 500'],
      [2, 40, 'failed', 'no answer within 300 ms'],
      [3, 80, 'delivered', null],
    ]);
    const ids = receiver.received.map((r) => r.headers['x-dist0-delivery-id']);
    expect(new Set(ids).size).toBe(1);
    for (const r of receiver.received) expect(r.headers['x-dist0-signature']).toBe(documentedSignature(r.raw, String(r.headers['x-dist0-timestamp']), secret));
    const failed = (await control('GET', `/projects/${PRJ}/failed-sends`)).body.filter((f: { signalId: string }) => f.signalId === made.signal.id);
    expect(failed.map((f: any) => [f.attempt, f.reason, f.givenUp])).toEqual([[2, 'no answer within 300 ms', false], [1, 'HTTP 500', false]]);
  });

  test('"new delivery id" style: every try has its own delivery id, the item keeps one dedupe key', async () => {
    await control('PUT', '/retry', { deliveryIdStyle: 'new' });
    receiver.script.push(503, 502, 200);
    const made = await find({ kind: 'pain' });
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.headers['x-dist0-delivery-id'])).size).toBe(3);
    const keys = receiver.received.map((r) => {
      const item = normalizeWith(dist0.inbound, r.raw, r.headers);
      return item.ok ? item.item.dedupeKey : item.message;
    });
    expect(keys).toEqual([made.signal.id, made.signal.id, made.signal.id]);
  });

  test('after the last attempt the send is given up and listed so', async () => {
    receiver.script.push(500, 500, 500, 500);
    const made = await find({ kind: 'pain' });
    expect(receiver.received).toHaveLength(FAST.attempts);
    const attempts = (await control('GET', '/sends')).body.filter((a: { signalId: string }) => a.signalId === made.signal.id);
    expect(attempts.map((a: any) => [a.gapMs, a.outcome])).toEqual([[0, 'failed'], [40, 'failed'], [80, 'failed'], [160, 'given-up']]);
    const failed = (await control('GET', `/projects/${PRJ}/failed-sends`)).body.filter((f: { signalId: string }) => f.signalId === made.signal.id);
    expect(failed[0]).toMatchObject({ attempt: 4, reason: 'HTTP 500', givenUp: true });
    expect(failed).toHaveLength(4);
  });

  test('a new signing secret signs the next send; the old one no longer verifies', async () => {
    const { body } = await control('POST', `/projects/${PRJ}/webhook/secret`);
    expect(body.signingSecret).not.toBe(secret);
    await find({ kind: 'pain' });
    const [{ raw, headers }] = receiver.received as [typeof receiver.received[0]];
    const ts = String(headers['x-dist0-timestamp']);
    expect(headers['x-dist0-signature']).toBe(documentedSignature(raw, ts, body.signingSecret));
    expect(headers['x-dist0-signature']).not.toBe(documentedSignature(raw, ts, secret));
    secret = body.signingSecret;
  });
});
