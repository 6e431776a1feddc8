/**
 * Load on the Distribu Trigger in a real n8n at n8n's default settings: signed deliveries (each a distinct
 * Distribu-shaped envelope, so each has its own event id) mixed evenly with forged ones, from concurrent keep-alive
 * senders on loopback. Afterwards every execution is read back through n8n's public API (all pages) and matched to
 * the signed deliveries: each must have started exactly one execution, and no forged one any.
 * Used by the CI-sized jest test (test/n8n-e2e/load.e2e.test.ts) and by `npm run load:n8n` (bench/n8n-load.ts).
 */
import os from 'node:os';
import type { N8nRig, PublishedTrigger } from '../../scripts/n8n/rig';
import { ANSWER_ID_HEADER } from '../../scripts/n8n/answers';
import { triggerItems } from '../../scripts/n8n/distribu-workflow';
import { EVENT_HEADER, SIGNATURE_HEADER, getEvent, sign } from '@distribu/shared/runtime';
import { type KindResult, type LoadResult, describeStatuses, okCount, runLoad } from './load';
import { freshBody } from './samples';
import { summarize } from './stats';
import { ms, rate } from './table';

export const LOAD_EVENT = 'order.created';

/** How the forged deliveries are made; each kind gets an equal share. */
export const FORGE_KINDS = {
  'wrong-signature': 'signed with a secret Distribu never issued',
  'old-secret': 'signed, in X-Webhook-Signature, with the secret of the webhook this workflow held before (deleted in Distribu)',
  'missing-signature': 'no signature header at all',
  'tampered-body': "the body's total changed after it was signed with the right secret",
} as const;
export type ForgeKind = keyof typeof FORGE_KINDS;
const KINDS = Object.keys(FORGE_KINDS) as ForgeKind[];

export interface N8nLoadPlan {
  signed: number;
  forged: number;
  concurrency: number;
  /** Aborts whatever is still in flight after this long. */
  hardStopMs: number;
  /** How long n8n may take to save the executions after the last answer. */
  drainTimeoutMs: number;
  /** Paced: at most this many deliveries start per second, like events arriving (default: as fast as n8n answers). */
  ratePerSecond?: number;
}

export interface N8nLoadRunOptions {
  /** Where the deliveries go instead of the trigger's production URL (several: round robin, e.g. two webhook processes). */
  urls?: string[];
  /** Runs alongside the deliveries (e.g. a restart of the process that receives them) and is awaited before the drain. */
  during?: () => Promise<unknown>;
  /** Told how request n ended (HTTP status and body, or undefined when no answer came) and, for a signed delivery, its order id. */
  onAnswer?(n: number, status: number | undefined, signedId: string | undefined, body: string | undefined): void;
}

export const CI_LOAD: N8nLoadPlan = { signed: 2_000, forged: 200, concurrency: 20, hardStopMs: 15 * 60_000, drainTimeoutMs: 3 * 60_000 };
export const FULL_LOAD: N8nLoadPlan = { signed: 10_000, forged: 1_000, concurrency: 20, hardStopMs: 75 * 60_000, drainTimeoutMs: 10 * 60_000 };

export interface LoadTarget {
  trigger: PublishedTrigger;
  secret: string;
  /** A secret this workflow's webhook really had before it was replaced: a leaked old secret. */
  oldSecret: string;
}

export interface ExecutionCheck {
  total: number;
  /** Executions whose status is not `success`. */
  notSuccessful: number;
  /** Executions that hold no trigger item: created, never run (a webhook process stopping between saving and queueing one, say). */
  neverRan: number;
  /** Signed deliveries answered 2xx with no execution (an event n8n acknowledged and lost). */
  missing: number;
  /** Signed deliveries with more than one execution (extra executions counted). */
  duplicates: number;
  /** Executions whose item matches no signed delivery (a forged one ran). */
  unexpected: number;
  /** Executions of signed deliveries that were not answered 2xx (Distribu counted them lost, yet they ran). */
  ranWithoutOk: number;
}

export interface N8nLoadReport {
  plan: N8nLoadPlan;
  load: LoadResult;
  signed: KindResult;
  forged: Record<ForgeKind, KindResult>;
  executions: ExecutionCheck;
  /** Order ids of the signed deliveries answered 2xx that have no execution (`executions.missing` of them). */
  missingIds: string[];
  /** From the last answer until every execution was saved. */
  drainMs: number;
  loadAvg: number;
}

const EMPTY: KindResult = { sent: 0, statuses: new Map(), failures: 0, latencies: [] };

/**
 * Publishes a workflow on LOAD_EVENT, then unpublishes and publishes it again: n8n deletes the first webhook and
 * registers a new one, so the first secret is a real, now-dead secret of this very URL.
 */
