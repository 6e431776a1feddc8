/**
 * Benchmark 6: our delivery path (verify + parse + trigger item) side by side with the floor and
 * three webhook libraries, in one process, at four body sizes, plus a 1e6-key body for linearity.
 *
 * - floor: one HMAC-SHA256 hex digest + timingSafeEqual + JSON.parse (the least a receiver can do);
 * - this project: `verify()` + `normalizeDelivery()`, as both connectors run them;
 * - `@octokit/webhooks-methods` `verify()` (HMAC-SHA256, `sha256=` hex) + JSON.parse;
 * - `standardwebhooks` and `svix` `Webhook.verify()` (they parse the body themselves).
 *
 * Every implementation starts from the raw body bytes (a Buffer), as a server receives them.
 * The peers are devDependencies of this folder only: nothing under shared/, zapier/ or n8n-node/
 * imports them. Each round builds a fresh tinybench run with every implementation, in an order that
 * alternates between rounds, so a burst of other work on the machine hits all of them alike.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import os from 'node:os';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { Bench, type Task } from 'tinybench';
import { eventId, normalizeDelivery, sign, verify } from '@distribu/shared/runtime';
import { largeOrderBody, n8nHeaders } from './support/samples';
import { summarize } from './support/stats';
import { type Cell, bytes, ms, printTable, ratio } from './support/table';

const SECRET = 'whsec_bench_0123456789abcdef0123456789abcdef';
/** standardwebhooks/svix take a base64 key after `whsec_`. */
const STANDARD_SECRET = `whsec_${Buffer.from('bench-key-0123456789abcdef0123456789').toString('base64')}`;
const ROUNDS = 7;
/** Per task and round: tinybench stops after both bounds are met. */
const TIME_MS = 150;
const MIN_ITERATIONS = 50;
/** Target body sizes (bytes): the catalog's order.created sample with as many line items as it takes. */
const SIZES: Array<[label: string, target: number]> = [
  ['1 KB', 1024],
  ['16 KB', 16 * 1024],
  ['64 KB', 64 * 1024],
  ['256 KB', 256 * 1024],
];
const WIDE_KEYS = [1e5, 1e6];
const WIDE_RUNS = 3;

type Impl = { name: string; make: (text: string) => () => unknown };
let sink = 0;

/** The smallest catalog-based order body of at least `target` bytes. */
function bodyOf(target: number): string {
  let lineItems = 1;
  while (Buffer.byteLength(largeOrderBody(lineItems)) < target) lineItems += 1;
  return largeOrderBody(lineItems);
}

/** standardwebhooks and svix: the same scheme (id, timestamp, signature headers) under two header prefixes. */
function signedLike(name: string, lib: StandardWebhook | SvixWebhook, prefix: string): Impl {
  return {
    name,
    make: (text) => {
      const id = 'msg_bench';
      const at = new Date();
      const body = Buffer.from(text);
      const headers = { [`${prefix}id`]: id, [`${prefix}timestamp`]: String(Math.floor(at.getTime() / 1000)), [`${prefix}signature`]: lib.sign(id, at, text) };
      return () => lib.verify(body, headers);
    },
  };
}

/** Every implementation, set up for one body; each must accept it before it is timed. */
async function implementations(): Promise<Impl[]> {
  // ESM-only package (no `require` export): loaded dynamically from this CommonJS-run bench.
  const { verify: octokitVerify } = await import('@octokit/webhooks-methods');
  const standard = new StandardWebhook(STANDARD_SECRET);
  const svix = new SvixWebhook(STANDARD_SECRET);
  const floor: Impl = {
    name: 'floor: HMAC hex + timingSafeEqual + JSON.parse',
    make: (text) => {
      const body = Buffer.from(text);
      const header = sign(body, SECRET); // the received signature header (a string, per request)
      return () => {
        const hex = Buffer.from(createHmac('sha256', SECRET).update(body).digest('hex'));
        if (!timingSafeEqual(hex, Buffer.from(header))) throw new Error('floor: mismatch');
        return JSON.parse(body.toString('utf8')) as unknown;
      };
    },
  };
  const ours: Impl = {
    name: 'this project: verify() + normalizeDelivery()',
    make: (text) => {
      const body = Buffer.from(text);
      const headers = n8nHeaders(text, sign(body, SECRET));
      return () => {
        const v = verify({ body, headers, secrets: [SECRET] });
        const r = v.ok ? normalizeDelivery(body) : undefined;
        if (!r?.ok) throw new Error('ours: rejected');
        return r.item;
      };
    },
  };
  const octokit: Impl = {
    name: '@octokit/webhooks-methods verify + JSON.parse',
    make: (text) => {
      const body = Buffer.from(text);
      const signature = `sha256=${sign(body, SECRET)}`;
      return async () => {
        const payload = body.toString('utf8'); // it takes the payload as a string only
        if (!(await octokitVerify(SECRET, payload, signature))) throw new Error('octokit: mismatch');
        return JSON.parse(payload) as unknown;
      };
    },
  };
  const standardImpl = signedLike('standardwebhooks verify', standard, 'webhook-');
  const svixImpl = signedLike('svix verify', svix, 'svix-');
  // Not a delivery path: what the event id's SHA-256 costs, the one pass over the body we add to the floor.
  const idOnly: Impl = { name: '(part of ours) eventId(): SHA-256 of the body', make: (text) => { const body = Buffer.from(text); return () => eventId(body); } };
  return [floor, ours, octokit, standardImpl, svixImpl, idOnly];
}

