/**
 * Benchmark 4 (slow, `npm run bench -- n8n`, `n8n-dist0`, `n8n-orisha`): webhook throughput in a real n8n 2.40.7 on
 * loopback. Four workflows, each trigger -> No Operation, on ONE instance with the same bytes and headers and the
 * same bounded load: a provider's packed trigger (the provider is the parameter: Distribu's, dist0's or Orisha
 * Commerce's, every delivery checked as in production, its credential attached), a do-nothing community trigger
 * (what n8n itself charges any community trigger) with an unused credential attached and without one, and n8n's
 * built-in Webhook node (v2, respond on receipt); under n8n's default expression engine, then with
 * N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true. Every answer must be 2xx and must have started exactly one execution
 * (exit code 1 otherwise).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { N8nClient, type WorkflowDefinition } from '../scripts/n8n/api';
import { productionWebhookUrl } from '../scripts/n8n/distribu-workflow';
import { installN8n } from '../scripts/n8n/install';
import { N8nInstance } from '../scripts/n8n/instance';
import { type LoadResult, describeStatuses, mergeLoads, okCount, runLoad } from './support/load';
import { PROVIDER_TRIGGERS, type PublishedTrigger, type TriggerProvider } from './support/n8n-triggers';
import { NOOP_TRIGGER_TYPE, packNoopTrigger } from './support/noop-trigger-package';
import { treeCpuMs, waitUntilIdle } from './support/process-cpu';
import { median, medianInterval, summarize } from './support/stats';
import { type Cell, ms, printTable, rate, ratio } from './support/table';

/**
 * Rounds alternate the workflows (A B C D, D C B A, ...), so a burst of other work on the machine hits each alike;
 * each round is PER_ROUND POSTs to one workflow. `--rounds N` measures more rounds (6 by default) when the figure is
 * to be told from the noise: the per-round ratios' median then gets a narrower confidence interval.
 */
export const DEFAULT_ROUNDS = 6;
const PER_ROUND = 50;
const CONCURRENCY = 10;
/** Per workflow and engine and per round measured: at most this much sending time (100 s for the default 6 rounds). */
const HARD_STOP_MS_PER_ROUND = 100_000 / DEFAULT_ROUNDS;
const WARMUP = { maxRequests: 40, concurrency: CONCURRENCY, hardStopMs: 60_000 };
/** No round of either engine starts after this much time of measuring per round (10 minutes for 6 rounds; it takes about 5 here). */
const MEASURE_DEADLINE_MS_PER_ROUND = (10 * 60_000) / DEFAULT_ROUNDS;
/** How long to wait after a round for n8n to finish what the round started before reading its CPU time anyway. */
const IDLE_TIMEOUT_MS = 10_000;
/** Issue 14's targets (issue 23's for dist0 too): at least this share of the do-nothing trigger (default engine) and of the built-in node (lazy). */
const TARGET_RATIO = 0.95;
const log = (line: string) => process.stderr.write(`[bench n8n] ${line}\n`);

