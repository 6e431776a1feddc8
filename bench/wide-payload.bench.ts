/**
 * Benchmark 5: normalization of very wide payloads (1e4, 1e5, 1e6 keys in `data`). Normalization
 * must be linear in the number of keys: its time per key should stay flat as the key count grows,
 * like `JSON.parse`'s. Each size runs a few times in process; the median is reported.
 */
import { normalizeDelivery } from '@distribu/shared/runtime';
import { printTable, ms, ratio, bytes, type Cell } from './support/table';

const SIZES: Array<[keys: number, runs: number]> = [
  [1e4, 15],
  [1e5, 7],
  [1e6, 3],
];

function wideBody(keys: number): Buffer {
  const fields: string[] = ['"id":"clxorder0001"'];
  for (let i = 0; i < keys; i += 1) fields.push(`"field${i}":${i}`);
  return Buffer.from(`{"event":"order.status_changed","timestamp":"2026-04-16T14:22:00.000Z","data":{${fields.join(',')}}}`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timed(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function runWidePayload(): Promise<void> {
  const rows: Cell[][] = [];
  for (const [keys, runs] of SIZES) {
    const body = wideBody(keys);
    const parse: number[] = [];
    const normalize: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      parse.push(timed(() => JSON.parse(body.toString('utf8'))));
      let result: ReturnType<typeof normalizeDelivery> | undefined;
      normalize.push(timed(() => (result = normalizeDelivery(body))));
      // id, event, timestamp and orderId besides the payload's fields.
      if (!result?.ok || Object.keys(result.item).length !== keys + 4) throw new Error(`${keys} keys: not every field was kept.`);
    }
    const p = median(parse);
    const n = median(normalize);
    rows.push([keys.toLocaleString('en-US'), bytes(body.length), ms(p), ms(n), `${((n * 1e6) / keys).toFixed(0)} ns`, `${((p * 1e6) / keys).toFixed(0)} ns`, ratio(n, p)]);
  }
  printTable(
    '5. Wide payloads: normalizeDelivery() (parse + item) vs JSON.parse alone',
    ['keys in data', 'body', 'JSON.parse', 'normalizeDelivery', 'per key', 'parse per key', 'x parse'],
    rows,
    ['Median of 15 / 7 / 3 runs, in process. Linear means a flat "per key" column (it also includes the parse).'],
  );
}
