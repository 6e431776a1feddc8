// The shapes every provider's deliveries take inside the kit (types only, no code).

/** A delivery's parsed body, as the provider's inbound adapter reads it. */
export interface Envelope<Data = Record<string, unknown>> {
  event: string;
  timestamp: string;
  data: Data;
}

/** What every host emits for one delivery. */
export interface TriggerItem {
  /** The event id (see inbound/event-id.ts): unique per event, equal for an exact replay. */
  id: string;
  event: string;
  timestamp: string;
  [field: string]: unknown;
}

/** Which payload shape a delivery has, from the keys present (e.g. a full or a thin record). */
export interface RuntimeDiscriminator {
  key: string;
  label: string;
  rules: Array<{ variant: string; has?: string; lacks?: string }>;
}

/** What normalization needs to know about one event. */
export interface ItemSpec {
  /** Item key that receives `data.id`, or null when the payload has none. */
  idKey: string | null;
  discriminator: RuntimeDiscriminator | null;
  derive: { countOf: Record<string, string> } | null;
}

/** Raw bytes as the host received them (a string is taken as its UTF-8 bytes). */
export type Body = string | Uint8Array;
export type Headers = Record<string, string | string[] | undefined | null>;
