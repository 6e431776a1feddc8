// Distribu's app's error helpers: the generic mapping (provider/errors.ts) with Distribu as the provider.
import type { ZObject } from 'zapier-platform-core';
import { DistribuApiError, describeApiError, type ApiErrorDetails } from '@distribu/shared/runtime';
import { distribuHost } from '@distribu/shared/providers/distribu';
import { zapierErrorOf } from './provider/errors';

export { expiredAuthError } from './provider/errors';

/** An API error answer as the Zapier error users should see (a 401 reads as the refused key it is). */
export function toZapierError(z: ZObject, details: ApiErrorDetails, hint = '', said = describeApiError(details)): Error {
  return zapierErrorOf(z, distribuHost, new DistribuApiError(details, said), { testingAuth: true, hint });
}

/** Whatever a Distribu call threw, as a plain Zapier error; a refused key is stated, not turned into a reconnect. */
export function asZapierError(z: ZObject, error: unknown, hint = ''): Error {
  return zapierErrorOf(z, distribuHost, error, { testingAuth: true, hint });
}

/**
 * A failure while a Zap runs or loads its data (perform, performList, dropdowns, creates, searches): bad input
 * names the field; a refused key (401) is ExpiredAuthError, so Zapier asks the user to reconnect and holds the runs.
 */
export function runError(z: ZObject, error: unknown): Error {
  return zapierErrorOf(z, distribuHost, error);
}

/** Runs Distribu calls while a Zap runs and rethrows their failures as runError says. */
export async function withRunErrors<T>(z: ZObject, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw runError(z, error);
  }
}

/** Runs Distribu calls and rethrows anything they throw as a plain Zapier error (see asZapierError). */
export async function withZapierErrors<T>(z: ZObject, call: () => Promise<T>, hint = ''): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw asZapierError(z, error, hint);
  }
}
