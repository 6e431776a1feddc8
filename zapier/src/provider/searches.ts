// A provider app's searches: each operation that reads one record by its inputs (codes), run by the host's
// `perform` (the same runner as its n8n action node and MCP tools). Not found is an empty result (Zapier's search
// convention: the Zap may then create or stop); other failures are errors in the provider's words.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { ApiError, type HostEvent, type HostProvider, type RestClient, type RuntimeOperation } from '@distribu/shared/kit';
import { clientOf } from './connection';
import { inZapierWords } from './words';

export const searchKey = (op: RuntimeOperation): string => `find_${op.key.replace(/\.get$/, '').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()}`;

export function searchesOf(host: HostProvider<HostEvent, RuntimeOperation, RestClient>) {
  const perform = host.perform;
  if (!perform) return {};
  const ops = host.operations.filter((op) => !op.paginated && op.inputs.length > 0);
  return Object.fromEntries(
    ops.map((op) => {
      const noun = op.label.replace(/^Get /, '');
      return [
        searchKey(op),
        {
          key: searchKey(op),
          noun,
          display: { label: `Find ${noun}`, description: `Finds a ${noun.toLowerCase()} in ${host.names.displayName} by its code${op.inputs.length > 1 ? 's' : ''}.` },
          operation: {
            inputFields: op.inputs.map((input) => ({ key: input.key, label: input.label, required: input.required, helpText: input.description })),
            perform: (z: ZObject, bundle: Bundle) =>
              inZapierWords(z, host, async () => {
                try {
                  return await perform(clientOf(z, host, bundle), op, bundle.inputData ?? {});
                } catch (error) {
                  if (error instanceof ApiError && error.status === 404) return [];
                  throw error;
                }
              }),
            sample: op.sample,
          },
        },
      ];
    }),
  );
}
