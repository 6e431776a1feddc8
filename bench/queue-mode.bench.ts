/**
 * Benchmark 7 (slow, `npm run bench -- queue`): Distribu Trigger deliveries per second in n8n queue mode with one vs
 * two webhook processes. One cluster (PostgreSQL, Redis, main, two `n8n webhook` processes, one worker:
 * scripts/n8n/queue.ts); rounds alternate between sending every delivery to the first webhook process and spreading
 * them round robin over both (on the client: a stand-in for a load balancer). Each round publishes its own workflow
 * (own webhook and secret), sends signed and forged deliveries with the CI load test's generator, checks every answer
 * (2xx signed, 401 forged) and every execution (exactly one per signed delivery, none for a forged one), waits until
 * the worker has saved them all, then unpublishes. The figure is signed deliveries answered 2xx per second of sending.
 */
import os from 'node:os';
import { N8N_VERSION } from '../scripts/n8n/paths';
import { N8nRig } from '../scripts/n8n/rig';
import { machineTicks, treeCpuMs } from './support/process-cpu';

const cpuSeconds = (pid: number) => treeCpuMs(pid) / 1000;
import { describeStatuses, okCount } from './support/load';
import { type N8nLoadPlan, type N8nLoadReport, prepareLoadTarget, runN8nLoad } from './support/n8n-load';
import { summarize } from './support/stats';
import { printTable, rate, ratio } from './support/table';

const ROUND: N8nLoadPlan = { signed: 300, forged: 20, concurrency: 20, hardStopMs: 5 * 60_000, drainTimeoutMs: 4 * 60_000 };
/** Rounds per setting, alternated (1, 2, 1, 2, ...) so a drift of the machine's load touches both alike. */
const ROUNDS = 3;
const SETTINGS = [1, 2] as const;
const log = (line: string) => process.stderr.write(`[bench queue] ${line}\n`);

interface Round {
  processes: number;
  report: N8nLoadReport;
  perSecond: number;
  problems: string[];
  /** CPU ms per signed delivery, by part, over the whole round (sending, drain, read-back). */
  cpuMsPerDelivery: Record<Part, number>;
  /** Share of the machine's CPU time (all cores, all processes, other people's too) that was busy during the round. */
  machineBusy: number;
}

const PARTS = ['webhook', 'worker', 'main', 'postgres', 'redis', 'senders'] as const;
type Part = (typeof PARTS)[number];

function problemsOf(report: N8nLoadReport): string[] {
  const forged = Object.values(report.forged);
  return [
    report.load.stoppedByTime && 'hard stop',
    report.load.failures > 0 && `${report.load.failures} without an answer`,
    okCount(report.signed) !== ROUND.signed && `signed: ${describeStatuses(report.signed)}`,
    forged.some((r) => (r.statuses.get(401) ?? 0) !== r.sent) && 'a forged delivery was not answered 401',
    JSON.stringify(report.executions) !==
      JSON.stringify({ total: ROUND.signed, notSuccessful: 0, neverRan: 0, missing: 0, duplicates: 0, unexpected: 0, ranWithoutOk: 0 }) &&
      `executions: ${JSON.stringify(report.executions)}`,
  ].filter((p): p is string => Boolean(p));
}

export async function runQueueMode(): Promise<void> {
  const started = Date.now();
  const rig = await N8nRig.start({ name: 'bench-queue', log, queue: { webhookProcesses: 2 } });
  const rounds: Round[] = [];
  try {
    const cluster = rig.cluster!;
    const webhooks = cluster.webhooks;
    // The n8n processes themselves (not their task-runner children, idle here: no Code node), PostgreSQL with its
    // per-connection backends, Redis, and this process (the senders, which sign every body, and the read-back).
    const cpu = (): Record<Part, number> => ({
      webhook: webhooks.reduce((sum, w) => sum + cpuSeconds(w.pid!), 0),
      worker: cpuSeconds(cluster.worker.pid!),
      main: cpuSeconds(cluster.main.pid!),
      postgres: cpuSeconds(cluster.postgres.pid),
      redis: cpuSeconds(cluster.redis.pid),
      senders: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    });
    for (let i = 0; i < ROUNDS * SETTINGS.length; i++) {
      const processes = SETTINGS[i % SETTINGS.length]!;
      const target = await prepareLoadTarget(rig);
      const path = new URL(target.trigger.productionUrl).pathname;
      const urls = webhooks.slice(0, processes).map((w) => `${w.url}${path}`);
      const before = cpu();
      const machineBefore = machineTicks();
      const report = await runN8nLoad(rig, target, ROUND, log, { urls });
      const after = cpu();
      const machineAfter = machineTicks();
      const machineBusy = (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total);
      const cpuMsPerDelivery = Object.fromEntries(PARTS.map((p) => [p, ((after[p] - before[p]) * 1000) / ROUND.signed])) as Record<Part, number>;
      const perSecond = okCount(report.signed) / (report.load.wallMs / 1000);
      const problems = problemsOf(report);
      rounds.push({ processes, report, perSecond, problems, cpuMsPerDelivery, machineBusy });
      log(`round ${i + 1}: ${processes} webhook process(es), ${rate(perSecond)} signed deliveries/s${problems.length ? `; FAILED: ${problems.join('; ')}` : ''}`);
      // Frees the webhook in Distribu (the sandbox caps webhooks per company like Distribu does).
      await rig.api.unpublish(target.trigger.workflow.id);
      await rig.api.waitUntilUnpublished(target.trigger.workflow.id);
    }
  } finally {
    await rig.dispose();
  }

  const medianOf = (processes: number) => summarize(rounds.filter((r) => r.processes === processes).map((r) => r.perSecond)).p50;
  const baseline = medianOf(1);
  printTable(
    `Benchmark 7: Distribu Trigger in n8n ${N8N_VERSION} queue mode, signed deliveries answered 2xx per second (${ROUND.signed} signed + ${ROUND.forged} forged per round, ${ROUND.concurrency} senders)`,
    ['webhook processes', 'rounds (deliveries/s)', 'median', 'x 1 process', 'p50 latency', 'p95 latency', 'drain after last answer (median)', 'machine CPU busy (median)', `CPU ms per delivery (median): ${PARTS.join(' / ')}`],
    SETTINGS.map((processes) => {
      const mine = rounds.filter((r) => r.processes === processes);
      const latencies = summarize(mine.flatMap((r) => r.report.signed.latencies));
      return [
        processes,
        mine.map((r) => rate(r.perSecond)).join(', '),
        rate(medianOf(processes)),
        ratio(medianOf(processes), baseline),
        `${latencies.p50.toFixed(0)} ms`,
        `${latencies.p95.toFixed(0)} ms`,
        `${(summarize(mine.map((r) => r.report.drainMs)).p50 / 1000).toFixed(1)} s`,
        `${(summarize(mine.map((r) => r.machineBusy)).p50 * 100).toFixed(0)} %`,
        PARTS.map((p) => summarize(mine.map((r) => r.cpuMsPerDelivery[p])).p50.toFixed(0)).join(' / '),
      ];
    }),
    [
      `Every round checked (answers and executions): ${rounds.every((r) => r.problems.length === 0) ? 'all passed' : 'FAILURES above'}.`,
      `2 webhook processes: client-side round robin over both ports. Load average at the end: ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}; ` +
        `whole run ${((Date.now() - started) / 60_000).toFixed(1)} min.`,
    ],
  );
  if (rounds.some((r) => r.problems.length > 0)) process.exitCode = 1;
}
