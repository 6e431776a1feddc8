// Runs a catalog operation for a Zapier create or search: the shared executor does the work
// (checks, REST call, plain-words failures, no retries); withRunErrors maps its failures to Zapier's errors.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { runOperation, type RunOptions, type RuntimeOperation } from '@distribu/shared/runtime';
import { withRunErrors } from '../errors';
import { distribuClient } from '../transport';

/** The operation's records for this bundle's connection and inputs. */
export function runForZapier(
  z: ZObject,
  bundle: Bundle,
  op: RuntimeOperation,
  params: Record<string, unknown>,
  options: RunOptions = {},
): Promise<Record<string, unknown>[]> {
  return withRunErrors(z, () => runOperation(distribuClient(z, bundle), op, params, options));
}
