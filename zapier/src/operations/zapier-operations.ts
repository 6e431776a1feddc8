// Which catalog operations Zapier offers, and how: every operation with a Zapier key is a create
// (it changes something) or a search (it reads), except the catalog's Create or Update Customer,
// which Zapier offers as Find or Create Customer (a search paired with a create, see searches/).
import type { Bundle, ZObject } from 'zapier-platform-core';
import { operations, type RuntimeOperation } from '@distribu/shared/runtime';
import type { ZapierInputField } from './input-fields';
import { DESCRIPTIONS } from './wording';
import { zapierOutputFields, zapierSample } from './outputs';
import { startStep } from '../time-budget';

const READS = new Set<RuntimeOperation['kind']>(['get', 'getMany']);
const WRITES = new Set<RuntimeOperation['kind']>(['create', 'update']);

export const zapierCreates = operations.filter((op) => op.zapierKey && WRITES.has(op.kind));
export const zapierSearches = operations.filter((op) => op.zapierKey && READS.has(op.kind));

/** `customer` → `find_customer`: the search that finds a record kind by something other than its ID. */
export const searchFor: Record<string, string> = Object.fromEntries(
  zapierSearches.filter((op) => !op.inputs.some((input) => input.picker?.resource === op.resource)).map((op) => [op.resource, op.zapierKey!]),
);

/** The Zapier noun of a record kind: `order` → `Order`. */
export function nounOf(resource: string): string {
  return resource.charAt(0).toUpperCase() + resource.slice(1);
}

/** Output fields of one returned record, in Zapier's nested-key syntax (as for the triggers). */
export function operationOutputFields(op: RuntimeOperation) {
  return zapierOutputFields(op, nounOf(op.resource));
}

/**
 * A create's or search's definition: the catalog's label, sample and output fields (with what
 * operations/outputs.ts adds), Zapier's
 * wording. Each call gets its own `perform` (Zapier's app tester finds methods by identity).
 */
export function actionDefinition<T>(op: RuntimeOperation, inputFields: ZapierInputField[], perform: (z: ZObject, bundle: Bundle) => Promise<T>) {
  const key = op.zapierKey!;
  return {
    key,
    noun: nounOf(op.resource),
    display: { label: op.label, description: DESCRIPTIONS[key]! },
    operation: {
      inputFields,
      perform: (z: ZObject, bundle: Bundle) => perform(z, startStep(bundle)),
      sample: zapierSample(op),
      outputFields: operationOutputFields(op),
    },
  };
}
