// Which catalog operations Zapier offers, and how: every operation with a Zapier key is a create
// (it changes something) or a search (it reads), except the catalog's Create or Update Customer,
// which Zapier offers as Find or Create Customer (a search paired with a create, see searches/).
import { operations, type RuntimeOperation } from '@distribu/shared/runtime';
import { outputFieldsFor } from '../triggers/output-fields';

const READS = new Set<RuntimeOperation['kind']>(['get', 'getMany']);
const WRITES = new Set<RuntimeOperation['kind']>(['create', 'update']);

export const zapierCreates = operations.filter((op) => op.zapierKey && WRITES.has(op.kind));
export const zapierSearches = operations.filter((op) => op.zapierKey && READS.has(op.kind));

/** `customer` → `find_customer`: the search that finds a record kind by something other than its ID. */
export const searchFor: Record<string, string> = Object.fromEntries(
  zapierSearches.filter((op) => !op.inputs.some((input) => input.picker?.resource === op.resource)).map((op) => [op.resource, op.zapierKey!]),
);

/** The Zapier noun: `order` → `Order`. */
export function nounOf(op: RuntimeOperation): string {
  return op.resource.charAt(0).toUpperCase() + op.resource.slice(1);
}

/** Output fields of one returned record, in Zapier's nested-key syntax (as for the triggers). */
export function operationOutputFields(op: RuntimeOperation) {
  return outputFieldsFor({ fields: op.outputFields });
}
