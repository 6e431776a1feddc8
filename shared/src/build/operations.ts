import { z } from 'zod';
import { operationKey, operations, type InputSpec, type OperationEntry } from '../operations';
import type { OperationInput, RuntimeOperation } from '../runtime/operation-types';
import type { FieldType } from '../runtime/types';
import { flattenFields, humanize, type JsonSchema } from './fields';

/** zod writes ±(2^53 - 1) as the bounds of every integer: not a limit worth telling anyone. */
const meaningful = (n: number | undefined) => (n !== undefined && Math.abs(n) < Number.MAX_SAFE_INTEGER ? n : undefined);

/** A date input is a union of a date and a date-time: one `datetime` for the connectors. */
function inputType(s: JsonSchema): FieldType {
  if (s.anyOf?.every((o) => o.type === 'string')) return 'datetime';
  if (s.type === 'string' && (s.format === 'date-time' || s.format === 'date')) return 'datetime';
  return (s.type as FieldType | undefined) ?? 'string';
}

/** The inputs of one zod object schema, in its field order, with where each goes. */
export function flattenInputs(schema: JsonSchema, specs: Record<string, Omit<InputSpec, 'in'> & { in?: InputSpec['in'] }>, where: InputSpec['in']): OperationInput[] {
  const names = Object.keys(schema.properties ?? {});
  const unspecified = names.filter((n) => !specs[n]).concat(Object.keys(specs).filter((n) => !names.includes(n)));
  if (unspecified.length) throw new Error(`inputs and input schema disagree on: ${unspecified.join(', ')}`);
  return names.map((key) => {
    const prop = schema.properties![key]!;
    const spec = specs[key]!;
    const type = inputType(prop);
    const required = (schema.required ?? []).includes(key) && prop.default === undefined;
    const input: OperationInput = {
      key,
      apiName: spec.apiName ?? key,
      in: spec.in ?? where,
      // A picked record is named by its noun ("Customer"), as n8n's resource locators are.
      label: spec.label ?? humanize(key).replace(spec.picker ? / ID$/ : /$^/, ''),
      description: prop.description ?? '',
      type,
      required,
      simple: spec.simple ?? required,
    };
    if (prop.enum) input.enum = prop.enum.map(String);
    if (spec.enumLabels) input.enumLabels = spec.enumLabels;
    if (prop.default !== undefined) input.default = prop.default;
    const min = meaningful(prop.minimum ?? prop.minLength ?? prop.minItems);
    const max = meaningful(prop.maximum ?? prop.maxLength ?? prop.maxItems);
    if (min !== undefined) input.min = min;
    if (max !== undefined) input.max = max;
    if (spec.picker) input.picker = spec.picker;
    if (type === 'array' && prop.items?.type === 'object') input.items = flattenInputs(prop.items, spec.items ?? {}, input.in);
    if (spec.showWhen) input.showWhen = spec.showWhen;
    if (spec.requiredWhen) input.requiredWhen = spec.requiredWhen;
    if (spec.local) input.local = true;
    return input;
  });
}

/** JSON Schema (draft 2020-12) of an operation's input parameters. */
export function inputJsonSchema(entry: OperationEntry): Record<string, unknown> {
  return {
    ...(z.toJSONSchema(entry.input, { io: 'input' }) as Record<string, unknown>),
    title: `${entry.label}: input`,
    description: entry.description,
  };
}

/** JSON Schema (draft 2020-12) of one record an operation returns. */
export function outputJsonSchema(entry: OperationEntry): Record<string, unknown> {
  return {
    ...(z.toJSONSchema(entry.output, { io: 'output' }) as Record<string, unknown>),
    title: `${entry.label}: output`,
  };
}

/** The zod-free view of one operation that the connectors bundle. */
export function runtimeOperation(entry: OperationEntry): RuntimeOperation {
  const creates = entry.kind === 'create' || entry.kind === 'upsert';
  return {
    key: operationKey(entry),
    resource: entry.resource,
    operation: entry.operation,
    kind: entry.kind,
    label: entry.label,
    action: entry.action,
    ...('zapierKey' in entry && entry.zapierKey ? { zapierKey: entry.zapierKey } : {}),
    description: entry.description,
    method: entry.method,
    path: entry.path,
    scope: entry.scope,
    ...('extraScopes' in entry && entry.extraScopes ? { extraScopes: [...entry.extraScopes] } : {}),
    ...('upsert' in entry && entry.upsert ? { upsert: entry.upsert } : {}),
    retrySafe: !creates,
    paginated: 'pagination' in entry && !!entry.pagination,
    // Distribu's lists are always newest first by createdAt (its API contract; each list's description says so too).
    ...('pagination' in entry && entry.pagination ? { listOrder: 'newest first' } : {}),
    maxPageSize: 'pagination' in entry && entry.pagination ? entry.pagination.maxPageSize : null,
    inputs: flattenInputs(inputJsonSchema(entry) as JsonSchema, entry.inputs as Record<string, InputSpec>, 'body'),
    outputFields: flattenFields(outputJsonSchema(entry) as JsonSchema),
    simpleKeys: 'simpleKeys' in entry && entry.simpleKeys ? [...entry.simpleKeys] : [],
    sample: entry.sample as Record<string, unknown>,
    notes: 'notes' in entry && entry.notes ? [...entry.notes] : [],
  };
}

export function runtimeOperations(): { operations: RuntimeOperation[] } {
  return { operations: operations.map(runtimeOperation) };
}
