/**
 * What the queue-mode suite measures and writes down: which process logged which execution (the proof that the webhook
 * process queued a run and the worker ran it), and what Distribu would have seen while a webhook process restarted.
 */
import { describeStatuses, type KindResult, okCount } from '../../../bench/support/load';
import type { N8nLoadReport } from '../../../bench/support/n8n-load';

/** Execution ids in n8n log lines such as "Worker started execution 12 (job 7)" (n8n 2.40.7, scaling/*.js). */
export function executionIdsLogged(log: string, verb: 'Worker started execution' | 'Enqueued execution'): Set<string> {
  const ids = new Set<string>();
  for (const match of log.matchAll(new RegExp(`${verb} (\\d+) \\(job `, 'g'))) ids.add(match[1]!);
  return ids;
}

/** Times (ms since the epoch) of one webhook-process restart in the middle of a burst. */
export interface RestartWindow {
  burstStartedAt: number;
  sigtermAt: number;
  exitedAt: number;
  readyAt: number;
  oldPid?: number;
  newPid?: number;
}

/** When an answer came: before SIGTERM, while the old process was stopping, while none ran, after the new one was ready. */
export type RestartPhase = 'before' | 'stopping' | 'down' | 'after';
export const PHASES: RestartPhase[] = ['before', 'stopping', 'down', 'after'];

/** How the signed deliveries of a burst ended, by phase (answers by HTTP status; no answer = `failed`), and each one's phase. */
export interface RestartOutcome {
  counts: Record<RestartPhase, { ok: number; notOk: number; statuses: Map<number, number>; failures: number }>;
  phaseOf: Map<string, RestartPhase>;
}

export function emptyOutcome(): RestartOutcome {
  const counts = Object.fromEntries(PHASES.map((p) => [p, { ok: 0, notOk: 0, statuses: new Map(), failures: 0 }])) as RestartOutcome['counts'];
  return { counts, phaseOf: new Map() };
}

function phaseAt(window: Partial<RestartWindow>, at: number): RestartPhase {
  if (window.sigtermAt === undefined || at < window.sigtermAt) return 'before';
  if (window.exitedAt === undefined || at < window.exitedAt) return 'stopping';
  if (window.readyAt === undefined || at < window.readyAt) return 'down';
  return 'after';
}

/** Counts a signed delivery's answer (status, or undefined for no answer) by when it came. */
export function countAnswer(outcome: RestartOutcome, window: Partial<RestartWindow>, id: string, status: number | undefined, at: number): void {
  const phase = phaseAt(window, at);
  const ok = status !== undefined && status >= 200 && status < 300;
  const counts = outcome.counts[phase];
  counts[ok ? 'ok' : 'notOk'] += 1;
  if (status === undefined) counts.failures += 1;
  else counts.statuses.set(status, (counts.statuses.get(status) ?? 0) + 1);
  outcome.phaseOf.set(id, phase);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function lost(signed: KindResult): number {
  return signed.sent - okCount(signed);
}

function phase(outcome: RestartOutcome, p: RestartPhase): string {
  return describeStatuses(outcome.counts[p]);
}

function mergeKinds(results: KindResult[]): Pick<KindResult, 'statuses' | 'failures'> {
  const statuses = new Map<number, number>();
  for (const r of results) for (const [status, count] of r.statuses) statuses.set(status, (statuses.get(status) ?? 0) + count);
  return { statuses, failures: results.reduce((total, r) => total + r.failures, 0) };
}

export function queueModeMarkdown(input: {
  n8nVersion: string;
  postgresVersion: string;
  burst1: N8nLoadReport;
  burst1Seconds: number;
  burst2: N8nLoadReport;
  window: RestartWindow;
  outcome: RestartOutcome;
}): string {
  const { burst1, burst2, window, outcome } = input;
  const signed2 = burst2.signed;
  const forged1 = Object.values(burst1.forged);
  const forged2 = Object.values(burst2.forged);
  const sum = (list: KindResult[], pick: (r: KindResult) => number) => list.reduce((total, r) => total + pick(r), 0);
  return [
    '## Queue mode: main + webhook process + worker',
    '',
    `n8n ${input.n8nVersion} with EXECUTIONS_MODE=queue: PostgreSQL ${input.postgresVersion}, Redis, one main process (API, activation), ` +
      'one `n8n webhook` process (the only one serving production webhooks) and one `n8n worker`, all on loopback ' +
      '(`test/n8n-e2e/queue-mode.e2e.test.ts`). Distribu Trigger -> No Operation; deliveries go to the webhook process.',
    '',
    `- Burst 1: ${burst1.plan.signed} signed + ${burst1.plan.forged} forged deliveries, ${burst1.plan.concurrency} concurrent senders: ` +
      `signed ${describeStatuses(burst1.signed)}, forged ${sum(forged1, (r) => r.statuses.get(401) ?? 0)} x 401 of ${sum(forged1, (r) => r.sent)} ` +
      `in ${seconds(burst1.load.wallMs)} (${(okCount(burst1.signed) / (burst1.load.wallMs / 1000)).toFixed(1)} signed deliveries/s); ` +
      `every execution saved ${seconds(burst1.drainMs)} after the last answer; executions read back: ${JSON.stringify(burst1.executions)}. ` +
      `Whole burst with its checks: ${input.burst1Seconds.toFixed(0)} s.`,
    `- Burst 2: ${burst2.plan.signed} signed + ${burst2.plan.forged} forged deliveries paced at ${burst2.plan.ratePerSecond} per second; ` +
      `the webhook process got SIGTERM ${seconds(window.sigtermAt - window.burstStartedAt)} into the burst, exited ${seconds(window.exitedAt - window.sigtermAt)} later and was ready again ${seconds(window.readyAt - window.exitedAt)} after that: ` +
      `a window of **${seconds(window.readyAt - window.sigtermAt)}**.`,
    `- What Distribu would have seen (signed deliveries): ${describeStatuses(signed2)} ("failed" = no answer: connection refused or reset). ` +
      `**${lost(signed2)} of ${signed2.sent} deliveries failed**, each a lost event (Distribu does not retry). By when the answer came: ` +
      `before SIGTERM ${phase(outcome, 'before')}; old process stopping ${phase(outcome, 'stopping')}; no process ready ${phase(outcome, 'down')}; new process ready ${phase(outcome, 'after')}.`,
    `- Answered 2xx but never executed (Distribu logs these as delivered, yet no run happened): **${burst2.missingIds.length}**` +
      (burst2.missingIds.length ? `, answered in phase ${[...new Set(burst2.missingIds.map((id) => outcome.phaseOf.get(id)))].join(', ')}.` : '.'),
    `- Burst 2 executions: ${JSON.stringify(burst2.executions)}; forged deliveries: ${describeStatuses(mergeKinds(forged2))} of ${sum(forged2, (r) => r.sent)}, none accepted.`,
    `- 1-minute load average at the end: ${burst2.loadAvg.toFixed(1)} (2 cores shared by PostgreSQL, Redis, three n8n processes and the senders).`,
  ].join('\n');
}
