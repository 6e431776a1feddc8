// dist0's signed sends as its webhook docs describe them: one POST per new signal to the project's
// URL, with X-Dist0-Timestamp, X-Dist0-Signature (`v0=` HMAC over `v0:{timestamp}:{body}`),
// X-Dist0-Signal-Kind and X-Dist0-Delivery-Id; a non-2xx answer or no answer in time is a failed send,
// tried again with growing gaps, and given up after several attempts (each failure listed with its
// time and reason). How many attempts, the gaps and whether a retry keeps the delivery id are ours
// (assumed-api.ts); tests pick a fast schedule and either delivery id style.
import { dist0Scheme, DIST0_HEADERS, DIST0_RETRY, type DeliveryIdStyle } from '@distribu/shared/providers/dist0/catalog';
import { signWith } from '@distribu/shared/kit';
import { randomId, type Dist0Store, type Signal } from './store';

export interface RetryPolicy {
  attempts: number;
  firstGapMs: number;
  factor: number;
  timeoutMs: number;
  deliveryIdStyle: DeliveryIdStyle;
}

export const DEFAULT_POLICY: RetryPolicy = { ...DIST0_RETRY, deliveryIdStyle: 'same' };

/** One attempt, as the sandbox's send log keeps it (never the secret). */
export interface SendAttempt {
  signalId: string;
  projectId: string;
  deliveryId: string;
  attempt: number;
  url: string;
  /** The gap waited before this attempt (0 for the first). */
  gapMs: number;
  at: string;
  status: number | null;
  outcome: 'delivered' | 'failed' | 'given-up';
  reason?: string;
}

/** The body dist0 sends for a signal: its documented shape, keys in its order. */
export function signalBody(store: Dist0Store, signal: Signal): string {
  const post = store.posts.get(signal.postId)!;
  return JSON.stringify({
    type: 'signal.created',
    project_id: signal.projectId,
    signal: { id: signal.id, kind: signal.kind, quote: signal.quote, author: signal.author },
    post: { id: post.id, permalink: post.permalink, title: post.title },
  });
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

export function isLoopback(url: URL): boolean {
  return LOOPBACK.has(url.hostname);
}

export class Sender {
  readonly log: SendAttempt[] = [];
  policy: RetryPolicy = { ...DEFAULT_POLICY };
  private readonly pending = new Set<Promise<void>>();
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  private readonly controllers = new Set<AbortController>();
  private closed = false;

  constructor(
    private readonly store: Dist0Store,
    private readonly options: { allowExternal?: boolean } = {},
  ) {}

  /** Sends a new signal if its project's URL is on and its kind is ticked; resolves at once. */
  signalCreated(signal: Signal): boolean {
    const hook = this.store.webhooks.get(signal.projectId);
    if (!hook || !hook.enabled || !hook.url || !hook.kinds.includes(signal.kind)) return false;
    const url = new URL(hook.url);
    // A sandbox on a developer's machine posts only to loopback unless told otherwise.
    if (!isLoopback(url) && !this.options.allowExternal) return false;
    const body = signalBody(this.store, signal);
    const task = this.run(signal, hook.url, body, { ...this.policy }).finally(() => this.pending.delete(task));
    this.pending.add(task);
    return true;
  }

  private async run(signal: Signal, url: string, body: string, policy: RetryPolicy): Promise<void> {
    let deliveryId = randomId('dlv', 8);
    let gapMs = 0;
    for (let attempt = 1; attempt <= policy.attempts && !this.closed; attempt += 1) {
      if (attempt > 1) {
        gapMs = policy.firstGapMs * policy.factor ** (attempt - 2);
        await this.sleep(gapMs);
        if (this.closed) return;
        if (policy.deliveryIdStyle === 'new') deliveryId = randomId('dlv', 8);
      }
      // The secret is read at each attempt: a secret changed in Settings signs the next try.
      const secret = this.store.webhooks.get(signal.projectId)?.secret ?? '';
      const { status, reason } = await this.post(url, body, secret, signal, deliveryId, policy.timeoutMs);
      const ok = status !== null && status >= 200 && status < 300;
      const givenUp = !ok && attempt === policy.attempts;
      this.log.push({ signalId: signal.id, projectId: signal.projectId, deliveryId, attempt, url, gapMs, at: this.store.iso(), status, outcome: ok ? 'delivered' : givenUp ? 'given-up' : 'failed', ...(ok ? {} : { reason }) });
      if (ok) return;
      this.store.recordFailure(signal.projectId, { at: this.store.iso(), signalId: signal.id, deliveryId, attempt, reason: reason ?? 'failed', givenUp });
    }
  }

  private async post(url: string, body: string, secret: string, signal: Signal, deliveryId: string, timeoutMs: number): Promise<{ status: number | null; reason?: string }> {
    const timestamp = String(Math.floor(this.store.now() / 1000));
    const controller = new AbortController();
    this.controllers.add(controller);
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        signal: controller.signal,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'dist0-webhooks (sandbox)',
          [DIST0_HEADERS.timestamp]: timestamp,
          [DIST0_HEADERS.signature]: signWith(dist0Scheme, body, secret, timestamp),
          [DIST0_HEADERS.kind]: signal.kind,
          [DIST0_HEADERS.deliveryId]: deliveryId,
        },
        body,
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.ok ? { status: response.status } : { status: response.status, reason: `HTTP ${response.status}` };
    } catch {
      return { status: null, reason: controller.signal.aborted ? `no answer within ${timeoutMs} ms` : 'could not connect' };
    } finally {
      clearTimeout(timer);
      this.controllers.delete(controller);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.set(timer, resolve);
    });
  }

  /** Resolves when no send is waiting or in flight (bounded by the caller's timeout). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Stops every retry and in-flight send. */
  close(): void {
    this.closed = true;
    for (const [timer, wake] of this.timers) {
      clearTimeout(timer);
      wake();
    }
    this.timers.clear();
    for (const c of this.controllers) c.abort();
  }
}
