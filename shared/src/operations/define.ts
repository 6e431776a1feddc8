import type { z } from 'zod';
import type { RecordPicker, RuntimeOperation } from '../runtime/operation-types';

export type OperationResource = 'order' | 'customer' | 'product' | 'report';

/** How one input reaches Distribu and how connectors present it (the zod schema says what it is). */
export interface InputSpec {
  /** Where the value goes; a dotted `apiName` nests it in the body (`tracking.carrier`). */
  in: 'path' | 'query' | 'body';
  /** The REST name when it differs from the input key (`createdAfter` → `since`). */
  apiName?: string;
  /** Shown up front; defaults to "required". */
  simple?: boolean;
  label?: string;
  enumLabels?: string[];
  picker?: RecordPicker;
  showWhen?: { key: string; values: string[] };
  requiredWhen?: { key: string; values: string[] };
  /** Applied by the connector to what Distribu returns, never sent. */
  local?: boolean;
  /** For an array of objects: the spec of each element's fields. */
  items?: Record<string, Omit<InputSpec, 'in' | 'items'>>;
}

/** The runtime fields an entry states as they are (documented on RuntimeOperation); the rest is derived. */
type Stated = 'operation' | 'kind' | 'label' | 'action' | 'zapierKey' | 'description' | 'method' | 'path' | 'scope' | 'extraScopes' | 'upsert';

export interface OperationDefinition<Input extends z.ZodObject = z.ZodObject, Output extends z.ZodType = z.ZodType>
  extends Pick<RuntimeOperation, Stated> {
  resource: OperationResource;
  /** Every input field, each `.describe()`d (meaning, format, example). */
  input: Input;
  /** Where each input goes: one entry per field of `input`, no more, no less. */
  inputs: { [K in keyof Input['shape']]: InputSpec };
  /** One returned record. */
  output: Output;
  /** Cursor-paginated list: its largest page. */
  pagination?: { maxPageSize: number };
  /** Keys kept by Simplify; required when a record has more than ten fields. */
  simpleKeys?: Array<keyof z.output<Output> & string>;
  /** One output record, in Distribu's documented shape. */
  sample: z.input<Output>;
  notes?: string[];
  /**
   * What a call that changes something does, for AI agents (MCP tool annotations); reads
   * (get, getMany, report) change nothing and state none. `destructive`: it can overwrite or end
   * something (not only add); `idempotent`: repeating the same call right after changes nothing more.
   */
  effects?: { destructive: boolean; idempotent: boolean };
}

/** Keeps each entry's literal types (its input keys for `inputs`, its output for `sample`). */
export function defineOperation<Input extends z.ZodObject, Output extends z.ZodType>(
  def: OperationDefinition<Input, Output>,
): OperationDefinition<Input, Output> {
  return def;
}

/** Distribu has no idempotency keys: every create says so, in the same words. */
export const NOT_RETRIED =
  'It is never retried automatically: Distribu has no idempotency keys, so a repeat could create a duplicate. If the call fails without a clear answer, check Distribu before running it again.';
