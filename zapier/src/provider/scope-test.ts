// The connection test of a provider whose keys carry scopes: proves the key works and names the scopes it lacks
// of those the app needs, with one side-effect-free call per scope (the provider's probe; the others at once).
import type { ZObject } from 'zapier-platform-core';
import { ApiError, type HostEvent, type HostProvider, type RestClient, type RuntimeOperation } from '@distribu/shared/kit';
import { scopesOf } from './scopes';

type Host = HostProvider<HostEvent, RuntimeOperation, RestClient>;

/** The scopes this key lacks, of `scopes`; throws when the key itself is refused or the provider cannot be reached. */
export async function missingScopes(host: Host, client: RestClient, scopes: string[]): Promise<string[]> {
  const probe = host.api!.keyScopes!.probe;
  const outcomes = await Promise.all(
    scopes.map(async (scope) => {
      try {
        await client.call(probe(scope));
        return undefined;
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        if (error.status === 403) return scope;
        if (error.status === 401 || error.status === 429 || error.status >= 500) throw error;
        return undefined; // 404, 400: past the scope check
      }
    }),
  );
  return outcomes.filter((s): s is string => s !== undefined);
}

/**
 * The key's scopes, checked: the webhook list is the webhooks-read probe and tells how many of the cap are in use.
 * Returns that count (null when the webhook API is not the app's) or throws the missing scopes in plain words.
 */
export async function checkScopes(z: ZObject, host: Host, client: RestClient): Promise<number | null> {
  const scopes = scopesOf(host);
  const { read } = scopes.spec.webhooks;
  const subscription = host.subscription;
  let inUse: number | null = null;
  const missing: string[] = [];
  const listed = subscription.mode === 'api' && !!subscription.inUse;
  if (subscription.mode === 'api' && subscription.inUse) {
    try {
      inUse = await subscription.inUse(client);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 403)) throw error;
      missing.push(read);
    }
  }
  missing.push(...(await missingScopes(host, client, scopes.required().filter((s) => !listed || s !== read))));
  if (missing.length > 0) {
    const name = host.names.displayName;
    throw new z.errors.Error(
      `This API key lacks ${missing.length === 1 ? 'a scope' : 'scopes'} the app needs: ${missing.map(scopes.whatNeeds).join('; ')}. ` +
        `Scopes are fixed when a key is created: create a key in ${name} under ${host.provider.voice.places.apiKeys} with ${scopes.required().join(', ')}, then reconnect.`,
      'MissingScope',
      403,
    );
  }
  return inUse;
}
