// How an MCP session reaches a provider's API, for every provider: the caller's API key as a Bearer token, or
// OAuth2 client credentials (the host data's `api.auth` says which) through the kit's token flow (one token per
// expiry, renewed once on a 401, kept per identity across sessions). Then the host data's `connect` makes the provider's client.
import { createHash } from 'node:crypto';
import { ClientCredentialsToken, clientCredentialsTransport, REQUEST_TIMEOUT_MS, type HostEvent, type HostOperation, type HostProvider, type RestClient, type Transport } from '@distribu/shared/kit';
import { authorizedSend, bodyOf, fetchTransportAt } from './distribu-http';
import type { McpOptions } from './provider';

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** The form POST of a token request, as the kit's token flow wants it (HTTP error statuses returned). */
async function postForm(url: string, form: Record<string, string>) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  return { status: response.status, body: await bodyOf(response) };
}

/** Tokens kept across sessions (Streamable HTTP makes one per request): at most this many identities. */
const MAX_IDENTITIES = 64;
const tokens = new Map<string, ClientCredentialsToken>();

/** One token flow per identity (keyed by a digest, never the secret itself), the least recently used one dropped first. */
function tokenFor(identity: Record<string, unknown>, make: () => ClientCredentialsToken): ClientCredentialsToken {
  const key = createHash('sha256').update(JSON.stringify(identity)).digest('hex');
  const token = tokens.get(key) ?? make();
  tokens.delete(key);
  tokens.set(key, token);
  if (tokens.size > MAX_IDENTITIES) tokens.delete(tokens.keys().next().value!);
  return token;
}

export function connectClient<Client extends RestClient>(host: Pick<HostProvider<HostEvent, HostOperation, Client>, 'api' | 'names'>, options: McpOptions): Client {
  const api = host.api;
  if (!api) throw new Error(`${host.names.displayName} has no API for an MCP server.`);
  const root = api.baseUrl.toRoot(options.baseUrl);
  // The connection's fields (client ID and secret, administration...), as typed, trimmed.
  const credentials = Object.fromEntries(Object.entries(options.credentials ?? {}).map(([key, value]) => [key, text(value)]));
  let transport: Transport;
  if (api.auth.kind === 'oauth2-client-credentials') {
    const identity = {
      tokenUrl: credentials.tokenUrl || api.auth.tokenUrl,
      clientId: credentials.clientId ?? '',
      clientSecret: credentials.clientSecret ?? '',
      audience: credentials.audience || api.auth.audience,
      scopes: api.auth.scopes,
    };
    const token = tokenFor(identity, () => new ClientCredentialsToken(identity, postForm, host.names.displayName));
    const send = authorizedSend(root);
    transport = clientCredentialsTransport(token, async (request, authorization) => {
      try {
        return await send(request, authorization);
      } catch (error) {
        throw api.networkError(error);
      }
    });
  } else {
    transport = fetchTransportAt(root, options.apiKey);
  }
  return api.connect(transport, credentials);
}
