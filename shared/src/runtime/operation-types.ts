// Shapes of the generated operation catalog (shared/generated/operations.json): the write side's
// counterpart of types.ts. Kept free of zod so the connectors can bundle them without it.
import type { FieldType, OutputField } from './types';

export type OperationKind = 'create' | 'get' | 'getMany' | 'update' | 'upsert' | 'report';

/** A Distribu record a user picks (n8n resource locator, Zapier dynamic dropdown). */
export interface RecordPicker {
  /** `customer`, `product`, `order`. */
  resource: string;
  /** REST collection the picker lists and searches, e.g. `/customers`. */
  path: string;
  /** The list query parameter that searches (`search`), or null when the list cannot search. */
  searchParam: string | null;
  /** Record fields that make a readable choice label, first non-empty wins (`name`, `email`). */
  labelKeys: string[];
  /** Dashboard URL pattern with `{id}` where Distribu has one, else null. */
  urlPattern: string | null;
}

/** One input of an operation, flattened from its zod input schema. */
export interface OperationInput {
  /** Parameter name in both connectors (camelCase), also the REST name unless `apiName` says otherwise. */
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
  /** A record id chosen from Distribu (a dropdown / resource locator). */
  picker?: RecordPicker;
  /** For `type: 'array'` of objects (order line items): the fields of one element. */
  items?: OperationInput[];
  /** Shown only when another input has one of these values (tracking only when status is SHIPPED). */
  showWhen?: { key: string; values: string[] };
  /** Required only when another input has one of these values (carrier when status is SHIPPED). */
  requiredWhen?: { key: string; values: string[] };
  /** Applied by the connector to what Distribu returns, never sent (`lowStockOnly`); `in` is then moot. */
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
  /** Path under /api/v1 with `{param}` placeholders, e.g. `/orders/{orderId}`. */
  path: string;
  scope: string;
  /** Further scopes the operation needs besides `scope` (an upsert reads before it writes). */
  extraScopes?: string[];
  /** Create or Update: the input whose exact (case-insensitive) match finds the record to update. */
  upsert?: { by: string; searchParam: string; updateMethod: 'PATCH'; updatePath: string };
  /** False for every call that creates: Distribu has no idempotency keys, a repeat may duplicate. */
  retrySafe: boolean;
  /** Whether the list is cursor-paginated (`limit` up to `maxPageSize`, `cursor`). */
  paginated: boolean;
  maxPageSize: number | null;
  inputs: OperationInput[];
  /** Output fields of one returned record (dotted keys for nested ones). */
  outputFields: OutputField[];
  /** Keys kept by "Simplify" (n8n) for records with more than ten fields; empty when not offered. */
  simpleKeys: string[];
  /** One output record, from Distribu's docs. */
  sample: Record<string, unknown>;
  /** Extra behaviour a user must know (e.g. creates are not retried), for docs and help texts. */
  notes: string[];
}