export async function prepareLoadTarget(rig: N8nRig): Promise<LoadTarget> {
  const trigger = await rig.publishTrigger({ name: 'Distribu load', events: [LOAD_EVENT] });
  const oldSecret = (await rig.storedState(trigger.workflow.id)).webhookSecret;
  await rig.api.unpublish(trigger.workflow.id);
  await rig.api.waitUntilUnpublished(trigger.workflow.id);
  await rig.api.publish(trigger.workflow.id);
  await rig.api.waitUntilPublished(trigger.workflow.id);
  const secret = (await rig.storedState(trigger.workflow.id)).webhookSecret;
  if (!oldSecret || !secret || oldSecret === secret) throw new Error('Re-publishing did not give the workflow a new signing secret.');
  const hooks = (await rig.controls.webhooks()).filter((h) => h.url === trigger.productionUrl);
  if (hooks.length !== 1) throw new Error(`Expected one webhook at ${trigger.productionUrl}, found ${hooks.length}.`);
  return { trigger, secret, oldSecret };
}

/** Spreads `forged` requests evenly over `total`: request n is forged when the running share steps up at n. */
function forgedIndex(n: number, forged: number, total: number): number | undefined {
  const before = Math.floor((n * forged) / total);
  const after = Math.floor(((n + 1) * forged) / total);
  return after > before ? before : undefined;
}

/** The order id of each signed delivery, by request number, and which of them were answered 2xx. */
interface SignedDeliveries {
  ids: Map<number, string>;
  ok: Set<string>;
}

function request(target: LoadTarget, plan: N8nLoadPlan, signed: SignedDeliveries) {
  const total = plan.signed + plan.forged;
  return (n: number) => {
    const body = freshBody(LOAD_EVENT, n);
    // The request number lets a process that records its answers (scripts/n8n/answers.ts) say which ones it answered.
    const headers: Record<string, string> = { 'content-type': 'application/json', [EVENT_HEADER]: LOAD_EVENT, [ANSWER_ID_HEADER]: String(n) };
    const index = forgedIndex(n, plan.forged, total);
    if (index === undefined) {
      signed.ids.set(n, String((JSON.parse(body) as { data: { id: string } }).data.id));
      return { body, headers: { ...headers, [SIGNATURE_HEADER]: sign(body, target.secret) }, kind: 'signed' };
    }
    const kind = KINDS[index % KINDS.length]!;
    switch (kind) {
      case 'wrong-signature':
        return { body, headers: { ...headers, [SIGNATURE_HEADER]: sign(body, 'whsec_never-issued-by-distribu') }, kind };
      case 'old-secret':
        return { body, headers: { ...headers, [SIGNATURE_HEADER]: sign(body, target.oldSecret) }, kind };
      case 'missing-signature':
        return { body, headers, kind };
      case 'tampered-body': {
        const tampered = body.replace(/"total":\s*[0-9.]+/, '"total":0.01');
        if (tampered === body) throw new Error('The load body has no total to tamper with.');
        return { body: tampered, headers: { ...headers, [SIGNATURE_HEADER]: sign(body, target.secret) }, kind };
      }
    }
  };
}

/** How long the executions must stay unchanged, none running, before a drain that is still short gives up waiting. */
const SETTLED_MS = 30_000;

/**
 * Waits until n8n has saved at least `expected` executions of the workflow and none is still running, or until nothing
 * has changed for SETTLED_MS with none running (an acknowledged delivery whose run was lost never shows up; waiting for
 * it the whole timeout would only slow the report of it).
 */
