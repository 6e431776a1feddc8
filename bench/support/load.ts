/**
 * A bounded HTTP load generator for loopback targets: at most `maxRequests` POSTs, `concurrency`
 * keep-alive senders (Node's fetch pools connections per origin), and a hard stop after `hardStopMs`
 * that aborts whatever is still in flight. Optionally paced (request n starts no earlier than n / rate
 * seconds in, like events arriving from outside) and spread round robin over several URLs.
 */
import { performance } from 'node:perf_hooks';

export interface LoadOptions {
  /** Several URLs: request n goes to url[n % url.length] (client-side round robin). */
  url: string | string[];
  maxRequests: number;
  concurrency: number;
  hardStopMs: number;
  /**
   * Builds request n (0-based): its body and headers, and optionally a kind under which its outcome is also counted
   * (signed vs forged, say). Called by the sender, so it is part of the sender's cost.
   */
  request(n: number): { body: string; headers: Record<string, string>; kind?: string };
  /** At most this many request starts per second (default: as fast as the senders go). */
  ratePerSecond?: number;
  /** Told how request n ended: its HTTP status and body, or undefined when no answer came (connection refused, reset, abort). */
  onAnswer?(n: number, status: number | undefined, body: string | undefined): void;
}

/** The outcomes of the requests of one kind. */
export interface KindResult {
  sent: number;
  statuses: Map<number, number>;
  failures: number;
  latencies: number[];
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
  /** Per kind, for requests that named one. */
  byKind: Map<string, KindResult>;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const urls = Array.isArray(options.url) ? options.url : [options.url];
  if (urls.length === 0) throw new Error('No URL to send to.');
  for (const target of urls) {
    const url = new URL(target);
    if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost' && url.hostname !== '[::1]') {
      throw new Error(`Load goes to loopback only, not ${url.hostname}.`);
    }
  }
  const intervalMs = options.ratePerSecond ? 1000 / options.ratePerSecond : 0;
  const hardStop = AbortSignal.timeout(Math.max(1, Math.ceil(options.hardStopMs)));
  const statuses = new Map<number, number>();
  const latencies: number[] = [];
  let next = 0;
  let sent = 0;
  let failures = 0;
  const byKind = new Map<string, KindResult>();
  const started = performance.now();

  async function sender(): Promise<void> {
    while (next < options.maxRequests && !hardStop.aborted) {
      const n = next++;
      const due = started + n * intervalMs - performance.now();
      if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
      if (hardStop.aborted) break;
      const { body, headers, kind } = options.request(n);
      sent++;
      let perKind: KindResult | undefined;
      if (kind !== undefined) {
        perKind = byKind.get(kind) ?? { sent: 0, statuses: new Map<number, number>(), failures: 0, latencies: [] };
        byKind.set(kind, perKind);
        perKind.sent++;
      }
      const t0 = performance.now();
      let status: number | undefined;
      let answer: string | undefined;
      try {
        const response = await fetch(urls[n % urls.length]!, { method: 'POST', headers, body, signal: hardStop });
        answer = await response.text();
        status = response.status;
      } catch {
        failures++;
        if (perKind) perKind.failures++;
      }
      if (status !== undefined) {
        const latency = performance.now() - t0;
        for (const into of perKind ? [{ statuses, latencies }, perKind] : [{ statuses, latencies }]) {
          into.latencies.push(latency);
          into.statuses.set(status, (into.statuses.get(status) ?? 0) + 1);
        }
      }
      options.onAnswer?.(n, status, status === undefined ? undefined : answer);
    }
  }

  await Promise.all(Array.from({ length: options.concurrency }, sender));
  return { sent, statuses, failures, latencies, wallMs: performance.now() - started, stoppedByTime: hardStop.aborted, byKind };
}

/** Count of 2xx answers. */
export function okCount(result: Pick<LoadResult, 'statuses'>): number {
  let ok = 0;
  for (const [status, count] of result.statuses) if (status >= 200 && status < 300) ok += count;
  return ok;
}

export function describeStatuses(result: Pick<LoadResult, 'statuses' | 'failures'>): string {
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
    byKind: mergeKinds(results.map((r) => r.byKind)),
  };
}

function mergeKinds(maps: Array<Map<string, KindResult>>): Map<string, KindResult> {
  const merged = new Map<string, KindResult>();
  for (const map of maps) {
    for (const [kind, r] of map) {
      const into: KindResult = merged.get(kind) ?? { sent: 0, statuses: new Map(), failures: 0, latencies: [] };
      into.sent += r.sent;
      into.failures += r.failures;
      into.latencies.push(...r.latencies);
      for (const [status, count] of r.statuses) into.statuses.set(status, (into.statuses.get(status) ?? 0) + count);
      merged.set(kind, into);
    }
  }
  return merged;
}
