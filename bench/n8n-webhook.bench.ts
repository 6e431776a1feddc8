/**
 * Benchmark 4 (slow, `npm run bench -- n8n`): webhook throughput in a real n8n 2.40.7 on loopback.
 * The packed Distribu Trigger (typeVersion 2, every delivery signed and verified) against n8n's
 * built-in Webhook node (n8n-nodes-base.webhook v2, respond on receipt), both -> No Operation, on
 * the same instance, with the same bodies and the same bounded load; under n8n's default expression
 * engine and with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true. Every answer must be 2xx and every one
 * must have started exactly one execution.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { N8nClient, type WorkflowDefinition } from '../scripts/n8n/api';
import { DISTRIBU_CREDENTIAL_TYPE, DISTRIBU_TRIGGER_VERSION, distribuWorkflow, productionWebhookUrl } from '../scripts/n8n/distribu-workflow';
import { installN8n } from '../scripts/n8n/install';
import { N8nInstance } from '../scripts/n8n/instance';
import { packN8nNode } from '../scripts/n8n/pack-node';
import { startSandbox, type Sandbox } from '../sandbox/src';
import { EVENT_HEADER, SIGNATURE_HEADER, sign } from '@distribu/shared/runtime';
import { type LoadResult, describeStatuses, mergeLoads, okCount, runLoad } from './support/load';
import { freshBody } from './support/samples';
import { summarize } from './support/stats';
import { type Cell, ms, printTable, rate, ratio } from './support/table';

const LOAD = { maxRequests: 400, concurrency: 10, hardStopMs: 120_000 };
const WARMUP = { maxRequests: 40, concurrency: 10, hardStopMs: 60_000 };
/** The 400 POSTs per workflow are sent in this many rounds, alternating the workflows. */
const ROUNDS = 4;
const EVENT = 'order.created';
const log = (line: string) => process.stderr.write(`[bench n8n] ${line}\n`);

const ENGINES: Array<{ label: string; env: Record<string, string> }> = [
  { label: 'default engine', env: {} },
  { label: 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true', env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' } },
];

interface Target {
  label: string;
  workflowId: string;
  url: string;
  secret: string;
}

interface Measured {
  engine: string;
  target: string;
  load: LoadResult;
  executions: number;
  /** 1-minute load average when the run ended: other processes on the 2 cores skew the numbers. */
  loadAvg: number;
}

function builtInWebhookWorkflow(): { definition: WorkflowDefinition; path: string } {
  const hookPath = randomUUID();
  return {
    path: hookPath,
    definition: {
      name: 'Built-in Webhook (bench)',
      nodes: [
        {
          name: 'Webhook',
          type: 'n8n-nodes-base.webhook',
          typeVersion: 2,
          position: [0, 0],
          webhookId: randomUUID(),
          parameters: { httpMethod: 'POST', path: hookPath, responseMode: 'onReceived', options: {} },
        },
        { name: 'No Operation', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
      ],
      connections: { Webhook: { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] } },
      settings: { executionOrder: 'v1' },
    },
  };
}

/** Same bytes and headers for both targets; each request carries a fresh id and timestamp and its own signature. */
function requestFor(target: Target, offset: number) {
  return (n: number) => {
    const body = freshBody(EVENT, offset + n);
    return {
      body,
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: sign(body, target.secret), [EVENT_HEADER]: EVENT },
    };
  };
}

/**
 * Waits until the workflow has `expected` executions in all and none is still running (n8n saves an
 * execution after the webhook has answered). Returns the count seen last, which may differ on a mismatch.
 */
