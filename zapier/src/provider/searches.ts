// A provider app's searches: each operation that reads one record by its inputs (codes), run by the host's
// `perform` (the same runner as its n8n action node and MCP tools). Not found is an empty result (Zapier's search
// convention: the Zap may then create or stop); other failures are errors in the provider's words.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { ApiError, type HostEvent, type HostProvider, type RestClient, type RuntimeOperation } from '@distribu/shared/kit';
import { clientOf } from './connection';
import { inZapierWords, testingAuthOf } from './errors';

export const searchKey = (op: RuntimeOperation): string => `find_${op.key.replace(/\.get$/, '').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()}`;

/** What a search finds the record by: its id, its code, its codes. */
const byWhat = (op: RuntimeOperation) => (op.inputs.length > 1 ? 'codes' : op.inputs[0]!.key === 'id' ? 'id' : 'code');

/** A search by id whose answer carries none (what is about the record, e.g. a pain's sources) keeps the id it was found by. */
function withId(record: Record<string, unknown>, op: RuntimeOperation, input: Record<string, unknown>): Record<string, unknown> {
  return byWhat(op) !== 'id' || 'id' in record ? record : { id: String(input.id ?? ''), ...record };
}

export function performSearchesOf(host: HostProvider<HostEvent, RuntimeOperation, RestClient>) {
  const perform = host.perform;
  if (!perform) return {};
  const ops = host.operations.filter((op) => !op.paginated && op.inputs.length > 0);
  return Object.fromEntries(
    ops.map((op) => {
      const noun = op.label.replace(/^Get /, '');
      const key = host.zapierSearchKey?.(op.key) ?? searchKey(op);
      return [
        key,
        {
          key,
          noun,
          display: { label: `Find ${noun}`, description: `Finds ${/[^s]s$/.test(noun) ? 'the' : 'a'} ${noun.toLowerCase()} in ${host.names.displayName} by its ${byWhat(op)}.` },
          operation: {
            inputFields: op.inputs.map((input) => ({ key: input.key, label: input.label, required: input.required, helpText: input.description })),
            perform: (z: ZObject, bundle: Bundle) =>
              inZapierWords(
                z,
                host,
                async () => {
                  const input = bundle.inputData ?? {};
                  try {
                    return (await perform(clientOf(z, host, bundle), op, input)).map((record) => withId(record, op, input));
                  } catch (error) {
                    if (error instanceof ApiError && error.status === 404) return [];
                    throw error;
                  }
                },
                testingAuthOf(bundle),
              ),
            sample: op.sample,
          },
        },
      ];
    }),
  );
}
