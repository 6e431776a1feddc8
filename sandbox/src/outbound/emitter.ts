import type { EventName } from '@distribu/shared/catalog';
import type { EventData } from '@distribu/shared/schemas';
import type { Deliverer, DeliveryResult, Envelope } from './delivery';
import { nowIso } from '../state/time';

export interface Fired {
  event: EventName;
  envelope: Envelope;
  /** Settles when every delivery of this event is logged. */
  deliveries: Promise<DeliveryResult[]>;
}

const RECENT = 100;

/** Composes envelopes at the moment of the change and hands them to delivery (fire and forget). */
export class Emitter {
  /** The last envelopes emitted, newest first (sandbox-only view). */
  readonly recent: Envelope[] = [];
  /**
   * Undocumented fields added to every payload's `data` (sandbox only): Distribu adds fields over
   * time, and receivers must pass them through instead of failing.
   */
  extraFields: Record<string, unknown> = {};

  constructor(private readonly deliverer: Deliverer) {}

  /** `data` must be one of the event's documented shapes (the catalog's): a drifting payload fails `tsc`. */
  emit<N extends EventName>(event: N, data: EventData<N>): Fired {
    const envelope: Envelope = { event, timestamp: nowIso(), data: { ...data, ...this.extraFields } };
    this.recent.unshift(envelope);
    this.recent.length = Math.min(this.recent.length, RECENT);
    return { event, envelope, deliveries: this.deliverer.deliver(envelope) };
  }
}
