/** The sandbox's HTTP controls (/_sandbox), as a black box: what Distribu saw and did. */

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
  status: number;
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

export class SandboxControls {
  constructor(readonly url: string) {}

  async webhooks(): Promise<SandboxWebhook[]> {
    return (await this.call<{ data: SandboxWebhook[] }>('GET', '/webhooks')).data;
  }

  /** The REST API calls the sandbox answered, optionally filtered (path relative to /api/v1 or absolute). */
  async requests(filter: { method?: string; path?: string } = {}): Promise<LoggedRequest[]> {
    const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => e[1] !== undefined));
    return (await this.call<{ data: LoggedRequest[] }>('GET', `/requests?${query}`)).data;
  }

  /** Fires an event through its real state change; resolves after every delivery (a change may fire several events). */
  async fire(event: string, body: Record<string, unknown> = {}): Promise<FiredEvent[]> {
    return (await this.call<{ fired: FiredEvent[] }>('POST', `/events/${event}`, body)).fired;
  }

  rotateSecret(webhookId: string, graceSeconds?: number): Promise<{ id: string; secret: string; secretRotationGraceExpiresAt: string | null }> {
    return this.call('POST', `/webhooks/${webhookId}/rotate-secret`, graceSeconds === undefined ? {} : { graceSeconds });
  }

  /** Changes how long the sandbox waits for a receiver's answer (Distribu: 10 s). */
  async setDeliveryTimeout(ms: number): Promise<void> {
    await this.call('POST', '/settings', { deliveryTimeoutMs: ms });
  }

  async deliveries(webhookId: string): Promise<Array<{ event: string; status: number | null }>> {
    return (await this.call<{ data: Array<{ event: string; status: number | null }> }>('GET', `/webhooks/${webhookId}/deliveries`)).data;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}/_sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`sandbox ${method} /_sandbox${path} answered ${response.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  }
}