async function settledExecutions(api: N8nClient, workflowId: string, expected: number): Promise<Set<string>> {
  const deadline = Date.now() + 90_000;
  let ids = new Set<string>();
  while (Date.now() < deadline) {
    const all = await api.listExecutions(workflowId);
    ids = new Set(all.map((e) => e.id));
    if (all.length >= expected && all.every((e) => e.status !== 'running' && e.status !== 'new')) {
      await new Promise((resolve) => setTimeout(resolve, 1000)); // a straggler beyond `expected` shows up here
      ids = new Set((await api.listExecutions(workflowId)).map((e) => e.id));
      return ids;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return ids;
}

export async function runN8nWebhook(): Promise<void> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'distribu-bench-n8n-'));
  let sandbox: Sandbox | undefined;
  let n8n: N8nInstance | undefined;
  const results: Measured[] = [];
  try {
    await installN8n({ log });
    const packed = await packN8nNode({ destination: workDir, log });
    sandbox = await startSandbox({ port: 0, seed: true });
    n8n = await N8nInstance.create({ userFolder: path.join(workDir, 'n8n'), log });
    await n8n.installCommunityPackage(packed.tarball);
    await n8n.start();
    const api = new N8nClient(n8n.url);
    await api.login(n8n.owner.email, n8n.owner.password);
    await api.createApiKey('distribu-bench');

    const credential = await api.createCredential({ name: 'Distribu sandbox', type: DISTRIBU_CREDENTIAL_TYPE, data: { apiKey: sandbox.apiKey, baseUrl: sandbox.url } });
    const distribu = distribuWorkflow({ name: 'Distribu Trigger (bench)', events: [EVENT], credential });
    const distribuId = (await api.createWorkflow(distribu.definition)).id;
    await api.publish(distribuId);
    await api.waitUntilPublished(distribuId);
    const distribuUrl = productionWebhookUrl(n8n.webhookBaseUrl, distribu.webhookId);
    // The signing secret as Distribu (the sandbox) holds it for the subscription n8n just created.
    const subscription = [...sandbox.core.store.webhooks.values()].find((w) => w.url === distribuUrl && w.isActive);
    if (!subscription) throw new Error(`The sandbox has no active subscription for ${distribuUrl}.`);

    const builtIn = builtInWebhookWorkflow();
    const builtInId = (await api.createWorkflow(builtIn.definition)).id;
    await api.publish(builtInId);
    await api.waitUntilPublished(builtInId);

    const targets: Target[] = [
      { label: `Distribu Trigger v${DISTRIBU_TRIGGER_VERSION} (signed, verified)`, workflowId: distribuId, url: distribuUrl, secret: subscription.secret },
      { label: 'built-in Webhook v2 (onReceived)', workflowId: builtInId, url: `${n8n.webhookBaseUrl}webhook/${builtIn.path}`, secret: subscription.secret },
    ];

    let offset = 0;
    /** Executions each workflow should have by now: every 2xx answer starts exactly one. */
    const totals = new Map<string, number>(targets.map((t) => [t.workflowId, 0]));
    for (const [i, engine] of ENGINES.entries()) {
      if (i > 0) await n8n.restart({ env: engine.env });
      const before = new Map<string, Set<string>>();
      for (const target of targets) {
        const warm = await runLoad({ ...WARMUP, url: target.url, request: requestFor(target, (offset += 1000)) });
        if (okCount(warm) !== warm.sent) throw new Error(`${target.label} did not answer the warm-up with 2xx: ${describeStatuses(warm)}.`);
        totals.set(target.workflowId, totals.get(target.workflowId)! + okCount(warm));
      }
      for (const target of targets) before.set(target.workflowId, await settledExecutions(api, target.workflowId, totals.get(target.workflowId)!));
      // Rounds alternate the targets (A B, B A, ...) so a burst of other work on the machine hits both alike.
      const loads = new Map<string, LoadResult[]>(targets.map((t) => [t.workflowId, []]));
      log(`${engine.label}: ${LOAD.maxRequests} POSTs to each workflow in ${ROUNDS} alternating rounds...`);
      for (let round = 0; round < ROUNDS; round++) {
        for (const target of round % 2 === 0 ? targets : [...targets].reverse()) {
          const done = loads.get(target.workflowId)!;
          const budgetMs = LOAD.hardStopMs - done.reduce((sum, l) => sum + l.wallMs, 0);
          if (budgetMs <= 0) continue;
          const perRound = Math.ceil(LOAD.maxRequests / ROUNDS);
          done.push(await runLoad({ ...LOAD, maxRequests: perRound, hardStopMs: budgetMs, url: target.url, request: requestFor(target, (offset += 1000)) }));
        }
      }
      for (const target of targets) {
        const load = mergeLoads(loads.get(target.workflowId)!);
        const seen = before.get(target.workflowId)!;
        const after = await settledExecutions(api, target.workflowId, seen.size + okCount(load));
        const executions = [...after].filter((id) => !seen.has(id)).length;
        totals.set(target.workflowId, after.size);
        results.push({ engine: engine.label, target: target.label, load, executions, loadAvg: os.loadavg()[0]! });
        log(`  ${target.label}: ${describeStatuses(load)}, ${executions} executions, ${(load.wallMs / 1000).toFixed(1)} s`);
      }
    }
  } finally {
    // Cleanup problems are reported, never allowed to hide the measurements.
    await n8n?.dispose().catch((e: unknown) => log(`Stopping n8n failed: ${String(e)}`));
    await sandbox?.close().catch((e: unknown) => log(`Closing the sandbox failed: ${String(e)}`));
    fs.rmSync(workDir, { recursive: true, force: true });
  }

  const rows: Cell[][] = results.map((r) => {
    const s = summarize(r.load.latencies);
    const rps = (okCount(r.load) / r.load.wallMs) * 1000;
    const baseline = results.find((b) => b.engine === r.engine && b.target.startsWith('built-in'))!;
    const baseRps = (okCount(baseline.load) / baseline.load.wallMs) * 1000;
    const allOk = okCount(r.load) === LOAD.maxRequests && r.executions === LOAD.maxRequests;
    return [r.engine, r.target, rate(rps), ms(s.p50), ms(s.p95), ms(s.p99), ratio(rps, baseRps), `${describeStatuses(r.load)} / ${r.executions} exec${allOk ? '' : r.load.stoppedByTime ? ' (hard stop)' : ' MISMATCH'}`, r.loadAvg.toFixed(1)];
  });
  printTable(
    '4. n8n 2.40.7 webhook throughput (trigger -> No Operation, default execution saving)',
    ['engine', 'workflow', 'req/s', 'p50', 'p95', 'p99', 'x built-in (req/s)', 'answers / executions', 'load avg'],
    rows,
    [
      `${LOAD.maxRequests} POSTs per workflow of a fresh ${EVENT} body in ${ROUNDS} rounds alternating the workflows, ${LOAD.concurrency} concurrent keep-alive senders, ${LOAD.hardStopMs / 1000} s hard stop per workflow, after ${WARMUP.maxRequests} warm-up POSTs each.`,
      'The load generator (which also signs every body) shares the 2 cores with n8n: read the ratios, not the absolute rates.',
      'load avg = 1-minute load average at the end of the row; above ~3 other work on the machine skewed that row. A hard stop aborts requests in flight, which n8n may still execute.',
    ],
  );
  const mismatch = results.filter((r) => okCount(r.load) !== LOAD.maxRequests || r.executions !== LOAD.maxRequests);
  if (mismatch.length > 0) {
    process.exitCode = 1;
    console.error(`Not every POST got a 2xx with exactly one execution: ${mismatch.map((r) => `${r.engine} / ${r.target}`).join('; ')}.`);
  }
}
