// Any failure as a Zapier error in the provider's words (never the request, which carries the key or token).
import type { Bundle, ZObject } from 'zapier-platform-core';
import { ApiError, type HostProvider } from '@distribu/shared/kit';

export async function inZapierWords<T>(z: ZObject, host: HostProvider, call: () => Promise<T>, bundle?: Pick<Bundle, 'meta'>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    // Zapier's own signals pass through: a refresh of the session's token, a halt.
    if (error instanceof z.errors.RefreshAuthError || error instanceof z.errors.Error) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const status = error instanceof ApiError ? error.status : undefined;
    // A session's token expired or was revoked: Zapier runs sessionConfig.perform and repeats the step once.
    if (status === 401 && host.api?.auth.kind === 'oauth2-client-credentials') throw new z.errors.RefreshAuthError(message);
    // A refused key asks the user to reconnect, except in the connection test itself, where it is the answer.
    const refused = status !== undefined && (host.api?.keyRefused ? host.api.keyRefused(status) : status === 401);
    if (refused && !bundle?.meta?.isTestingAuth) throw new z.errors.ExpiredAuthError(message);
    throw new z.errors.Error(message, status !== undefined ? `Http${status}` : 'ProviderError', status);
  }
}
