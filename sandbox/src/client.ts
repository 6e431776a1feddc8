/**
 * A running sandbox over HTTP, as a black box: Distribu's REST API (with an API key) and the
 * sandbox controls under /_sandbox (what Distribu saw and did). Used by the live demo and the
 * end-to-end tests.
 */
import type { FaultKind, FaultRule } from './faults';

export type { FaultKind, FaultRule } from './faults';

export interface SandboxWebhook {
  id: string;
  url: string;
  events: string[];
  isActive: boolean;
  secretRotationGraceExpiresAt: string | null;
}

export interface LoggedRequest {
  method: string;
  path: string;
  /** The query parameters' names (never their values). */
  queryNames: string[];
  /** What the call answered (for a lost answer: what it would have answered). */
  status: number;
  /** The injected fault's kind (`"500"`, `"timeout"`, `"lost-reset"`...) when one met the call. */
  fault?: string;
  at: string;
}

/**
 * `POST /_sandbox/faults`: the next `count` (default 1) REST calls matching `path` (and below)
 * and `method` fail as `status` says. See sandbox/README.md for every kind.
 */
export interface FaultInput {
  status: FaultKind;
  count?: number;
  path?: string;
  method?: string;
  /** 429 only: seconds, 0..86400 (default 1). */
  retryAfter?: number;
  /** 'timeout' and 'lost-hang' only: ms, 0..600000 (default 60000). */
  delayMs?: number;
  /** 401, 403, 404, 422, 429, 500 only: the `error` text instead of the usual one. */
  message?: string;
}

export interface Delivery {
  webhookId: string;
  url: string;
  status: number | null;
  ok: boolean;
  /** Why no response came (refused, timeout...). */
  error?: string;
}

/** A delivery's outcome as one comparable value: the HTTP status, or the error when none came. */
export function outcome(delivery: Delivery): number | string {
  return delivery.status ?? `no response: ${delivery.error ?? 'unknown error'}`;
}

export interface FiredEvent {
  event: string;
  envelope: { event: string; timestamp: string; data: Record<string, unknown> };
  deliveries: Delivery[];
}

export class SandboxClient {
  constructor(
    readonly url: string,
    private readonly apiKey?: string,
  ) {}

  /** A call to Distribu's REST API under /api/v1, with the client's key. */
  api<T = any>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
    if (!this.apiKey) throw new Error('This SandboxClient has no API key for the REST API.');
    return this.call(method, `/api/v1${path}`, body, { authorization: `Bearer ${this.apiKey}` });
  }

  /** A call to a sandbox control under /_sandbox. */
  control<T = any>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    return this.call(method, `/_sandbox${path}`, body);
  }

  async webhooks(): Promise<SandboxWebhook[]> {
    return (await this.control<{ data: SandboxWebhook[] }>('GET', '/webhooks')).data;
  }

  /** The REST API calls the sandbox answered, optionally filtered (path relative to /api/v1 or absolute). */
  async requests(filter: { method?: string; path?: string } = {}): Promise<LoggedRequest[]> {
    const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => e[1] !== undefined));
    return (await this.control<{ data: LoggedRequest[] }>('GET', `/requests?${query}`)).data;
  }

  /** Fires an event through its real state change; resolves after every delivery (a change may fire several events). */
  async fire(event: string, body: Record<string, unknown> = {}): Promise<FiredEvent[]> {
    return (await this.control<{ fired: FiredEvent[] }>('POST', `/events/${event}`, body)).fired;
  }

  /** Injects a fault into the next matching REST call(s); answers the stored rule. */
  async fault(input: FaultInput): Promise<FaultRule> {
    return (await this.control<{ data: FaultRule }>('POST', '/faults', input)).data;
  }

  /** Removes every fault rule not yet used up. */
  async clearFaults(): Promise<void> {
    await this.control('DELETE', '/faults');
  }

  rotateSecret(webhookId: string, graceSeconds?: number): Promise<{ id: string; secret: string; secretRotationGraceExpiresAt: string | null }> {
    return this.control('POST', `/webhooks/${webhookId}/rotate-secret`, graceSeconds === undefined ? {} : { graceSeconds });
  }

  /** Changes how long the sandbox waits for a receiver's answer (Distribu: 10 s). */
  async setDeliveryTimeout(ms: number): Promise<void> {
    await this.control('POST', '/settings', { deliveryTimeoutMs: ms });
  }

  async deliveries(webhookId: string): Promise<Array<{ event: string; status: number | null }>> {
    return (await this.control<{ data: Array<{ event: string; status: number | null }> }>('GET', `/webhooks/${webhookId}/deliveries`)).data;
  }

  private async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`sandbox ${method} ${path} answered ${response.status}: ${errorText(text)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/** Distribu's `{"error": "..."}` text when the body has one, else the start of the body. */
function errorText(text: string): string {
  try {
    const error = (JSON.parse(text) as { error?: unknown }).error;
    if (typeof error === 'string') return error;
  } catch {}
  return text.slice(0, 300);
}
