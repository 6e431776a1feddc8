/**
 * Benchmark 9: what an Orisha Commerce delivery costs: receiveOrisha() (X-Secret compared in constant
 * time through equal-length digests, header lookup in any case, parse, the item with its header fields)
 * against its floor: the same constant-time compare (two one-shot SHA-256 digests, timingSafeEqual) and
 * one JSON.parse; and, for reference, that compare written with createHash as most handlers would.
 * Target (issue 24): verify + normalize within 1.15× the floor (median).
 */
import { createHash, hash, timingSafeEqual } from 'node:crypto';
import { Bench, type Task } from 'tinybench';
import { receiveOrisha } from '../shared/src/providers/orisha';
import { summarize } from './support/stats';
import { type Cell, ms, printTable, rate, ratio } from './support/table';

const SECRET = 'ows_bench_0123456789abcdefghijklmnopqrstuv';
const TIME_MS = 700;
const MIN_ITERATIONS = 200;
let sink = 0;

function statsOf(task: Task): { p50: number; p95: number; ops: number } {
  const result = task.result;
  if (!('latency' in result)) throw new Error(`${task.name}: ${result.state}`);
  const s = summarize(result.latency.samples ?? []);
  return { p50: s.p50, p95: s.p95, ops: result.throughput.mean };
}

export async function runOrisha(): Promise<void> {
  // As n8n hands a delivery over: raw bytes and lower-cased headers.
  const body = Buffer.from('{"CustomerCode":"CUS-2001","ContactPersonCode":"CP-01"}', 'utf8');
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'Orisha-Webhooks',
    'x-event-id': '6f1c2a9e-7d4b-4c1e-9a0f-2b3c4d5e6f70',
    'x-event-type': 'customer.contactperson.updated',
    'x-secret': SECRET,
    'x-administration-code': 'ADM01',
    'x-triggeredby-id': 'client_1a2b3c',
  };
  const check = receiveOrisha(body, headers, SECRET);
  if (!check.ok) throw new Error('The sample does not verify: the benchmark would time the failure path.');

  const bench = new Bench({ name: 'orisha', time: TIME_MS, iterations: MIN_ITERATIONS, warmupTime: 200, retainSamples: true, throws: true });
  bench.add('floor: timingSafeEqual of two one-shot SHA-256 digests + JSON.parse', () => {
    const same = timingSafeEqual(hash('sha256', SECRET, 'buffer'), hash('sha256', headers['x-secret'], 'buffer'));
    const value = JSON.parse(body.toString('utf8')) as { CustomerCode: string };
    sink += (same ? 1 : 0) + value.CustomerCode.length;
  });
  bench.add('reference: the same with createHash().digest()', () => {
    const same = timingSafeEqual(createHash('sha256').update(SECRET).digest(), createHash('sha256').update(headers['x-secret']).digest());
    const value = JSON.parse(body.toString('utf8')) as { CustomerCode: string };
    sink += (same ? 1 : 0) + value.CustomerCode.length;
  });
  bench.add('receiveOrisha(): verify + item', () => {
    const r = receiveOrisha(body, headers, SECRET);
    sink += r.ok ? r.item.id.length : 0;
  });
  await bench.run();
  const floor = statsOf(bench.tasks[0]!);
  const rows: Cell[][] = bench.tasks.map((task) => {
    const s = statsOf(task);
    return [task.name, ms(s.p50), ms(s.p95), rate(s.ops), ratio(s.p50, floor.p50)];
  });
  printTable(
    `9. Orisha Commerce delivery: verify + item (${body.length} B body, 7 headers)`,
    ['per delivery', 'median', 'p95', 'ops/s', 'x floor (median)'],
    rows,
    [`tinybench, >= ${MIN_ITERATIONS} iterations and >= ${TIME_MS} ms per row after a 200 ms warm-up; one core, in process. Target: <= 1.15x the floor.`],
  );
  if (sink === 0) console.log('(sink)');
}