async function drained(rig: N8nRig, workflowId: string, expected: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  let unchangedSince = Date.now();
  for (;;) {
    const all = await rig.api.listExecutions(workflowId);
    const unfinished = all.filter((e) => e.status === 'running' || e.status === 'new');
    if (all.length >= expected && unfinished.length === 0) return;
    const snapshot = all.map((e) => `${e.id}:${e.status}`).join(',');
    if (snapshot !== last) [last, unchangedSince] = [snapshot, Date.now()];
    else if (!all.some((e) => e.status === 'running') && Date.now() - unchangedSince >= SETTLED_MS) return;
    if (Date.now() > deadline) return; // the check that follows reports what is missing
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Reads every execution with its data and matches each one's item to the signed deliveries. */
async function checkExecutions(rig: N8nRig, workflowId: string, signed: SignedDeliveries): Promise<{ check: ExecutionCheck; missingIds: string[] }> {
  const idKey = getEvent(LOAD_EVENT)!.idKey!;
  const signedIds = new Set(signed.ids.values());
  const executions = await rig.api.listExecutions(workflowId, { includeData: true });
  const seen = new Map<string, number>();
  let unexpected = 0;
  let neverRan = 0;
  for (const execution of executions) {
    const items = triggerItems(execution);
    if (items.length === 0) neverRan++;
    for (const item of items) {
      const id = String(item[idKey]);
      if (signedIds.has(id)) seen.set(id, (seen.get(id) ?? 0) + 1);
      else unexpected++;
    }
  }
  const missingIds = [...signed.ok].filter((id) => !seen.has(id));
  const check = {
    total: executions.length,
    notSuccessful: executions.filter((e) => e.status !== 'success').length,
    neverRan,
    missing: missingIds.length,
    duplicates: [...seen.values()].reduce((sum, count) => sum + count - 1, 0),
    unexpected,
    ranWithoutOk: [...seen.keys()].filter((id) => !signed.ok.has(id)).length,
  };
  return { check, missingIds };
}

export async function runN8nLoad(
  rig: N8nRig,
  target: LoadTarget,
  plan: N8nLoadPlan,
  log: (line: string) => void,
  options: N8nLoadRunOptions = {},
): Promise<N8nLoadReport> {
  const workflowId = target.trigger.workflow.id;
  const before = (await rig.api.listExecutions(workflowId)).length;
  if (before !== 0) throw new Error(`The load workflow already has ${before} executions.`);
  const signed: SignedDeliveries = { ids: new Map(), ok: new Set() };
  const urls = options.urls ?? [target.trigger.productionUrl];
  log(
    `${plan.signed} signed + ${plan.forged} forged deliveries, ${plan.concurrency} concurrent senders` +
      `${plan.ratePerSecond ? `, at most ${plan.ratePerSecond}/s` : ''}${urls.length > 1 ? `, round robin over ${urls.length} URLs` : ''}...`,
  );
  const [load] = await Promise.all([
    runLoad({
      url: urls,
      maxRequests: plan.signed + plan.forged,
      concurrency: plan.concurrency,
      hardStopMs: plan.hardStopMs,
      ratePerSecond: plan.ratePerSecond,
      request: request(target, plan, signed),
      onAnswer: (n, status, body) => {
        const id = signed.ids.get(n);
        if (id !== undefined && status !== undefined && status >= 200 && status < 300) signed.ok.add(id);
        options.onAnswer?.(n, status, id, body);
      },
    }),
    options.during?.(),
  ]);
  log(`answers: ${describeStatuses(load)} in ${(load.wallMs / 1000).toFixed(1)} s${load.stoppedByTime ? ' (hard stop)' : ''}`);
  const drainStarted = Date.now();
  // Only deliveries answered 2xx can have started an execution (n8n answers "on receipt", after queueing the run).
  await drained(rig, workflowId, signed.ok.size, plan.drainTimeoutMs);
  const drainMs = Date.now() - drainStarted;
  // A straggler beyond the expected count (a forged delivery that ran late, say) has time to show up.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const { check: executions, missingIds } = await checkExecutions(rig, workflowId, signed);
  log(`executions: ${JSON.stringify(executions)}`);
  const forged = Object.fromEntries(KINDS.map((kind) => [kind, load.byKind.get(kind) ?? EMPTY])) as Record<ForgeKind, KindResult>;
  return { plan, load, signed: load.byKind.get('signed') ?? EMPTY, forged, executions, missingIds, drainMs, loadAvg: os.loadavg()[0]! };
}

/** The markdown section written to docs/reliability.md. */
export function loadMarkdown(title: string, report: N8nLoadReport, n8nVersion: string): string {
  const { plan, load, signed, forged, executions } = report;
  const wallS = load.wallMs / 1000;
  const row = (label: string, r: KindResult) => {
    const s = summarize(r.latencies);
    return `| ${label} | ${r.sent} | ${describeStatuses(r)} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.max)} |`;
  };
  const allForged = Object.values(forged).reduce((sum, r) => sum + r.sent, 0);
  const forged401 = Object.values(forged).reduce((sum, r) => sum + (r.statuses.get(401) ?? 0), 0);
  return [
    `## ${title}`,
    '',
    `n8n ${n8nVersion} at its default settings (default expression engine, default execution saving), Distribu Trigger -> No Operation, ` +
      `${plan.signed} signed and ${plan.forged} forged deliveries of ${LOAD_EVENT} mixed evenly, ${plan.concurrency} concurrent keep-alive senders on loopback. ` +
      'Each signed delivery is its own envelope (own order id, current timestamp) signed with the webhook\'s secret.',
    '',
    '| deliveries | sent | answers | p50 | p95 | p99 | max |',
    '|---|---:|---|---:|---:|---:|---:|',
    row('signed', signed),
    ...KINDS.map((kind) => row(`forged: ${kind}`, forged[kind])),
    '',
    `- Throughput: **${rate(okCount(signed) / wallS)} signed deliveries/s** answered 2xx (${rate(load.sent / wallS)} requests/s in all) over ${wallS.toFixed(1)} s; ` +
      `every execution saved ${(report.drainMs / 1000).toFixed(1)} s after the last answer.`,
    `- Signed: ${okCount(signed)} of ${signed.sent} answered 2xx. Forged: ${forged401} of ${allForged} answered 401.`,
    `- Executions read back through n8n's public API (every page): **${executions.total}** (${executions.notSuccessful} not successful); ` +
      `executions that never ran: ${executions.neverRan}; signed deliveries answered 2xx without an execution: ${executions.missing}; run twice: ${executions.duplicates}; executions of no signed delivery: ${executions.unexpected}; ` +
      `executions of a delivery not answered 2xx: ${executions.ranWithoutOk}.`,
    `- Forged kinds: ${KINDS.map((k) => `\`${k}\` = ${FORGE_KINDS[k]}`).join('; ')}.`,
    `- The senders (which sign every body) share the machine with n8n; 1-minute load average at the end: ${report.loadAvg.toFixed(1)}.`,
  ].join('\n');
}
