// Any failure as a Zapier error in the provider's words (never the request, which carries the key or token).
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { HostProvider } from '@distribu/shared/kit';
import { zapierErrorOf } from './errors';

/** Runs a step's calls; a refused key asks the user to reconnect, except in the connection test, where it is the answer. */
export async function inZapierWords<T>(z: ZObject, host: HostProvider, call: () => Promise<T>, bundle?: Pick<Bundle, 'meta'>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw zapierErrorOf(z, host, error, { testingAuth: !!bundle?.meta?.isTestingAuth });
  }
}
