// Any failure as a Zapier error in the provider's words (never the request, which carries the key or token).
import type { ZObject } from 'zapier-platform-core';
import { ApiError, type HostProvider } from '@distribu/shared/kit';

export async function inZapierWords<T>(z: ZObject, host: HostProvider, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    // Zapier's own signals pass through: a refresh of the session's token, a halt.
    if (error instanceof z.errors.RefreshAuthError || error instanceof z.errors.Error) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ApiError && error.status === 401) {
      // A session's token expired or was revoked: Zapier runs sessionConfig.perform and repeats the step once.
      if (host.api?.auth.kind === 'oauth2-client-credentials') throw new z.errors.RefreshAuthError(message);
      throw new z.errors.ExpiredAuthError(message);
    }
    throw new z.errors.Error(message, error instanceof ApiError ? `Http${error.status}` : 'ProviderError', error instanceof ApiError ? error.status : undefined);
  }
}
