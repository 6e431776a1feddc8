// Shapes of the generated runtime catalog (shared/generated/catalog.json). Kept free of zod so the
// connectors can bundle them without it.
import type { Envelope, RuntimeDiscriminator, TriggerItem } from '../kit/types';

export type { Envelope, RuntimeDiscriminator, TriggerItem };

export type FieldType = 'string' | 'number' | 'integer' | 'boolean' | 'datetime' | 'object' | 'array';

/** One output field of a trigger item; nested keys are dotted (`tracking.carrier`). */
export interface OutputField {
  key: string;
  label: string;
  type: FieldType;
  /** Present in every item of this event. */
  required: boolean;
  nullable: boolean;
  description?: string;
  enum?: string[];
}

export interface RuntimeList {
  /** REST collection, e.g. `/orders`. */
  path: string;
  scope: string;
  query: Record<string, string>;
  where?: { field: string; gt?: number; lte?: number };
  /** The data fields a record fills, in order. */
  keys: string[];
  from: Record<string, string>;
  defaults: Record<string, unknown>;
  note?: string;
  /** How a polling trigger detects this event in the list (absent: it cannot). */
  poll?: PollSpec;
}

/**
 * How a poller finds this event's changes in the REST list, as data (shared/src/runtime/polling.ts
 * reads it). Every kind compares the list with what the previous poll remembered:
 * - `created`: records newer (by `createdAt`) than the newest seen; `since` names the query
 *   parameter that filters `createdAt` from a time, when the list has one;
 * - `changed`: `field` differs from the value remembered per record, for records created within
 *   a window (`since` from now minus `lookbackDays`); a record first seen after the baseline
 *   started at `initial`; `final` values never change again, so they are not remembered;
 *   `previous` names the data key that receives the remembered value;
 * - `updated`: `updatedAt` is newer than remembered;
 * - `entered`: the record enters the list's `where` range (once per crossing).
 */
export type PollSpec =
  | { detect: 'created'; since?: string }
  | { detect: 'changed'; field: string; previous: string; initial: string; final: string[]; since: string; lookbackDays: number }
  | { detect: 'updated' }
  | { detect: 'entered' };

export interface RuntimeEvent {
  name: string;
  /** `order_created`: the Zapier trigger key. */
  key: string;
  resource: string;
  noun: string;
  label: string;
  description: string;
  notes: string[];
  /** Item key that receives `data.id`, or null when the payload has none. */
  idKey: string | null;
  /** REST collection of the resource, for "fetch full record". */
  recordPath: string | null;
  recordScope: string | null;
  variants: string[];
  /** Per variant: the item keys every delivery of that shape carries. */
  variantKeys: Record<string, string[]>;
  discriminator: RuntimeDiscriminator | null;
  derive: { countOf: Record<string, string> } | null;
  list: RuntimeList | null;
  samples: Array<{ variant: string; title: string; envelope: Envelope }>;
  /**
   * A sample delivery's trigger item with only keys every variant carries (see
   * build/runtime-catalog.ts): Zapier's `sample` (its keys must appear in every live delivery).
   */
  sample: TriggerItem;
  fields: OutputField[];
}
