/** Order statistics over latency samples (ms): the numbers every table prints. */
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** Linear-interpolated percentile of an ascending array (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** Median of an array (NaN when empty). */
export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

/**
 * Percentile-bootstrap confidence interval of the median: how far the median of these samples could move if the
 * measurement were repeated (resampling with replacement). With few samples (under 5) the interval is the range.
 */
export function medianInterval(values: readonly number[], confidence = 0.95, resamples = 10_000, seed = 1): { low: number; high: number } {
  if (values.length < 5) return { low: Math.min(...values), high: Math.max(...values) };
  // Seeded, so the same samples always print the same interval.
  const random = xoroshiro128plus(seed);
  const medians: number[] = [];
  const sample = new Array<number>(values.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < values.length; i++) sample[i] = values[uniformInt(random, 0, values.length - 1)]!;
    medians.push(median(sample));
  }
  medians.sort((a, b) => a - b);
  const tail = ((1 - confidence) / 2) * 100;
  return { low: percentile(medians, tail), high: percentile(medians, 100 - tail) };
}
