/**
 * Benchmark 9: what a dist0 send costs: the provider's verifier (`verifyDist0`: headers in any case,
 * the timestamp rule, `v0=` constant-time compare) + normalization (`normalizeWith(dist0.inbound)`:
 * parse, the item keyed by `signal.id`), against its floor: one HMAC hex digest over
 * `v0:{timestamp}:{body}` and one JSON.parse, at about 1 KB.
 */
import { createHmac } from 'node:crypto';
import { Bench, type Task } from 'tinybench';
import { normalizeWith } from '@distribu/shared/kit';
import { dist0, DOCUMENTED_BODY, verifyDist0 } from '@distribu/shared/providers/dist0/catalog';
import { summarize } from './support/stats';
import { type Cell, bytes, ms, printTable, rate, ratio } from './support/table';

const SECRET = 'd0s_bench_0123456789abcdef0123456789abcdef';
const TIME_MS = 700;
const MIN_ITERATIONS = 200;

/** The docs' body with a quote long enough for about 1 KB. */
export function dist0Body1k(): string {
  const body = { ...DOCUMENTED_BODY, signal: { ...DOCUMENTED_BODY.signal, quote: '' } };
  const base = Buffer.byteLength(JSON.stringify(body));
  body.signal.quote = 'I keep losing track of which subreddit a lead came from — ünïcödé 😤. '.repeat(20).slice(0, Math.max(0, 1024 - base));
  return JSON.stringify(body);
}

function statsOf(task: Task): { p50: number; p95: number; ops: number } {
  const result = task.result;
  if (!('latency' in result)) throw new Error(`${task.name}: ${result.state}`);
  const s = summarize(result.latency.samples ?? []);
  return { p50: s.p50, p95: s.p95, ops: result.throughput.mean };
}

let sink = 0;

export async function runDist0(): Promise<void> {
  const text = dist0Body1k();
  const body = Buffer.from(text, 'utf8');
  const now = Date.now();
  const ts = String(Math.floor(now / 1000));
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:`).update(body).digest('hex')}`;
  const headers = { 'x-dist0-timestamp': ts, 'x-dist0-signature': signature, 'x-dist0-signal-kind': 'pain', 'x-dist0-delivery-id': 'dlv_1', 'content-type': 'application/json' };
  if (!verifyDist0({ body, headers, secrets: SECRET, now }).ok || !normalizeWith(dist0.inbound, body, headers).ok) throw new Error('The sample does not verify/normalize: the benchmark would time the failure path.');

  const bench = new Bench({ name: 'dist0', time: TIME_MS, iterations: MIN_ITERATIONS, warmupTime: 200, retainSamples: true, throws: true });
  bench.add("floor: createHmac('v0:ts:' + body).digest('hex') + JSON.parse", () => {
    const hex = `v0=${createHmac('sha256', SECRET).update(`v0:${headers['x-dist0-timestamp']}:`).update(body).digest('hex')}`;
    const value = JSON.parse(body.toString('utf8')) as { signal: { id: string } };
    sink += (hex === signature ? 1 : 0) + value.signal.id.length;
  });
  bench.add('verifyDist0() + normalizeWith(dist0.inbound)', () => {
    const v = verifyDist0({ body, headers, secrets: SECRET, now });
    const r = v.ok ? normalizeWith(dist0.inbound, body, headers) : undefined;
    sink += r?.ok ? r.item.id.length : 0;
  });
  await bench.run();
  const floor = statsOf(bench.tasks[0]!);
  const rows: Cell[][] = bench.tasks.map((task) => {
    const s = statsOf(task);
    return [task.name, ms(s.p50), ms(s.p95), rate(s.ops), ratio(s.p50, floor.p50)];
  });
  printTable(`9. dist0 send: verify + normalize vs its floor (${bytes(body.length)})`, ['per send', 'median', 'p95', 'ops/s', 'x floor (median)'], rows, [
    `tinybench, >= ${MIN_ITERATIONS} iterations and >= ${TIME_MS} ms per row after a 200 ms warm-up; one core, in process.`,
  ]);
  if (sink === 0) console.log('(sink)');
}
