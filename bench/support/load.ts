/**
 * A bounded HTTP load generator for loopback targets: at most `maxRequests` POSTs, `concurrency`
 * keep-alive senders (Node's fetch pools connections per origin), and a hard stop after `hardStopMs`
 * that aborts whatever is still in flight.
 */
import { performance } from 'node:perf_hooks';

export interface LoadOptions {
  url: string;
  maxRequests: number;
  concurrency: number;
  hardStopMs: number;
  /** Builds request n (0-based): its body and headers. Called by the sender, so it is part of the sender's cost. */
  request(n: number): { body: string; headers: Record<string, string> };
}

export interface LoadResult {
  sent: number;
  /** HTTP status per completed request; network errors and aborts count in `failures`. */
  statuses: Map<number, number>;
  failures: number;
  /** Latency of every completed request, ms. */
  latencies: number[];
  wallMs: number;
  stoppedByTime: boolean;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const url = new URL(options.url);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost' && url.hostname !== '[::1]') {
    throw new Error(`Load goes to loopback only, not ${url.hostname}.`);
  }
  const hardStop = AbortSignal.timeout(Math.max(1, Math.ceil(options.hardStopMs)));
  const statuses = new Map<number, number>();
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();

  async function sender(): Promise<void> {
    while (next < options.maxRequests && !hardStop.aborted) {
      const { body, headers } = options.request(next++);
      const t0 = performance.now();
      try {
        const response = await fetch(options.url, { method: 'POST', headers, body, signal: hardStop });
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      } catch {
        failures++;
      }
    }
  }

  await Promise.all(Array.from({ length: options.concurrency }, sender));
  return { sent: next, statuses, failures, latencies, wallMs: performance.now() - started, stoppedByTime: hardStop.aborted };
}

/** Count of 2xx answers. */
export function okCount(result: LoadResult): number {
  let ok = 0;
  for (const [status, count] of result.statuses) if (status >= 200 && status < 300) ok += count;
  return ok;
}

export function describeStatuses(result: LoadResult): string {
  const parts = [...result.statuses].sort((a, b) => a[0] - b[0]).map(([s, c]) => `${c}x${s}`);
  if (result.failures) parts.push(`${result.failures} failed`);
  return parts.join(' ') || 'none';
}

/** Several rounds against one target as one result (wall time = the sum of the rounds' wall times). */
export function mergeLoads(results: LoadResult[]): LoadResult {
  const statuses = new Map<number, number>();
  for (const r of results) for (const [status, count] of r.statuses) statuses.set(status, (statuses.get(status) ?? 0) + count);
  return {
    sent: results.reduce((s, r) => s + r.sent, 0),
    statuses,
    failures: results.reduce((s, r) => s + r.failures, 0),
    latencies: results.flatMap((r) => r.latencies),
    wallMs: results.reduce((s, r) => s + r.wallMs, 0),
    stoppedByTime: results.some((r) => r.stoppedByTime),
  };
}
