// Zapier actions (creates), generated from the shared operation catalog. A create is never retried
// by the app: the shared executor sends it once and says when its outcome is unknown.
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { RuntimeOperation } from '@distribu/shared/runtime';
import { inputFieldsFor } from '../operations/input-fields';
import { runForZapier } from '../operations/run';
import { DESCRIPTIONS } from '../operations/wording';
import { nounOf, operationOutputFields, searchFor, zapierCreates } from '../operations/zapier-operations';

/** One create; new function objects each time (Zapier's app tester finds methods by identity). */
export function makeCreate(op: RuntimeOperation) {
  const key = op.zapierKey!;
  return {
    key,
    noun: nounOf(op),
    display: { label: op.label, description: DESCRIPTIONS[key]! },
    operation: {
      inputFields: inputFieldsFor(op, searchFor),
      perform: async (z: ZObject, bundle: Bundle) => (await runForZapier(z, bundle, op, bundle.inputData ?? {}))[0]!,
      sample: op.sample,
      outputFields: operationOutputFields(op),
    },
  };
}

export const creates = Object.fromEntries(zapierCreates.map((op) => [op.zapierKey!, makeCreate(op)]));
