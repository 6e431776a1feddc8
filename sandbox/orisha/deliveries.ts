// Orisha's outgoing webhooks: POSTs with the five documented headers and a body of codes. As its
// docs warn: the same event may come more than once (same X-Event-Id), and there is no promise
// about delivery time (late ones arrive after later events). After 100 failed deliveries with no
// success a webhook is disabled and the app gets a notification. Rates are settings; a seed makes them repeatable.
import { randomUUID } from 'node:crypto';
import { ORISHA_AUTO_DISABLE_AFTER } from '../../shared/src/providers/orisha/voice';
import type { OrishaStore, StoredWebhook } from './state';

export interface DeliverySettings {
  /** Share of deliveries sent a second time, with the same X-Event-Id (0..1). */
  duplicateRate: number;
  /** Share of deliveries held back by `lateDelayMs`, so later events overtake them (0..1). */
  lateRate: number;
  lateDelayMs: number;
  timeoutMs: number;
  seed: number;
}

export interface DeliveryRecord {
  eventId: string;
  eventType: string;
  webhookId: string;
  /** first, a duplicate, or a first that was held back. */
  kind: 'first' | 'duplicate' | 'late';
  status: number | 'failed';
  at: string;
}

/** mulberry32: a small seeded generator, so a rate's choices replay. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Deliveries {
  readonly log: DeliveryRecord[] = [];
  private random: () => number;
  private pending = new Set<Promise<void>>();
  /** Per webhook, in-time deliveries go one after another, in event order. */
  private chains = new Map<string, Promise<void>>();

  constructor(
    private readonly store: OrishaStore,
    readonly settings: DeliverySettings,
  ) {
    this.random = seeded(settings.seed);
  }

  reseed(seed: number): void {
    this.settings.seed = seed;
    this.random = seeded(seed);
  }

  /** An event happened in `administration`, made by `triggeredBy`: every enabled webhook for its type gets it. */
  emit(administration: string, eventType: string, body: Record<string, string>, triggeredBy: string): string {
    const eventId = randomUUID();
    for (const hook of this.store.webhooks) {
      if (hook.administration !== administration || !hook.enabled || !hook.eventTypes.includes(eventType)) continue;
      const late = this.random() < this.settings.lateRate;
      const duplicate = this.random() < this.settings.duplicateRate;
      const send = (kind: DeliveryRecord['kind']) => this.send(hook, { eventId, eventType, administration, triggeredBy, body }, kind);
      if (late) this.track(new Promise<void>((r) => setTimeout(r, this.settings.lateDelayMs)).then(() => this.inChain(hook.id, () => send('late'))));
      else this.track(this.inChain(hook.id, () => send('first')));
      if (duplicate) this.track(new Promise<void>((r) => setTimeout(r, late ? this.settings.lateDelayMs * 2 : 5)).then(() => this.inChain(hook.id, () => send('duplicate'))));
    }
    return eventId;
  }

  /** Resolves when every delivery started so far (late and duplicate ones too) has ended. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private track(p: Promise<void>): void {
    const tracked = p.catch(() => undefined).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  private inChain(key: string, run: () => Promise<void>): Promise<void> {
    const next = (this.chains.get(key) ?? Promise.resolve()).then(run, run);
    this.chains.set(key, next);
    return next;
  }

  private async send(hook: StoredWebhook, e: { eventId: string; eventType: string; administration: string; triggeredBy: string; body: Record<string, string> }, kind: DeliveryRecord['kind']): Promise<void> {
    // A webhook deleted or disabled meanwhile sends nothing more.
    if (!this.store.webhooks.includes(hook) || !hook.enabled) return;
    let status: number | 'failed';
    try {
      const response = await fetch(hook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'X-Event-Id': e.eventId,
          'X-Event-Type': e.eventType,
          'X-Secret': hook.secret,
          'X-Administration-Code': e.administration,
          'X-TriggeredBy-Id': e.triggeredBy,
        },
        body: JSON.stringify(e.body),
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      status = response.status;
    } catch {
      status = 'failed';
    }
    this.log.push({ eventId: e.eventId, eventType: e.eventType, webhookId: hook.id, kind, status, at: new Date().toISOString() });
    if (typeof status === 'number' && status >= 200 && status < 300) {
      hook.failureCount = 0;
      return;
    }
    hook.failureCount += 1;
    if (hook.failureCount >= ORISHA_AUTO_DISABLE_AFTER && hook.enabled) {
      hook.enabled = false;
      hook.disabledAt = new Date().toISOString();
      this.store.notifications.push({
        id: randomUUID(),
        administration: hook.administration,
        kind: 'webhook.disabled',
        webhookId: hook.id,
        message: `Webhook ${hook.id} (${hook.url}) was disabled after failing ${hook.failureCount} times with no successful execution.`,
        createdAt: hook.disabledAt,
      });
    }
  }
}
