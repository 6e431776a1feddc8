// Orisha Commerce's operation catalog (zod): the read calls of reads.ts with their input and output
// schemas; labels and descriptions (for people and AI agents) are the host data's (host.ts). Record fields: assumed-api.ts (ours until Orisha confirms).
import { z } from 'zod';
import { recordFields, type FieldType } from './assumed-api';
import type { OrishaResource } from './events';
import { orishaHost } from './host';
import { ORISHA_LIST_LIMIT, orishaReads, type OrishaRead } from './reads';

const fieldSchema: Record<FieldType, () => z.ZodType> = {
  string: () => z.string(),
  number: () => z.number(),
  boolean: () => z.boolean(),
  'string|null': () => z.string().nullable(),
};

export function orishaRecordSchema(resource: OrishaResource) {
  const shape = Object.fromEntries(Object.entries(recordFields[resource]).map(([k, t]) => [k, fieldSchema[t as FieldType]()]));
  return z.looseObject(shape);
}

export interface OrishaOperation extends OrishaRead {
  label: string;
  description: string;
  input: z.ZodObject;
  output: z.ZodType;
}

export const orishaOperations: readonly OrishaOperation[] = orishaReads.map((read) => {
  const record = orishaRecordSchema(read.resource);
  const { label, description, inputs } = orishaHost.operations.find((op) => op.key === read.key)!;
  return {
    ...read,
    label,
    description,
    // Keyed as every host asks for them (the runtime operation's inputs: `customerCode`).
    input: z.object(Object.fromEntries(inputs.map((input) => [input.key, z.string().min(1).describe(input.description)]))),
    output: read.kind === 'get' ? record : z.array(record),
  };
});

/**
 * JSON Schemas of one operation for hosts that need them (the MCP server's tools, generated): its input (a list
 * also takes `limit`) and its output as an object (a list's records under `records`).
 */
export function orishaOperationJsonSchemas(op: OrishaOperation): { input: Record<string, unknown>; output: Record<string, unknown> } {
  const many = op.kind === 'list';
  const input = many
    ? op.input.extend({ limit: z.number().int().min(1).max(ORISHA_LIST_LIMIT.max).optional().describe(`How many records at most (1 to ${ORISHA_LIST_LIMIT.max}; default ${ORISHA_LIST_LIMIT.default}).`) })
    : op.input;
  // A list's answer as every provider's MCP tools give it: the records, and whether the limit left some.
  const output = many ? z.object({ records: op.output, hasMore: z.boolean() }) : op.output;
  const plain = (type: z.ZodType, io: 'input' | 'output') => {
    const { $schema: _dialect, ...rest } = z.toJSONSchema(type, { io }) as Record<string, unknown>;
    return rest;
  };
  return { input: plain(input, 'input'), output: plain(output, 'output') };
}
