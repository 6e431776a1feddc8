// The shapes of a provider's generated runtime catalogs (its events and its REST operations), as the
// kit's polling, operation checks and every host read them. Types only, free of zod, so a connector
// bundles them without it. Each provider's generator writes them (scripts/generate.ts).
import type { Envelope, RuntimeDiscriminator, TriggerItem } from './types';

export type FieldType = 'string' | 'number' | 'integer' | 'boolean' | 'datetime' | 'object' | 'array';

/** One output field of a trigger item or a record; nested keys are dotted (`tracking.carrier`). */
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
 * How a poller finds this event's changes in the REST list, as data (polling/poll.ts reads it).
 * Every kind compares the list with what the previous poll remembered:
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
  /** A sample delivery's trigger item with only keys every variant carries: Zapier's `sample` (its keys must appear in every live delivery). */
  sample: TriggerItem;
  fields: OutputField[];
}

export type OperationKind = 'create' | 'get' | 'getMany' | 'update' | 'upsert' | 'report';

/** A record a user picks from the provider (n8n resource locator, Zapier dynamic dropdown). */
export interface RecordPicker {
  /** `customer`, `product`, `order`. */
  resource: string;
  /** REST collection the picker lists and searches, e.g. `/customers`. */
  path: string;
  /** The list query parameter that searches (`search`), or null when the list cannot search. */
  searchParam: string | null;
  /** Record fields that make a readable choice label, first non-empty wins (`name`, `email`). */
  labelKeys: string[];
  /** Dashboard URL pattern with `{id}` where the provider has one, else null. */
  urlPattern: string | null;
}

/** One input of an operation, flattened from its input schema. */
export interface OperationInput {
  /** Parameter name in every host (camelCase), also the REST name unless `apiName` says otherwise. */
  key: string;
  apiName: string;
  /** Where the value goes in the REST call. */
  in: 'path' | 'query' | 'body';
  label: string;
  /** Written for people and for AI agents filling the parameter: what it is, its format, an example. */
  description: string;
  type: FieldType;
  required: boolean;
  /** "Simple" inputs are shown up front; the others go under "Additional Fields"/optional. */
  simple: boolean;
  enum?: string[];
  /** Labels for enum values, same order. */
  enumLabels?: string[];
  default?: unknown;
  /** Bounds of the value (numbers) or of the length (text, lists). */
  min?: number;
  max?: number;
  /** A record id chosen from the provider (a dropdown / resource locator). */
  picker?: RecordPicker;
  /** For `type: 'array'` of objects (order line items): the fields of one element. */
  items?: OperationInput[];
  /** Shown only when another input has one of these values (tracking only when status is SHIPPED). */
  showWhen?: { key: string; values: string[] };
  /** Required only when another input has one of these values (carrier when status is SHIPPED). */
  requiredWhen?: { key: string; values: string[] };
  /** Applied by the connector to what the provider returns, never sent (a client-side filter); `in` is then moot. */
  local?: boolean;
}

export interface RuntimeOperation {
  /** `order.create`: resource + operation, unique. */
  key: string;
  resource: string;
  /** n8n vocabulary: create, get, getAll, updateStatus, update, upsert, sales... */
  operation: string;
  kind: OperationKind;
  /** Title Case for Zapier (`Create Order`, `Find Customer`). */
  label: string;
  /** n8n's action string: `Create an order`. */
  action: string;
  /** The Zapier action or search key (`create_order`, `find_customer`) where the Zapier app offers it. */
  zapierKey?: string;
  /** Plain words for people and agents: what it does, what it returns, what it changes. */
  description: string;
  method: 'GET' | 'POST' | 'PATCH';
  /** Path under the API prefix with `{param}` placeholders, e.g. `/orders/{orderId}`. */
  path: string;
  scope: string;
  /** Further scopes the operation needs besides `scope` (an upsert reads before it writes). */
  extraScopes?: string[];
  /** Create or Update: the input whose exact (case-insensitive) match finds the record to update. */
  upsert?: { by: string; searchParam: string; updateMethod: 'PATCH'; updatePath: string };
  /** False for every call that creates without an idempotency key: a repeat may duplicate. */
  retrySafe: boolean;
  /** Whether the list is cursor-paginated (`limit` up to `maxPageSize`, `cursor`). */
  paginated: boolean;
  /** How the API orders the list (`newest first`), where its docs say; agents are told only what is known. */
  listOrder?: string;
  maxPageSize: number | null;
  inputs: OperationInput[];
  /** Output fields of one returned record (dotted keys for nested ones). */
  outputFields: OutputField[];
  /** Keys kept by "Simplify" (n8n) for records with more than ten fields; empty when not offered. */
  simpleKeys: string[];
  /** One output record, from the provider's docs. */
  sample: Record<string, unknown>;
  /** Extra behaviour a user must know (e.g. creates are not retried), for docs and help texts. */
  notes: string[];
}
