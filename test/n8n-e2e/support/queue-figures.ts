/**
 * What the queue-mode suite measures and writes down: which process logged which execution (the proof that the webhook
 * process queued a run and the worker ran it), and what Distribu would have seen while a webhook process restarted.
 */
import { describeStatuses, type KindResult, okCount } from '../../../bench/support/load';
import type { N8nLoadReport } from '../../../bench/support/n8n-load';
import type { RecordedAnswer } from '../../../scripts/n8n/answers';

/** Execution ids in n8n log lines such as "Worker started execution 12 (job 7)" (n8n 2.40.7, scaling/*.js). */
export function executionIdsLogged(log: string, verb: 'Worker started execution' | 'Enqueued execution'): Set<string> {
  const ids = new Set<string>();
  for (const match of log.matchAll(new RegExp(`${verb} (\\d+) \\(job `, 'g'))) ids.add(match[1]!);
  return ids;
}

/** Times (ms since the epoch) of one webhook-process restart in the middle of a burst: the window's length, not a classifier. */
export interface RestartWindow {
  burstStartedAt: number;
  sigtermAt: number;
  exitedAt: number;
  readyAt: number;
  oldPid: number;
  newPid: number;
}

/**
 * What n8n 2.40.7 answers, with status 200, to ANY request while it is connected to its database but has not checked
 * its migrations yet (abstract-server.js): a starting process acknowledges a delivery it never looks at.
 */
export const STARTING_UP = 'n8n is starting up. Please wait';

/**
 * Who answered a signed delivery, as the webhook processes recorded it themselves (scripts/n8n/answers.ts): the old
 * process before its shutdown began, the old process after SIGTERM, no process (no answer, and none recorded: refused
 * or reset), the restarted process.
 */
export type Answerer = 'old' | 'stopping' | 'none' | 'starting' | 'new';
export const ANSWERERS: Answerer[] = ['old', 'stopping', 'none', 'starting', 'new'];
export const ANSWERER_LABEL: Record<Answerer, string> = {
  old: 'old process before SIGTERM',
  stopping: 'old process after SIGTERM',
  none: 'no process',
  starting: `restarted process, still starting ("${STARTING_UP}")`,
  new: 'restarted process',
};

/** What the sender saw of signed request n: its order id and the HTTP status (undefined: no answer). */
export interface SenderOutcome {
  id: string;
  status: number | undefined;
  /** The answer's body (undefined: no answer). */
  body: string | undefined;
}

/** How the signed deliveries of a burst ended, by who answered (by HTTP status; no answer = `failed`), and each one's answerer. */
export interface RestartOutcome {
  counts: Record<Answerer, { ok: number; notOk: number; statuses: Map<number, number>; failures: number }>;
  answererOf: Map<string, Answerer>;
  /**
   * Answers the sender got that no process recorded, or recorded with another status, or recorded twice: each one a
   * flaw of the recording, not of n8n (expected: none).
   */
  unaccounted: string[];
}

const isOk = (status: number | undefined) => status !== undefined && status >= 200 && status < 300;

/** Classifies every signed delivery by the process that recorded answering it (its PID and whether it was stopping). */
export function classifyAnswers(sent: Map<number, SenderOutcome>, recorded: RecordedAnswer[], pids: { oldPid: number; newPid: number }): RestartOutcome {
  const counts = Object.fromEntries(ANSWERERS.map((a) => [a, { ok: 0, notOk: 0, statuses: new Map(), failures: 0 }])) as RestartOutcome['counts'];
  const byRequest = new Map<number, RecordedAnswer[]>();
  for (const answer of recorded) byRequest.set(answer.request, [...(byRequest.get(answer.request) ?? []), answer]);
  const answererOf = new Map<string, Answerer>();
  const unaccounted: string[] = [];
  for (const [n, { id, status, body }] of sent) {
    const records = byRequest.get(n) ?? [];
    const record = records[0];
    if (records.length > 1) unaccounted.push(`request ${n}: recorded ${records.length} times`);
    if (status !== undefined && !record) unaccounted.push(`request ${n}: the sender got ${status}, no process recorded an answer`);
    if (status !== undefined && record && record.status !== status) unaccounted.push(`request ${n}: the sender got ${status}, PID ${record.pid} recorded ${record.status}`);
    if (record && record.pid !== pids.oldPid && record.pid !== pids.newPid) unaccounted.push(`request ${n}: answered by PID ${record.pid}, neither the old nor the new process`);
    const answerer: Answerer = !record
      ? 'none'
      : record.pid === pids.newPid
        ? body === STARTING_UP
          ? 'starting'
          : 'new'
        : record.stopping
          ? 'stopping'
          : 'old';
    const into = counts[answerer];
    into[isOk(status) ? 'ok' : 'notOk'] += 1;
    if (status === undefined) into.failures += 1;
    else into.statuses.set(status, (into.statuses.get(status) ?? 0) + 1);
    answererOf.set(id, answerer);
  }
  return { counts, answererOf, unaccounted };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function lost(signed: KindResult): number {
  return signed.sent - okCount(signed);
}

function answeredBy(outcome: RestartOutcome, a: Answerer): string {
  return describeStatuses(outcome.counts[a]);
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
      `**${lost(signed2)} of ${signed2.sent} deliveries failed**, each a lost event (Distribu does not retry). By who answered, as each webhook process ` +
      `recorded it itself: ${ANSWERERS.map((a) => `${ANSWERER_LABEL[a]} ${answeredBy(outcome, a)}`).join('; ')}.`,
    `- Answered 2xx but never executed (Distribu logs these as delivered, yet no run happened): **${burst2.missingIds.length}**` +
      (burst2.missingIds.length ? `, answered by: ${[...new Set(burst2.missingIds.map((id) => ANSWERER_LABEL[outcome.answererOf.get(id) ?? 'none']))].join(', ')}.` : '.') +
      ` Answered 2xx by the old process after SIGTERM: ${outcome.counts.stopping.ok}; by the restarted process while still starting: ${outcome.counts.starting.ok} (never run: n8n's placeholder answer).`,
    `- Burst 2 executions: ${JSON.stringify(burst2.executions)}; forged deliveries: ${describeStatuses(mergeKinds(forged2))} of ${sum(forged2, (r) => r.sent)}, none accepted.`,
    `- 1-minute load average at the end: ${burst2.loadAvg.toFixed(1)} (2 cores shared by PostgreSQL, Redis, three n8n processes and the senders).`,
  ].join('\n');
}
