/**
 * n8n-nodes-dist0 in a real n8n 2.40.7: the generated package built, packed and installed as a community package,
 * a workflow dist0 Trigger (Kinds: buyer pains) → No Operation published, and the dist0 sandbox sending to it over
 * real HTTP on loopback through a "lossy" proxy that hands each send to n8n and then answers dist0 with an error for
 * the first attempts (the answer lost on the way: what makes dist0 retry a send n8n already ran). Retries in both
 * delivery id styles → exactly one execution per signal; a competitor mention → none; forged and stale sends → 401
 * with the reason in n8n's log; a signing secret changed in the credential (through n8n's API) → the new secret works
 * at once and the old one is refused within the trigger's reuse bound. Timings are logged, never asserted.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { N8nClient, type Credential } from '../../scripts/n8n/api';
import { installN8n } from '../../scripts/n8n/install';
import { N8nInstance } from '../../scripts/n8n/instance';
import { productionWebhookUrl } from '../../scripts/n8n/distribu-workflow';
import { dist0TriggerWorkflow, DIST0_TRIGGER_NAME } from '../../scripts/n8n/dist0-workflow';
import { packProviderPackage } from '../../scripts/n8n/pack-node';
import { waitFor } from '../../scripts/wait';
import { startDist0Sandbox, type Dist0Sandbox } from '../../sandbox/dist0/server';
import { SECRET_MAX_AGE_MS } from '../../n8n-node/src/trigger/credential-secret';

const MINUTE = 60_000;
const log = (line: string) => process.stderr.write(`[dist0-e2e] ${line}\n`);

describe('dist0 Trigger in a real n8n 2.x', () => {
  let workDir: string;
  let n8n: N8nInstance | undefined;
  let api: N8nClient;
  let sandbox: Dist0Sandbox;
  let proxy: FastifyInstance;
  let proxyUrl: string;
  let productionUrl: string;
  let workflowId: string;
  let secret: string;
  let credentialId: string;
  /** Answers the proxy gives dist0 after n8n had each send (then 200). */
  const lostAnswers: number[] = [];

  beforeAll(async () => {
    await installN8n({ log });
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dist0-e2e-'));
    const { tarball } = await packProviderPackage('dist0', { destination: workDir, log });

    sandbox = await startDist0Sandbox({ retry: { attempts: 4, firstGapMs: 300, factor: 2, timeoutMs: 30_000 } });
    n8n = await N8nInstance.create({ log });
    await n8n.installCommunityPackage(tarball);
    await n8n.start();
    api = new N8nClient(n8n.url);
    await api.login(n8n.owner.email, n8n.owner.password);
    api.useApiKey(await api.createApiKey('dist0-e2e'));

    const hook = await control('GET', '/projects/prj_9f2a/webhook');
    secret = hook.signingSecret;
    const credential: Credential = await api.createCredential({ name: 'dist0', type: 'dist0Api', data: { apiKey: sandbox.apiKey, baseUrl: sandbox.url, signingSecret: secret } });
    const webhookId = `d0-${Date.now()}`;
    const workflow = await api.createWorkflow(dist0TriggerWorkflow({ name: 'dist0 pains', credential, webhookId, kinds: ['pain'] }));
    credentialId = credential.id;
    workflowId = workflow.id;
    await api.publish(workflowId);
    await api.waitUntilPublished(workflowId, { timeoutMs: 2 * MINUTE });
    productionUrl = productionWebhookUrl(n8n.webhookBaseUrl, webhookId);

    // The lossy proxy: every send reaches n8n unchanged (raw bytes, dist0's headers); dist0 gets the scripted answer.
    proxy = Fastify({ logger: false, forceCloseConnections: true });
    proxy.removeAllContentTypeParsers();
    proxy.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    proxy.post('/hook', async (request, reply) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      for (const [k, v] of Object.entries(request.headers)) if (k.startsWith('x-dist0-')) headers[k] = String(v);
      const answer = await fetch(productionUrl, { method: 'POST', headers, body: request.body as Buffer, signal: AbortSignal.timeout(60_000) });
      await answer.arrayBuffer();
      return reply.code(lostAnswers.shift() ?? answer.status).send({});
    });
    await proxy.listen({ port: 0, host: '127.0.0.1' });
    const address = proxy.server.address();
    proxyUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
    await control('PUT', '/projects/prj_9f2a/webhook', { url: proxyUrl, enabled: true });
  }, 25 * MINUTE);

  afterAll(async () => {
    await proxy?.close();
    await sandbox?.close();
    await n8n?.dispose();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  }, 2 * MINUTE);

  async function control(method: string, p: string, body?: unknown) {
    const response = await fetch(`${sandbox.url}/_sandbox${p}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return (await response.json()) as any;
  }
  const executions = () => api.listExecutions(workflowId, { includeData: true });
  const itemsOf = (e: Awaited<ReturnType<typeof executions>>[number]) =>
    (e.data?.resultData?.runData?.[DIST0_TRIGGER_NAME] ?? []).flatMap((run) => run.data?.main?.[0] ?? []).map((i) => i.json);
  /** Runs whose item is this signal, once every send of it settled and n8n saved its executions. */
  async function runsOf(signalId: string, settle = 2_000) {
    await control('POST', '/idle');
    await new Promise((r) => setTimeout(r, settle));
    return waitFor(`executions saved for ${signalId}`, async () => {
      const all = await executions();
      if (all.some((e) => e.status === 'running' || e.status === 'new')) return undefined;
      return all.filter((e) => itemsOf(e).some((item) => item.id === signalId));
    });
  }

  test.each(['same', 'new'] as const)('a send retried twice ("%s" delivery id) runs exactly once', async (style) => {
    await control('PUT', '/retry', { deliveryIdStyle: style });
    lostAnswers.push(500, 502);
    const made = await control('POST', '/signals', { projectId: 'prj_9f2a', kind: 'pain' });
    const runs = await runsOf(made.signal.id);
    const attempts = (await control('GET', '/sends')).filter((a: { signalId: string }) => a.signalId === made.signal.id);
    expect(attempts.map((a: { outcome: string }) => a.outcome)).toEqual(['failed', 'failed', 'delivered']);
    expect(new Set(attempts.map((a: { deliveryId: string }) => a.deliveryId)).size).toBe(style === 'same' ? 1 : 3);
    expect(runs).toHaveLength(1);
    expect(itemsOf(runs[0]!)).toEqual([expect.objectContaining({ id: made.signal.id, dedupeKey: made.signal.id, kind: 'pain', projectId: 'prj_9f2a', event: 'signal.created' })]);
    expect(n8n!.logSinceStart()).toContain(`event ${made.signal.id} was already received`);
  }, 5 * MINUTE);

  test('a competitor mention (not in Kinds) is answered 200 and starts nothing', async () => {
    const made = await control('POST', '/signals', { projectId: 'prj_9f2a', kind: 'competitor' });
    expect(await runsOf(made.signal.id)).toEqual([]);
    const attempts = (await control('GET', '/sends')).filter((a: { signalId: string }) => a.signalId === made.signal.id);
    expect(attempts.map((a: { outcome: string; status: number }) => [a.outcome, a.status])).toEqual([['delivered', 200]]);
  }, 2 * MINUTE);

  test('forged and stale sends get 401 and a logged reason, and start nothing', async () => {
    const before = (await executions()).length;
    const body = JSON.stringify({ type: 'signal.created', project_id: 'prj_9f2a', signal: { id: 'sig_forged', kind: 'pain', quote: 'x', author: 'y' }, post: { id: 'post_x', permalink: 'https://x', title: 't' } });
    const now = String(Math.floor(Date.now() / 1000));
    const old = String(Math.floor(Date.now() / 1000) - 3600);
    const sign = (ts: string, key: string) => `v0=${createHmac('sha256', key).update(`v0:${ts}:${body}`).digest('hex')}`;
    const post = (headers: Record<string, string>) => fetch(productionUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    expect((await post({ 'x-dist0-timestamp': now, 'x-dist0-signature': sign(now, 'd0s_not_the_secret') })).status).toBe(401);
    expect((await post({ 'x-dist0-timestamp': old, 'x-dist0-signature': sign(old, secret) })).status).toBe(401);
    expect((await post({ 'x-dist0-timestamp': now })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await executions()).length).toBe(before);
    const logged = n8n!.logSinceStart();
    expect(logged).toContain('The signature does not match the signing secret');
    expect(logged).toContain('more than 300 seconds');
    expect(logged).toContain('The send has no X-Dist0-Signature header');
    expect(logged).not.toContain(secret);
  }, 2 * MINUTE);
  test('a secret changed in the credential: the new secret works at once, the old one is refused (at the latest a second after the save)', async () => {
    const body = JSON.stringify({ type: 'signal.created', project_id: 'prj_9f2a', signal: { id: 'sig_old_secret', kind: 'pain', quote: 'x', author: 'y' }, post: { id: 'post_x', permalink: 'https://x', title: 't' } });
    const postSignedWith = async (key: string) => {
      const ts = String(Math.floor(Date.now() / 1000));
      const signature = `v0=${createHmac('sha256', key).update(`v0:${ts}:${body}`).digest('hex')}`;
      return (await fetch(productionUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-dist0-timestamp': ts, 'x-dist0-signature': signature }, body })).status;
    };
    /** dist0 makes a new secret (Settings → Signing secret), the user saves it in the n8n credential. */
    const changeSecret = async () => {
      const next: string = (await control('POST', '/projects/prj_9f2a/webhook/secret')).signingSecret;
      await api.updateCredentialData(credentialId, { signingSecret: next });
      return next;
    };
    await control('PUT', '/retry', { deliveryIdStyle: 'same' });
    const first = secret;
    const second = await changeSecret();
    // The first send dist0 signs with the new secret runs, on its first attempt.
    const made = await control('POST', '/signals', { projectId: 'prj_9f2a', kind: 'pain' });
    expect(await runsOf(made.signal.id)).toHaveLength(1);
    const attempts = (await control('GET', '/sends')).filter((a: { signalId: string }) => a.signalId === made.signal.id);
    expect(attempts.map((a: { outcome: string; status: number }) => [a.outcome, a.status])).toEqual([['delivered', 200]]);
    expect(await postSignedWith(first)).toBe(401);

    // No send in between: an old-secret send is refused once the trigger's last read is SECRET_MAX_AGE_MS old.
    const before = (await executions()).length;
    expect(await postSignedWith(second)).toBe(200); // verified with the credential's secret, and runs
    await changeSecret();
    await new Promise((r) => setTimeout(r, SECRET_MAX_AGE_MS));
    expect(await postSignedWith(second)).toBe(401);
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await executions()).length).toBe(before + 1);
    expect(n8n!.logSinceStart()).not.toContain(second);
  }, 3 * MINUTE);
});
