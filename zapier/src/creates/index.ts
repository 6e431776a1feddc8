// Zapier actions (creates), generated from the shared operation catalog. A create is never retried
// by the app: the shared executor sends it once and says when its outcome is unknown.
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { RuntimeOperation } from '@distribu/shared/runtime';
import { inputFieldsFor } from '../operations/input-fields';
import { presentRecords } from '../operations/outputs';
import { runForZapier } from '../operations/run';
import { distribuClient } from '../transport';
import { actionDefinition, searchFor, zapierCreates } from '../operations/zapier-operations';

/** One create: the record Distribu returns, as operations/outputs.ts presents it. */
export function makeCreate(op: RuntimeOperation) {
  return actionDefinition(op, inputFieldsFor(op, searchFor), async (z: ZObject, bundle: Bundle) => {
    const records = await runForZapier(z, bundle, op, bundle.inputData ?? {});
    return (await presentRecords(z, bundle, distribuClient(z, bundle), op, records))[0]!;
  });
}

export const creates = Object.fromEntries(zapierCreates.map((op) => [op.zapierKey!, makeCreate(op)]));
