import type { DeliveryResult, Envelope } from '../outbound/delivery';
import type { Fired } from '../outbound/emitter';

export interface SettledEvent {
  event: string;
  envelope: Envelope;
  deliveries: DeliveryResult[];
}

/** Waits for the deliveries of everything a change fired. */
export async function settle(fired: Fired[]): Promise<SettledEvent[]> {
  return Promise.all(fired.map(async (f) => ({ event: f.event, envelope: f.envelope, deliveries: await f.deliveries })));
}
