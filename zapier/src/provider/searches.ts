// A provider app's searches: each operation that reads one record by its inputs (codes), from the host data.
// Not found is an empty result (Zapier's search convention: the Zap may then create or stop); other failures are
// errors in the provider's words.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { ApiError, type HostOperation, type HostProvider } from '@distribu/shared/kit';
import { clientOf } from './connection';
import { inZapierWords } from './words';

export const searchKey = (op: HostOperation): string => `find_${op.key.replace(/\.get$/, '').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()}`;

export function searchesOf(host: HostProvider) {
  const run = host.runOperation;
  if (!run) return {};
  const ops = host.operations.filter((op) => !op.many && Array.isArray(op.inputs) && op.inputs.length > 0 && op.sample);
  return Object.fromEntries(
    ops.map((op) => {
      const noun = op.label.replace(/^Get /, '');
      return [
        searchKey(op),
        {
          key: searchKey(op),
          noun,
          display: { label: `Find ${noun}`, description: `Finds a ${noun.toLowerCase()} in ${host.names.displayName} by its code${op.inputs!.length > 1 ? 's' : ''}.` },
          operation: {
            inputFields: op.inputs!.map((input) => ({ key: input.key, label: input.label, required: input.required, helpText: input.description })),
            perform: (z: ZObject, bundle: Bundle) =>
              inZapierWords(z, host, async () => {
                const input: Record<string, string> = {};
                for (const field of op.inputs!) {
                  const value = String(bundle.inputData?.[field.key] ?? '').trim();
                  if (value) input[field.key] = value;
                }
                try {
                  const got = await run(clientOf(z, host, bundle), op.key, input);
                  return Array.isArray(got) ? got : [got];
                } catch (error) {
                  if (error instanceof ApiError && error.status === 404) return [];
                  throw error;
                }
              }),
            sample: op.sample!,
          },
        },
      ];
    }),
  );
}