function p50Of(task: Task): number {
  const result = task.result;
  if (!('latency' in result)) throw new Error(`${task.name}: ${result.state}`);
  return summarize(result.latency.samples ?? []).p50;
}

/** Rotates the list by `round` and reverses it every other round: each position is taken in turn. */
function orderFor<T>(list: T[], round: number): T[] {
  const rotated = [...list.slice(round % list.length), ...list.slice(0, round % list.length)];
  return round % 2 === 0 ? rotated : rotated.reverse();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function sizeTable(impls: Impl[]): Promise<void> {
  const bodies = SIZES.map(([label, target]) => ({ label, text: bodyOf(target) }));
  // p50 per implementation, size and round (ms); ratios are taken within a round, against that round's floor.
  const p50 = new Map<string, number[]>();
  const ratios = new Map<string, number[]>();
  for (let round = 0; round < ROUNDS; round += 1) {
    const bench = new Bench({ name: `peers round ${round + 1}`, time: TIME_MS, iterations: MIN_ITERATIONS, warmupTime: 50, retainSamples: true, throws: true });
    for (const { label, text } of bodies) {
      for (const impl of orderFor(impls, round)) {
        const fn = impl.make(text);
        await fn(); // must accept the body: the failure path is never what is timed
        bench.add(`${label}|${impl.name}`, fn);
      }
    }
    await bench.run();
    for (const { label } of bodies) {
      const floor = p50Of(bench.getTask(`${label}|${impls[0]!.name}`)!);
      for (const impl of impls) {
        const key = `${label}|${impl.name}`;
        const value = p50Of(bench.getTask(key)!);
        p50.set(key, [...(p50.get(key) ?? []), value]);
        ratios.set(key, [...(ratios.get(key) ?? []), value / floor]);
      }
    }
  }
  const rows: Cell[][] = [];
  for (const { label, text } of bodies) {
    for (const impl of impls) {
      const key = `${label}|${impl.name}`;
      const r = ratios.get(key)!;
      rows.push([`${label} (${bytes(Buffer.byteLength(text))})`, impl.name, ms(median(p50.get(key)!)), `${median(r).toFixed(2)}x`, `${Math.min(...r).toFixed(2)}-${Math.max(...r).toFixed(2)}x`]);
    }
  }
  printTable(
    '6. Delivery path vs peers: verify + parse (+ item for this project), per delivery',
    ['body', 'implementation', 'p50', 'x floor', 'x floor, rounds'],
    rows,
    [
      `tinybench, ${ROUNDS} alternating rounds, each >= ${MIN_ITERATIONS} iterations and >= ${TIME_MS} ms per row after a 50 ms warm-up.`,
      'p50 = median of the rounds\' p50s; "x floor" = median of the per-round ratios to that round\'s floor (range after it).',
      `Load average now: ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}.`,
    ],
  );
}

function wideBody(keys: number): string {
  const fields: string[] = ['"id":"clxorder0001"'];
  for (let i = 0; i < keys; i += 1) fields.push(`"field${i}":${i}`);
  return `{"event":"order.status_changed","timestamp":"${new Date().toISOString()}","data":{${fields.join(',')}}}`;
}

async function timed(fn: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  sink += (await fn()) ? 1 : 0;
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function wideTable(impls: Impl[]): Promise<void> {
  const rows: Cell[][] = [];
  const perKey = new Map<string, number[]>();
  for (const keys of WIDE_KEYS) {
    const text = wideBody(keys);
    const fns = impls.map((impl) => ({ impl, fn: impl.make(text) }));
    const times = new Map<string, number[]>();
    for (let run = 0; run < WIDE_RUNS; run += 1) {
      for (const { impl, fn } of orderFor(fns, run)) times.set(impl.name, [...(times.get(impl.name) ?? []), await timed(fn)]);
    }
    const floor = median(times.get(impls[0]!.name)!);
    for (const impl of impls) {
      const t = median(times.get(impl.name)!);
      perKey.set(impl.name, [...(perKey.get(impl.name) ?? []), (t * 1e6) / keys]);
      rows.push([keys.toLocaleString('en-US'), bytes(Buffer.byteLength(text)), impl.name, ms(t), `${((t * 1e6) / keys).toFixed(0)} ns`, ratio(t, floor)]);
    }
  }
  printTable(
    '6b. Linearity: a body whose data has 1e5 / 1e6 keys',
    ['keys', 'body', 'implementation', 'median', 'per key', 'x floor'],
    rows,
    [`Median of ${WIDE_RUNS} alternating runs each. Linear = a flat "per key" column from 1e5 to 1e6 keys.`],
  );
}

export async function runPeers(): Promise<void> {
  const impls = await implementations();
  await sizeTable(impls);
  await wideTable(impls);
  if (sink === 0) console.log('(sink)');
}
