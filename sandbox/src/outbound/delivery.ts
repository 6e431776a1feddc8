import { performance } from 'node:perf_hooks';
import type { EventName } from '@distribu/shared/catalog';
import { type Envelope as RuntimeEnvelope, EVENT_HEADER, OLD_SIGNATURE_HEADER, SIGNATURE_HEADER, sign } from '@distribu/shared/runtime';
import { newId } from '../state/ids';
import type { DeliveryAttempt, Store, Webhook } from '../state/store';
import { nowIso } from '../state/time';
import { endLapsedGrace } from '../domain/secret-grace';

/** The runtime's `{event, timestamp, data}`, with the event one of the catalog's (the sandbox sends no other). */
export interface Envelope extends RuntimeEnvelope {
  event: EventName;
}

export interface DeliveryResult {
  webhookId: string;
  url: string;
  status: number | null;
  ok: boolean;
  durationMs: number;
  error?: string;
}

export const DEFAULT_DELIVERY_TIMEOUT_MS = 10_000;
const LOG_SIZE = 5;
const RESPONSE_LIMIT = 2000;

/**
 * Distribu's delivery: one POST per active webhook subscribed to the event, all in parallel, signed
 * over the exact bytes sent; any 2xx within the timeout is success, redirects are failures; no retries.
 */
export class Deliverer {
  private readonly inflight = new Set<Promise<unknown>>();
  /** Told after each attempt is logged (the dashboard's live view listens). */
  readonly attemptListeners = new Set<(webhookId: string, attempt: DeliveryAttempt) => void>();
  private readonly closing = new AbortController();
  timeoutMs: number;
  /**
   * Extra wait before sending an event's deliveries (sandbox only), to reproduce the documented
   * out-of-order arrivals deterministically, e.g. order.status_changed before order.created.
   */
  readonly delays = new Map<string, number>();
  /** Deliver to any host (off by default: only loopback receivers, so tests never reach the internet). */
  readonly allowExternal: boolean;

  constructor(
    private readonly store: Store,
    options: { timeoutMs?: number; allowExternal?: boolean } = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS;
    this.allowExternal = options.allowExternal ?? false;
  }

  /** Sleeps, cut short on shutdown (the attempt then fails as aborted). */
  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.closing.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });
  }

  /** Aborts deliveries in flight (on shutdown); they are logged as failures. */
  abortAll(): void {
    this.closing.abort();
  }

  /** Starts the deliveries of one envelope; the promise settles when every attempt is logged. */
  deliver(envelope: Envelope): Promise<DeliveryResult[]> {
    const body = Buffer.from(JSON.stringify(envelope), 'utf8');
    const targets = [...this.store.webhooks.values()].filter((w) => w.isActive && w.events.includes(envelope.event));
    const all = Promise.all(targets.map((w) => this.attempt(w, envelope.event, body)));
    this.inflight.add(all);
    void all.finally(() => this.inflight.delete(all));
    return all;
  }

  /** Resolves once no delivery is in flight (including ones started meanwhile). */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  get pending(): number {
    return this.inflight.size;
  }

  private async attempt(webhook: Webhook, event: EventName, body: Buffer): Promise<DeliveryResult> {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'User-Agent': 'Distribu-Webhooks/1.0 (sandbox)',
      [SIGNATURE_HEADER]: sign(body, webhook.secret),
      [EVENT_HEADER]: event,
    };
    if (endLapsedGrace(webhook) && webhook.previousSecret) headers[OLD_SIGNATURE_HEADER] = sign(body, webhook.previousSecret);

    const delay = this.delays.get(event) ?? 0;
    if (delay > 0) await this.wait(delay);

    const started = performance.now();
    let status: number | null = null;
    let response: string | null = null;
    let error: string | undefined;
    try {
      if (!this.allowExternal && !isLoopback(webhook.url)) {
        throw new Error('The sandbox delivers only to loopback receivers (127.0.0.1, ::1, localhost); start it with allowExternalDeliveries to change that.');
      }
      const res = await fetch(webhook.url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(this.timeoutMs), this.closing.signal]),
      });
      status = res.status;
      response = (await res.text()).slice(0, RESPONSE_LIMIT);
    } catch (e) {
      error = describeFailure(e, this.timeoutMs);
      response = error;
    }
    const durationMs = Math.round(performance.now() - started);
    const ok = status !== null && status >= 200 && status < 300 && error === undefined;
    const entry: DeliveryAttempt = { id: newId(), event, url: webhook.url, status, ok, durationMs, at: nowIso(), response };
    // A webhook deleted meanwhile takes its log with it.
    if (this.store.webhooks.get(webhook.id) === webhook) {
      webhook.deliveries.unshift(entry);
      webhook.deliveries.length = Math.min(webhook.deliveries.length, LOG_SIZE);
    }
    for (const listener of this.attemptListeners) listener(webhook.id, entry);
    const result: DeliveryResult = { webhookId: webhook.id, url: webhook.url, status, ok, durationMs };
    if (error) result.error = error;
    return result;
  }
}

/** A network failure in words for the delivery log: timeout, refused connection, DNS... */
function describeFailure(e: unknown, timeoutMs: number): string {
  const err = e as Error & { cause?: Error & { code?: string; errors?: Array<{ code?: string }> } };
  if (err.name === 'TimeoutError') return `Timed out after ${timeoutMs} ms.`;
  if (err.name === 'AbortError') return 'Aborted: the sandbox shut down.';
  const code = err.cause?.code ?? err.cause?.errors?.[0]?.code;
  return code ? `${err.message} (${code})` : err.cause?.message ? `${err.message}: ${err.cause.message}` : err.message;
}

/** Literal loopback hosts only: no DNS lookup, so a name can never lead elsewhere. */
export function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
    return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
  } catch {
    return false;
  }
}
