/**
 * n8n-nodes-dist0 under load in a real n8n 2.40.7 (default settings): the packed package installed as a community
 * package, a workflow dist0 Trigger → No Operation published, and from 20 concurrent senders on loopback 2,000 signed
 * sends (2,000 signals) mixed with 200 forged ones (wrong secret, stale, no signature, a `v1=` signature: 50 each),
 * then 200 of the signals sent again as dist0 retries them (signed anew, half with the same delivery id, half with a
 * new one). Every signed send and every retry must be answered 2xx, every forged one 401, and n8n must hold exactly
 * 2,000 executions, one per signal. Bounded: 2,600 requests at most, a hard stop per phase, a bounded drain.
 * Latencies are logged, never asserted.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { N8nClient, type Execution } from '../../scripts/n8n/api';
import { productionWebhookUrl } from '../../scripts/n8n/distribu-workflow';
import { installN8n } from '../../scripts/n8n/install';
import { N8nInstance } from '../../scripts/n8n/instance';
import { dist0TriggerWorkflow, DIST0_TRIGGER_NAME } from '../../scripts/n8n/dist0-workflow';
import { packProviderPackage } from '../../scripts/n8n/pack-node';
import { describeStatuses, runLoad, type LoadResult } from '../../bench/support/load';

const MINUTE = 60_000;
const log = (line: string) => process.stderr.write(`[dist0-load] ${line}\n`);
const SECRET = 'd0s_load_test_signing_secret';
const SIGNED = 2_000;
const FORGED = 200;
const RETRIED = 200;
const CONCURRENCY = 20;
const FORGE_KINDS = ['wrong secret', 'stale', 'no signature', 'v1= prefix'] as const;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? NaN;

function send(n: number, deliveryId: string, options: { key?: string; ageSeconds?: number; prefix?: string; unsigned?: boolean } = {}) {
  const id = `sig_load_${n}`;
  const body = JSON.stringify({
    type: 'signal.created',
    project_id: 'prj_9f2a',
    signal: { id, kind: n % 2 ? 'pain' : 'competitor', quote: `Load send ${n}: where did this lead come from? 🔍`, author: `user_${n}` },
    post: { id: `post_load_${n}`, permalink: `https://reddit.com/r/agency/comments/${n}`, title: `Thread ${n}` },
  });
  const ts = String(Math.floor(Date.now() / 1000) - (options.ageSeconds ?? 0));
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-dist0-timestamp': ts, 'x-dist0-signal-kind': n % 2 ? 'pain' : 'competitor', 'x-dist0-delivery-id': deliveryId };
  if (!options.unsigned) headers['x-dist0-signature'] = `${options.prefix ?? 'v0='}${createHmac('sha256', options.key ?? SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { body, headers };
}

describe('the dist0 Trigger under load in a real n8n (default settings)', () => {
  let workDir: string;
  let n8n: N8nInstance | undefined;
  let api: N8nClient;
  let workflowId: string;
  let first: LoadResult;
  let retries: LoadResult;
  let executions: Execution[];

  beforeAll(async () => {
    await installN8n({ log });
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dist0-load-'));
    const { tarball } = await packProviderPackage('dist0', { destination: workDir, log });
    n8n = await N8nInstance.create({ log });
    await n8n.installCommunityPackage(tarball);
    await n8n.start();
    api = new N8nClient(n8n.url);
    await api.login(n8n.owner.email, n8n.owner.password);
    api.useApiKey(await api.createApiKey('dist0-load'));
    const credential = await api.createCredential({ name: 'dist0', type: 'dist0Api', data: { apiKey: 'd0k_not_called_here', baseUrl: 'http://127.0.0.1:9', signingSecret: SECRET } });
    const webhookId = `d0-load-${Date.now()}`;
    const workflow = await api.createWorkflow(dist0TriggerWorkflow({ name: 'dist0 load', credential, webhookId, kinds: ['pain', 'competitor'] }));
    workflowId = workflow.id;
    await api.publish(workflowId);
    await api.waitUntilPublished(workflowId, { timeoutMs: 2 * MINUTE });
    const url = productionWebhookUrl(n8n.webhookBaseUrl, webhookId);

    // Phase 1: the signed sends and the forged ones, interleaved (every 11th request is forged).
    const forgedAt = (n: number) => n % 11 === 10 && Math.floor(n / 11) < FORGED;
    let signedN = 0;
    let forgedN = 0;
    first = await runLoad({
      url,
      maxRequests: SIGNED + FORGED,
      concurrency: CONCURRENCY,
      hardStopMs: 10 * MINUTE,
      request: (n) => {
        if (forgedAt(n)) {
          const i = forgedN++;
          const kind = FORGE_KINDS[i % FORGE_KINDS.length]!;
          const options = kind === 'wrong secret' ? { key: 'd0s_not_the_secret' } : kind === 'stale' ? { ageSeconds: 3_600 } : kind === 'no signature' ? { unsigned: true } : { prefix: 'v1=' };
          return { ...send(100_000 + i, `dlv_forged_${i}`, options), kind };
        }
        const i = signedN++;
        return { ...send(i, `dlv_${i}`), kind: 'signed' };
      },
    });
    log(`phase 1: ${describeStatuses(first)} in ${(first.wallMs / 1000).toFixed(1)} s; p50 ${percentile(first.latencies, 50).toFixed(1)} ms, p99 ${percentile(first.latencies, 99).toFixed(1)} ms`);
    // Phase 2: dist0 sends 200 of them again (its retries sign anew; half keep the delivery id, half get a new one).
    retries = await runLoad({
      url,
      maxRequests: RETRIED,
      concurrency: CONCURRENCY,
      hardStopMs: 5 * MINUTE,
      request: (n) => ({ ...send(n * 10, n % 2 ? `dlv_${n * 10}` : `dlv_retry_${n}`), kind: 'retried' }),
    });
    log(`phase 2 (retries): ${describeStatuses(retries)} in ${(retries.wallMs / 1000).toFixed(1)} s`);

    // Drain: until n8n holds 2,000 finished executions, or nothing changed for 30 s (bounded at 5 minutes).
    const deadline = Date.now() + 5 * MINUTE;
    let last = '';
    let since = Date.now();
    for (;;) {
      const all = await api.listExecutions(workflowId);
      const done = !all.some((e) => e.status === 'running' || e.status === 'new');
      if (done && all.length >= SIGNED) break;
      const snapshot = `${all.length}:${all.filter((e) => e.status === 'success').length}`;
      if (snapshot !== last) [last, since] = [snapshot, Date.now()];
      else if (done && Date.now() - since > 30_000) break;
      if (Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    await new Promise((resolve) => setTimeout(resolve, 3000)); // time for a straggler beyond 2,000 to show up
    executions = await api.listExecutions(workflowId, { includeData: true });
  }, 30 * MINUTE);

  afterAll(async () => {
    await n8n?.dispose();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  }, 2 * MINUTE);

  test(`all ${SIGNED} signed sends and all ${RETRIED} retries are answered 2xx; nothing was cut off`, () => {
    expect([first.stoppedByTime, retries.stoppedByTime, first.failures, retries.failures]).toEqual([false, false, 0, 0]);
    expect([...first.byKind.get('signed')!.statuses]).toEqual([[200, SIGNED]]);
    expect([...retries.byKind.get('retried')!.statuses]).toEqual([[200, RETRIED]]);
  });

  test(`every one of the ${FORGED} forged sends is answered 401`, () => {
    for (const kind of FORGE_KINDS) expect({ kind, statuses: [...first.byKind.get(kind)!.statuses] }).toEqual({ kind, statuses: [[401, FORGED / FORGE_KINDS.length]] });
  });

  test(`exactly ${SIGNED} executions: one per signal, none for a forged send or a retry`, () => {
    const ids = executions.flatMap((e) => (e.data?.resultData?.runData?.[DIST0_TRIGGER_NAME] ?? []).flatMap((run) => run.data?.main?.[0] ?? []).map((item) => String(item.json.id)));
    const counts = new Map<string, number>();
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    const expected = Array.from({ length: SIGNED }, (_, i) => `sig_load_${i}`);
    expect({
      executions: executions.length,
      notSuccessful: executions.filter((e) => e.status !== 'success').length,
      missing: expected.filter((id) => !counts.has(id)).length,
      duplicates: [...counts.values()].filter((c) => c > 1).length,
      unexpected: [...counts.keys()].filter((id) => !/^sig_load_\d+$/.test(id) || Number(id.slice(9)) >= SIGNED).length,
    }).toEqual({ executions: SIGNED, notSuccessful: 0, missing: 0, duplicates: 0, unexpected: 0 });
  });
});
