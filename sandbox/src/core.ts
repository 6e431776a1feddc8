import { createApiKey, SCOPES } from './http/auth';
import { Deliverer } from './outbound/delivery';
import { Emitter } from './outbound/emitter';
import { Faults } from './faults';
import { seed } from './state/seed';
import { Store } from './state/store';
import type { Company } from './domain/company';
import { WEBHOOK_CAP } from './domain/webhooks';
import { DELIVERY_TIMEOUT_MS, isWholeIn, wholeText } from './http/limits';

export interface CoreOptions {
  /** Delivery timeout (Distribu: 10 s); tests shorten it. */
  deliveryTimeoutMs?: number;
  /** The storefront's slug, sent with storefront sign-ups. */
  storeSlug?: string;
  /**
   * Webhooks per company (default WEBHOOK_CAP). Only the live demo raises it: it holds twelve Zap
   * subscriptions and an n8n workflow at once, which real Distribu would refuse.
   */
  webhookCap?: number;
  /** Deliver to non-loopback URLs too (default false: such deliveries fail, logged, with no traffic). */
  allowExternalDeliveries?: boolean;
}

/** Everything one sandbox instance holds: state, delivery, events and injected faults. */
export class SandboxCore implements Company {
  readonly store = new Store();
  readonly deliverer: Deliverer;
  readonly emitter: Emitter;
  readonly faults = new Faults();
  storeSlug: string;
  /** REST records with only Distribu's documented fields and no null ones (http/sparse.ts); a setting. */
  sparseRecords = false;
  readonly webhookCap: number;
  /** The keys made at start-up survive a reset. */
  private readonly keptKeys = new Set<string>();

  constructor(options: CoreOptions = {}) {
    if (options.deliveryTimeoutMs !== undefined && !isWholeIn(options.deliveryTimeoutMs, DELIVERY_TIMEOUT_MS)) {
      throw new RangeError(`deliveryTimeoutMs ${wholeText(DELIVERY_TIMEOUT_MS, 'milliseconds')}`);
    }
    this.deliverer = new Deliverer(this.store, { timeoutMs: options.deliveryTimeoutMs, allowExternal: options.allowExternalDeliveries });
    this.emitter = new Emitter(this.deliverer);
    this.storeSlug = options.storeSlug ?? 'acme-foods';
    this.webhookCap = options.webhookCap ?? WEBHOOK_CAP;
  }

  /** A full-scope key that survives resets (startSandbox's `apiKey`); `key` reuses a given one. */
  createMainKey(key?: string): string {
    const made = createApiKey(this.store, { name: 'Sandbox (all scopes)', scopes: SCOPES, key });
    this.keptKeys.add(made.record.id);
    return made.key;
  }

  seed(): void {
    seed(this.store);
  }

  /** Back to a fresh company: data, webhooks, logs, faults and extra keys are gone. */
  reset(options: { seed: boolean }): void {
    const kept = [...this.store.apiKeys.values()].filter((k) => this.keptKeys.has(k.id));
    this.store.clear();
    for (const k of kept) this.store.apiKeys.set(k.id, k);
    this.faults.clear();
    this.faults.releaseAll();
    this.emitter.recent.length = 0;
    this.deliverer.delays.clear();
    this.emitter.extraFields = {};
    this.sparseRecords = false;
    if (options.seed) this.seed();
  }
}
