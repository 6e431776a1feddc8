// Runs a catalog operation for a Zapier create or search: the shared executor does the work
// (checks, REST call, plain-words failures, no retries); this maps its failures to Zapier's errors.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { DistribuApiError, DistribuInputError, runOperation, type RunOptions, type RuntimeOperation } from '@distribu/shared/runtime';
import { asZapierError, expiredAuthError } from '../errors';
import { distribuClient } from '../transport';

/**
 * Bad input: a plain message naming the field, before anything reached Distribu. A refused key
 * while a Zap runs: ExpiredAuthError, so Zapier asks the user to reconnect and holds the runs.
 * Anything else: the executor's own message (missing scope named, refused status change with the
 * allowed ones, whether a create happened) as a Zapier error.
 */
export function operationError(z: ZObject, error: unknown): Error {
  if (error instanceof DistribuInputError) return new z.errors.Error(error.message, 'InvalidInput', 400);
  if (error instanceof DistribuApiError && error.status === 401) return expiredAuthError(z, error.message);
  return asZapierError(z, error);
}

/** Runs Distribu calls and rethrows their failures as operationError says. */
export async function withOperationErrors<T>(z: ZObject, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw operationError(z, error);
  }
}

/** The operation's records for this bundle's connection and inputs. */
export function runForZapier(
  z: ZObject,
  bundle: Bundle,
  op: RuntimeOperation,
  params: Record<string, unknown>,
  options: RunOptions = {},
): Promise<Record<string, unknown>[]> {
  return withOperationErrors(z, () => runOperation(distribuClient(z, bundle), op, params, options));
}
