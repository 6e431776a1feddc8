// How a provider's Zapier app offers its catalog operations (which ones: offered.ts); an operation without a Zapier
// key (e.g. a Create or Update offered as Find or Create, finds.ts) is not a step of its own. A create is never retried by the app: the runner sends it once and
// says when its outcome is unknown.
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { RuntimeOperation } from '@distribu/shared/kit';
import { startStep } from '../time-budget';
import { inputFieldsFor, type ZapierInputField } from './input-fields';
import { presentRecords, zapierOutputFields, zapierSample } from './records';
import { offeredOf } from './offered';
import { inZapierWords } from './errors';
import { runStep, stepClient, type ActionHost } from './steps';

/** `customer` → `find_customer`: the search that finds a record kind by something other than its ID. */
export function searchFor(host: ActionHost): Record<string, string> {
  return Object.fromEntries(
    offeredOf(host)
      .searches.filter((op) => !op.inputs.some((input) => input.picker?.resource === op.resource))
      .map((op) => [op.resource, op.zapierKey!]),
  );
}

/** The Zapier noun of a record kind: `order` → `Order`, `contentBrief` → `Content Brief`. */
export const nounOf = (resource: string): string => resource.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/(^|\s)\S/g, (c) => c.toUpperCase());

/**
 * A create's or search's definition: the catalog's label, sample and output fields (with what records.ts adds),
 * the provider's Zapier description. Each call gets its own `perform` (Zapier's app tester finds methods by identity).
 */
export function actionDefinition<T>(host: ActionHost, op: RuntimeOperation, inputFields: ZapierInputField[], perform: (z: ZObject, bundle: Bundle) => Promise<T>) {
  const key = op.zapierKey!;
  const noun = nounOf(op.resource);
  return {
    key,
    noun,
    display: { label: op.label, description: host.zapierActions?.descriptions[key] ?? op.description },
    operation: {
      inputFields,
      perform: (z: ZObject, bundle: Bundle) => perform(z, startStep(bundle)),
      sample: zapierSample(host, op),
      outputFields: zapierOutputFields(host, op, noun),
    },
  };
}

/** One create: the record the provider returns, as records.ts presents it. */
function makeCreate(host: ActionHost, op: RuntimeOperation, searches: Record<string, string>) {
  return actionDefinition(host, op, inputFieldsFor(op, searches), (z, bundle) =>
    inZapierWords(z, host, async () => {
      const client = stepClient(z, host, bundle);
      const records = await runStep(host, client, op, bundle.inputData ?? {});
      return (await presentRecords(host, z, bundle, client, op, records))[0]!;
    }),
  );
}

/** The provider's creates, by Zapier key. */
export function createsOf(host: ActionHost) {
  const searches = searchFor(host);
  return Object.fromEntries(offeredOf(host).creates.map((op) => [op.zapierKey!, makeCreate(host, op, searches)]));
}
