/**
 * Benchmark 1: what a delivery costs in the connectors' hot path. `verify` (header lookup in any case,
 * constant-time compare, secret list) + `normalizeDelivery` (parse, shape checks, event id, trigger item)
 * against the bare minimum a handler must do: one HMAC hex digest and one JSON.parse.
 */
import { createHmac } from 'node:crypto';
import { Bench, type Task } from 'tinybench';
import { normalizeDelivery, sign, verify } from '@distribu/shared/runtime';
import { largeOrderBody, n8nHeaders, smallOrderBody } from './support/samples';
import { summarize } from './support/stats';
import { type Cell, bytes, ms, printTable, rate, ratio } from './support/table';

const SECRET = 'whsec_bench_0123456789abcdef0123456789abcdef';
/** Time per task and the minimum iterations: each task stops after both are met (tinybench's bound). */
const TIME_MS = 700;
const MIN_ITERATIONS = 200;

function headersFor(body: string): Record<string, string> {
  return n8nHeaders(body, sign(body, SECRET));
}

let sink = 0;

function tasksFor(bench: Bench, label: string, text: string): void {
  const body = Buffer.from(text, 'utf8'); // connectors get raw bytes
  const headers = headersFor(text);
  const check = verify({ body, headers, secrets: [SECRET] });
  const normalized = normalizeDelivery(body);
  if (!check.ok || !normalized.ok) throw new Error(`The ${label} sample does not verify/normalize: the benchmark would time the failure path.`);
  const signature = headers['x-webhook-signature']!;

  bench.add(`${label}|baseline: createHmac().digest('hex') + JSON.parse`, () => {
    const hex = createHmac('sha256', SECRET).update(body).digest('hex');
    const value = JSON.parse(body.toString('utf8')) as { event: string };
    sink += (hex === signature ? 1 : 0) + value.event.length;
  });
  bench.add(`${label}|verify() only`, () => {
    sink += verify({ body, headers, secrets: [SECRET] }).ok ? 1 : 0;
  });
  bench.add(`${label}|normalizeDelivery() only`, () => {
    const r = normalizeDelivery(body);
    sink += r.ok ? r.item.id.length : 0;
  });
  bench.add(`${label}|verify() + normalizeDelivery()`, () => {
    const v = verify({ body, headers, secrets: [SECRET] });
    const r = v.ok ? normalizeDelivery(body) : undefined;
    sink += r?.ok ? r.item.id.length : 0;
  });
}

function statsOf(task: Task): { p50: number; p95: number; p99: number; ops: number } {
  const result = task.result;
  if (!('latency' in result)) throw new Error(`${task.name}: ${result.state}`);
  const samples = result.latency.samples ?? [];
  const s = summarize(samples);
  return { p50: s.p50, p95: s.p95, p99: s.p99, ops: result.throughput.mean };
}

export async function runHotPath(): Promise<void> {
  const small = smallOrderBody();
  const large = largeOrderBody(100);
  const bench = new Bench({ name: 'hot path', time: TIME_MS, iterations: MIN_ITERATIONS, warmupTime: 200, retainSamples: true, throws: true });
  tasksFor(bench, 'small', small);
  tasksFor(bench, 'large', large);
  await bench.run();

  for (const [label, text, what] of [
    ['small', small, 'catalog order.created sample, 2 line items'],
    ['large', large, 'order.created with 100 line items'],
  ] as const) {
    const tasks = bench.tasks.filter((t) => t.name.startsWith(`${label}|`));
    const baseline = statsOf(tasks[0]!);
    const rows: Cell[][] = tasks.map((task) => {
      const s = statsOf(task);
      return [task.name.slice(label.length + 1), ms(s.p50), ms(s.p95), ms(s.p99), rate(s.ops), ratio(s.p50, baseline.p50)];
    });
    printTable(
      `1. Delivery hot path, ${label} body: ${what} (${bytes(Buffer.byteLength(text))})`,
      ['per delivery', 'median', 'p95', 'p99', 'ops/s', 'x baseline (median)'],
      rows,
      [`tinybench, >= ${MIN_ITERATIONS} iterations and >= ${TIME_MS} ms per row after a 200 ms warm-up; one core, in process.`],
    );
  }
  if (sink === 0) console.log('(sink)'); // keeps the work observable so it cannot be optimized away
}
