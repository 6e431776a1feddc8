import type { z } from 'zod';
import type { PollSpec } from '../runtime/types';

/**
 * The resources Distribu's events are about. Each one says where the resource's own `data.id`
 * goes in a trigger item and which REST collection (if any) holds it.
 */
export const resources = {
  order: { noun: 'Order', idKey: 'orderId', path: '/orders', scope: 'orders:read' },
  customer: { noun: 'Customer', idKey: 'customerId', path: '/customers', scope: 'customers:read' },
  product: { noun: 'Product', idKey: 'productId', path: '/products', scope: 'products:read' },
  return: { noun: 'Return', idKey: 'returnId', path: null, scope: null },
  refund: { noun: 'Refund', idKey: 'refundId', path: null, scope: null },
  // invoice.paid carries `stripeInvoiceId` and no `id`: nothing moves.
  invoice: { noun: 'Invoice', idKey: null, path: null, scope: null },
} as const;

export type ResourceName = keyof typeof resources;

/** A rule that tells one documented payload shape from another in a delivery. */
export interface VariantRule {
  variant: string;
  /** The rule matches when this field is present in `data`... */
  has?: string;
  /** ...or when this field is absent. A rule with neither matches always (the fallback). */
  lacks?: string;
}

export interface Discriminator {
  /** The item key that receives the variant name, so users can branch on it. */
  key: string;
  label: string;
  /** Checked in order; the first match wins. */
  rules: VariantRule[];
}

/** How a REST record stands in for a delivery (Zapier's performList, backfills). */
export interface ListSpec {
  /** Which variant's fields a record fills. */
  variant: string;
  query?: Record<string, string>;
  /** Keep only records whose numeric field is in (gt, lte]. */
  where?: { field: string; gt?: number; lte?: number };
  /** data field → record field it is read from, where the names differ. */
  from?: Record<string, string>;
  /** Values for data fields the REST record does not carry. */
  defaults?: Record<string, unknown>;
  /** Why records can only approximate the delivery, shown in docs. */
  note?: string;
  /** How the n8n polling trigger detects this event in the list (absent: it cannot). */
  poll?: PollSpec;
}

export interface Derivation {
  /** data field → the array field whose length it is, when the field is missing. */
  countOf: Record<string, string>;
}

export interface Sample<Data> {
  variant: string;
  title: string;
  envelope: { event: string; timestamp: string; data: Data };
}

export interface EventDefinition<
  Name extends string = string,
  Variants extends Record<string, z.ZodObject> = Record<string, z.ZodObject>,
> {
  name: Name;
  resource: ResourceName;
  /** Title Case, used as the Zapier trigger label and the n8n option name. */
  label: string;
  /** Starts "Triggers when" and ends with a period (Zapier D021; n8n option description). */
  description: string;
  /** Extra notes for the docs. */
  notes?: string[];
  /** One zod object per documented payload shape of `data`. */
  variants: Variants;
  discriminator?: Discriminator;
  derive?: Derivation;
  list?: ListSpec;
  /**
   * At least one envelope per variant, from Distribu's docs. The trigger's sample is the first
   * one whose keys every variant carries, else the first cut to those keys.
   */
  samples: Array<Sample<z.input<Variants[keyof Variants]>>>;
}

/** Keeps each entry's literal types (event name, variant names) for the inferred unions. */
export function defineEvent<const Name extends string, Variants extends Record<string, z.ZodObject>>(
  def: EventDefinition<Name, Variants>,
): EventDefinition<Name, Variants> {
  return def;
}