const ENGINES: Array<{ label: string; env: Record<string, string> }> = [
  { label: 'default', env: {} },
  { label: 'LAZY_ACQUIRE=true', env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' } },
];

type Kind = 'trigger' | 'noopCred' | 'noop' | 'builtIn';

interface Target {
  kind: Kind;
  label: string;
  workflowId: string;
  url: string;
}

interface Round {
  load: LoadResult;
  cpuMs: number;
}

interface Measured {
  engine: (typeof ENGINES)[number];
  target: Target;
  rounds: Round[];
  load: LoadResult;
  executions: number;
  /** 1-minute load average when the engine's rounds ended: other processes on the 2 cores skew the numbers. */
  loadAvg: number;
}

/** A trigger -> No Operation workflow. */
function plainWorkflow(name: string, trigger: { type: string; parameters: Record<string, unknown>; credentials?: Record<string, { id: string; name: string }> }): WorkflowDefinition {
  return {
    name,
    nodes: [
      { name: 'Trigger', type: trigger.type, typeVersion: 2, position: [0, 0], webhookId: randomUUID(), parameters: trigger.parameters, ...(trigger.credentials ? { credentials: trigger.credentials } : {}) },
      { name: 'No Operation', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
    ],
    connections: { Trigger: { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] } },
    settings: { executionOrder: 'v1' },
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

export async function runN8nWebhook(provider: TriggerProvider = 'distribu', rounds: number = DEFAULT_ROUNDS): Promise<void> {
  if (!Number.isInteger(rounds) || rounds < 2 || rounds > 60) throw new Error(`--rounds must be a whole number from 2 to 60 (got ${rounds}).`);
  const hardStopMs = rounds * HARD_STOP_MS_PER_ROUND;
  const under = PROVIDER_TRIGGERS[provider];
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-n8n-${provider}-`));
  let trigger: (PublishedTrigger & { close(): Promise<void> }) | undefined;
  let n8n: N8nInstance | undefined;
  const results: Measured[] = [];
  try {
    await installN8n({ log });
    const tarball = await under.pack(workDir, log);
    const noopTarball = await packNoopTrigger(workDir);
    n8n = await N8nInstance.create({ userFolder: path.join(workDir, 'n8n'), log });
    await n8n.installCommunityPackage(tarball);
    await n8n.installCommunityPackage(noopTarball);
    await n8n.start();
    const api = new N8nClient(n8n.url);
    await api.login(n8n.owner.email, n8n.owner.password);
    api.useApiKey(await api.createApiKey(`bench-${provider}`));
    trigger = await under.publish({ api, webhookBaseUrl: n8n.webhookBaseUrl });

    const builtInPath = randomUUID();
    const builtIn = plainWorkflow('Built-in Webhook (bench)', {
      type: 'n8n-nodes-base.webhook',
      parameters: { httpMethod: 'POST', path: builtInPath, responseMode: 'onReceived', options: {} },
    });
    const noop = plainWorkflow('Do-nothing community trigger (bench)', { type: NOOP_TRIGGER_TYPE, parameters: {} });
    const unused = await api.createCredential({ name: 'Unused header', type: 'httpHeaderAuth', data: { name: 'X-Unused', value: 'unused' } });
    const noopCred = plainWorkflow('Do-nothing community trigger with a credential (bench)', {
      type: NOOP_TRIGGER_TYPE,
      parameters: {},
      credentials: { httpHeaderAuth: { id: unused.id, name: unused.name } },
    });
    const builtInId = (await api.createWorkflow(builtIn)).id;
    const noopId = (await api.createWorkflow(noop)).id;
    const noopCredId = (await api.createWorkflow(noopCred)).id;
    for (const id of [builtInId, noopId, noopCredId]) {
      await api.publish(id);
      await api.waitUntilPublished(id);
    }

    // Every target gets the same bytes and headers (the provider's genuine deliveries); only the provider's trigger checks them.
    const targets: Target[] = [
      { kind: 'trigger', label: trigger.label, workflowId: trigger.workflowId, url: trigger.url },
      { kind: 'noopCred', label: 'do-nothing trigger v2 + unused credential', workflowId: noopCredId, url: productionWebhookUrl(n8n.webhookBaseUrl, noopCred.nodes[0]!.webhookId!) },
      { kind: 'noop', label: 'do-nothing community trigger v2', workflowId: noopId, url: productionWebhookUrl(n8n.webhookBaseUrl, noop.nodes[0]!.webhookId!) },
      { kind: 'builtIn', label: 'built-in Webhook v2 (onReceived)', workflowId: builtInId, url: `${n8n.webhookBaseUrl}webhook/${builtInPath}` },
    ];
    const requestFor = (_target: Target, offset: number) => trigger!.request(offset);

    let offset = 0;
    /** Executions each workflow should have by now: every 2xx answer starts exactly one. */
    const totals = new Map<string, number>(targets.map((t) => [t.workflowId, 0]));
    const deadline = Date.now() + rounds * MEASURE_DEADLINE_MS_PER_ROUND;
    for (const [i, engine] of ENGINES.entries()) {
      if (i > 0) await n8n.restart({ env: engine.env });
      const pid = n8n.pid;
      if (pid === undefined) throw new Error('n8n is not running.');
      const before = new Map<string, Set<string>>();
      for (const target of targets) {
        const warm = await runLoad({ ...WARMUP, url: target.url, request: requestFor(target, (offset += 1000)) });
        if (okCount(warm) !== warm.sent) throw new Error(`${target.label} did not answer the warm-up with 2xx: ${describeStatuses(warm)}.`);
        totals.set(target.workflowId, totals.get(target.workflowId)! + okCount(warm));
      }
      for (const target of targets) before.set(target.workflowId, await settledExecutions(api, target.workflowId, totals.get(target.workflowId)!));
      const measured = new Map<string, Round[]>(targets.map((t) => [t.workflowId, []]));
      log(`${engine.label}: ${rounds * PER_ROUND} POSTs to each workflow in ${rounds} alternating rounds...`);
      await waitUntilIdle(pid, { timeoutMs: IDLE_TIMEOUT_MS });
      for (let round = 0; round < rounds; round++) {
        for (const target of round % 2 === 0 ? targets : [...targets].reverse()) {
          const done = measured.get(target.workflowId)!;
          const budgetMs = Math.min(hardStopMs - done.reduce((sum, r) => sum + r.load.wallMs, 0), deadline - Date.now());
          if (budgetMs <= 0) continue;
          const cpuBefore = treeCpuMs(pid);
          const load = await runLoad({ concurrency: CONCURRENCY, maxRequests: PER_ROUND, hardStopMs: budgetMs, url: target.url, request: requestFor(target, (offset += 1000)) });
          // The round's CPU includes the work its requests leave behind (running and saving executions).
          if (!(await waitUntilIdle(pid, { timeoutMs: IDLE_TIMEOUT_MS }))) log(`  n8n did not go idle after a round of ${target.label}; its CPU may spill into the next round.`);
          done.push({ load, cpuMs: treeCpuMs(pid) - cpuBefore });
        }
      }
      for (const target of targets) {
        const done = measured.get(target.workflowId)!;
        const load = mergeLoads(done.map((r) => r.load));
        const seen = before.get(target.workflowId)!;
        const after = await settledExecutions(api, target.workflowId, seen.size + okCount(load));
        const executions = [...after].filter((id) => !seen.has(id)).length;
        totals.set(target.workflowId, after.size);
        results.push({ engine, target, rounds: done, load, executions, loadAvg: os.loadavg()[0]! });
        log(`  ${target.label}: ${describeStatuses(load)}, ${executions} executions, ${(load.wallMs / 1000).toFixed(1)} s`);
      }
    }
  } finally {
    // Cleanup problems are reported, never allowed to hide the measurements.
    await n8n?.dispose().catch((e: unknown) => log(`Stopping n8n failed: ${String(e)}`));
    await trigger?.close().catch((e: unknown) => log(`Closing the sandbox failed: ${String(e)}`));
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  report(results, under.id, rounds, hardStopMs);
}

const deliveriesPerSecond = (load: LoadResult) => (okCount(load) / load.wallMs) * 1000;

/** Per round: this workflow's rate over the other's in the same round (rounds skipped by a hard stop drop out). */
function roundRatios(a: Measured, b: Measured): number[] {
  return a.rounds
    .map((r, i) => (b.rounds[i] ? deliveriesPerSecond(r.load) / deliveriesPerSecond(b.rounds[i].load) : Number.NaN))
    .filter(Number.isFinite);
}

/** Median of per-round ratios, its 95 % bootstrap interval (given, or computed here) and their range. */
function rangeOf(values: number[], interval = medianInterval(values)): string {
  return `${median(values).toFixed(2)}x (95 % CI ${interval.low.toFixed(2)}-${interval.high.toFixed(2)}, rounds ${Math.min(...values).toFixed(2)}-${Math.max(...values).toFixed(2)})`;
}

/**
 * A target: met or not by the whole run's rate ratio, and whether the per-round ratios' interval clears it (then the
 * figure is above the target beyond the rounds' noise, not by the luck of one run).
 */
function verdict(what: string, whole: number, perRound: number[]): string {
  const interval = medianInterval(perRound);
  const met = whole >= TARGET_RATIO ? 'met' : 'NOT met';
  const noise = interval.low >= TARGET_RATIO ? 'its interval clears the target' : 'its interval reaches below the target: more rounds (--rounds) or runs tell';
  return `  Target >= ${TARGET_RATIO}x ${what}: ${whole.toFixed(2)}x, ${met}; per-round median ${rangeOf(perRound, interval)}, ${noise}.`;
}

function report(results: Measured[], provider: TriggerProvider, rounds: number, hardStopMs: number): void {
  const find = (engine: Measured['engine'], kind: Kind) => results.find((r) => r.engine === engine && r.target.kind === kind)!;
  const valid = (r: Measured) => r.load.failures === 0 && okCount(r.load) === r.load.sent && r.executions === okCount(r.load);
  const rows: Cell[][] = results.map((r) => {
    const s = summarize(r.load.latencies);
    const rps = deliveriesPerSecond(r.load);
    const cpuPerRequest = r.rounds.reduce((sum, x) => sum + x.cpuMs, 0) / Math.max(1, okCount(r.load));
    return [
      r.engine.label,
      r.target.label,
      rate(rps),
      ms(s.p50),
      ms(s.p99),
      ms(cpuPerRequest),
      ratio(rps, deliveriesPerSecond(find(r.engine, 'noop').load)),
      ratio(rps, deliveriesPerSecond(find(r.engine, 'noopCred').load)),
      ratio(rps, deliveriesPerSecond(find(r.engine, 'builtIn').load)),
      `${describeStatuses(r.load)} / ${r.executions} exec${valid(r) ? (r.load.sent < rounds * PER_ROUND ? ' (time limit)' : '') : r.load.stoppedByTime ? ' (hard stop)' : ' MISMATCH'}`,
      r.loadAvg.toFixed(1),
    ];
  });
  printTable(
    `4. n8n 2.40.7 webhook throughput, ${provider} (trigger -> No Operation, default execution saving)`,
    ['engine', 'workflow', 'deliveries/s', 'p50', 'p99', 'CPU/req', 'x do-nothing', 'x do-nothing+cred', 'x built-in', 'answers / executions', 'load avg'],
    rows,
    [
      `Up to ${rounds * PER_ROUND} POSTs per workflow and engine of a fresh genuine ${provider} delivery (its own event id), in ${rounds} rounds of ${PER_ROUND} alternating the workflows (A B C D, D C B A, ...), ${CONCURRENCY} concurrent keep-alive senders, ${Math.round(hardStopMs / 1000)} s hard stop per workflow and engine and no round started after ${Math.round((rounds * MEASURE_DEADLINE_MS_PER_ROUND) / 60_000)} minutes of measuring, after ${WARMUP.maxRequests} warm-up POSTs each.`,
      'Per-round ratios: the trigger\'s rate over the other workflow\'s in the same round; CI = a 95 % percentile-bootstrap interval of their median (10,000 resamples).',
      'deliveries/s = 2xx answers / sending time. CPU/req = CPU time (user + system) of the n8n process and its descendants (task runner), from /proc/<pid>/stat utime+stime+cutime+cstime before each round and once n8n is idle after it, divided by the round\'s 2xx answers.',
      'The load generator (which also signs or builds every body) shares the 2 cores with n8n: read the ratios and CPU/req, not the absolute rates.',
    ],
  );
  for (const engine of ENGINES) {
    const ours = find(engine, 'trigger');
    const per = (kind: Kind) => rangeOf(roundRatios(ours, find(engine, kind)));
    console.log(`  ${engine.label}, the ${provider} trigger's rate over the other's in the same round, median: x do-nothing ${per('noop')}; x do-nothing+cred ${per('noopCred')}; x built-in ${per('builtIn')}`);
  }
  const [defaults, lazy] = ENGINES;
  const vsNoop = deliveriesPerSecond(find(defaults!, 'trigger').load) / deliveriesPerSecond(find(defaults!, 'noop').load);
  const vsBuiltIn = deliveriesPerSecond(find(lazy!, 'trigger').load) / deliveriesPerSecond(find(lazy!, 'builtIn').load);
  console.log(verdict('the do-nothing trigger at defaults', vsNoop, roundRatios(find(defaults!, 'trigger'), find(defaults!, 'noop'))));
  console.log(verdict('the built-in Webhook with lazy acquisition', vsBuiltIn, roundRatios(find(lazy!, 'trigger'), find(lazy!, 'builtIn'))));
  const invalid = results.filter((r) => !valid(r));
  if (invalid.length > 0) {
    process.exitCode = 1;
    console.error(`Not every POST got a 2xx with exactly one execution: ${invalid.map((r) => `${r.engine.label} / ${r.target.label}`).join('; ')}.`);
  }
}
