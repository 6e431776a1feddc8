// Orisha Commerce's operation catalog (zod): the read calls of reads.ts with their input and output
// schemas and descriptions for people and AI agents. Record fields: assumed-api.ts (ours until Orisha confirms).
import { z } from 'zod';
import { recordFields, type FieldType } from './assumed-api';
import type { OrishaCode, OrishaResource } from './events';
import { orishaReads, type OrishaRead } from './reads';

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

const CODE_HELP: Record<OrishaCode, string> = {
  ItemCode: 'The item code, as Orisha Commerce shows it (e.g. ITM-1001).',
  CustomerCode: 'The customer code (e.g. CUS-2001).',
  PriceListCode: 'The price list code (e.g. PL-STD).',
  ContactPersonCode: "The contact person's code within its customer (e.g. CP-01).",
  AddressCode: 'The address code within its customer (e.g. ADR-01).',
};

export interface OrishaOperation extends OrishaRead {
  label: string;
  description: string;
  input: z.ZodObject;
  output: z.ZodType;
}

export const orishaOperations: readonly OrishaOperation[] = orishaReads.map((read) => {
  const record = orishaRecordSchema(read.resource);
  const get = read.kind === 'get';
  return {
    ...read,
    label: get ? `Get ${read.noun}` : `Get Many ${read.plural}`,
    description: get
      ? `Get one ${read.noun.toLowerCase()} by its code${read.codes.length > 1 ? 's' : ''}. A deleted one answers "not found".`
      : `List ${read.plural.toLowerCase()}${read.codes.length > 0 ? ' of one customer' : ''}.`,
    input: z.object(Object.fromEntries(read.codes.map((c) => [c, z.string().min(1).describe(CODE_HELP[c])]))),
    output: get ? record : z.array(record),
  };
});
