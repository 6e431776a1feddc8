/**
 * OAuth2 client credentials (RFC 6749 §4.4) in front of a host's HTTP function, for any provider:
 * one token request per expiry (concurrent calls share it), a 401 refreshes the token once and
 * repeats the call once, and neither the client secret nor a token ever appears in an error.
 */
import type { ApiRequest, ApiResponse, Transport } from './client';
import { TokenError } from './errors';

export interface ClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Auth0 and others name the API the token is for. */
  audience?: string;
  scopes?: string[];
}

/** The host's raw POST of a form (no authentication added); must not throw on HTTP error statuses. */
export type FormPost = (url: string, form: Record<string, string>) => Promise<ApiResponse>;

/** A call over the host's HTTP function with the given Authorization header value. */
export type AuthorizedSend = (request: ApiRequest, authorization: string) => Promise<ApiResponse>;

export interface Token {
  accessToken: string;
  /** ms epoch after which the token is not used any more. */
  expiresAt: number;
}

// Here since the REST client passes it through unchanged (errors.ts); its home for importers stays this file.
export { TokenError } from './errors';

/** A token is renewed this long before its stated expiry, so no call goes out with one about to lapse. */
export const EXPIRY_MARGIN_MS = 30_000;
/** When the endpoint states no lifetime (expires_in is optional in RFC 6749). */
const DEFAULT_LIFETIME_S = 300;

function field(body: unknown, key: string): unknown {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>)[key] : undefined;
}

/** The endpoint's own short error code (`invalid_client`...), never free text that might echo a value. */
function errorCode(body: unknown): string | undefined {
  const code = field(body, 'error');
  return typeof code === 'string' && /^[a-z_]{1,40}$/.test(code) ? code : undefined;
}

export class ClientCredentialsToken {
  private token: Token | undefined;
  private pending: Promise<Token> | undefined;
  /** How many tokens were fetched: tests and logs read it. */
  fetched = 0;

  constructor(
    private readonly credentials: ClientCredentials,
    private readonly post: FormPost,
    /** The provider's name, for the words of a failure. */
    private readonly providerName: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached token while it is valid, otherwise a fresh one (one request for concurrent callers). */
  async get(): Promise<string> {
    if (this.token && this.now() < this.token.expiresAt) return this.token.accessToken;
    return (await this.refresh()).accessToken;
  }

  /** Forgets `stale` (the token a 401 refused) and fetches another, unless someone already did. */
  async renew(stale: string): Promise<string> {
    if (this.token && this.token.accessToken !== stale && this.now() < this.token.expiresAt) return this.token.accessToken;
    this.token = undefined;
    return (await this.refresh()).accessToken;
  }

  private refresh(): Promise<Token> {
    this.pending ??= this.request().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async request(): Promise<Token> {
    const { tokenUrl, clientId, clientSecret, audience, scopes } = this.credentials;
    if (!clientId || !clientSecret) throw new TokenError(`A client ID and a client secret are needed to connect to ${this.providerName}.`);
    const form: Record<string, string> = { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret };
    if (audience) form.audience = audience;
    if (scopes && scopes.length > 0) form.scope = scopes.join(' ');
    let response: ApiResponse;
    try {
      response = await this.post(tokenUrl, form);
    } catch {
      // The host's error object may carry the form (and so the secret): only our words leave.
      throw new TokenError(`Could not reach ${this.providerName}'s token endpoint to sign in. Check the token URL and try again.`);
    }
    const { status, body } = response;
    if (status === 401 || status === 403 || errorCode(body) === 'invalid_client' || errorCode(body) === 'unauthorized_client') {
      throw new TokenError(`${this.providerName} refused the client ID and client secret (HTTP ${status}${errorCode(body) ? `, ${errorCode(body)}` : ''}). Check both and try again.`, status);
    }
    if (status < 200 || status >= 300) {
      throw new TokenError(`${this.providerName}'s token endpoint answered HTTP ${status}${errorCode(body) ? ` (${errorCode(body)})` : ''}; no token was issued.`, status);
    }
    const accessToken = field(body, 'access_token');
    const expiresIn = field(body, 'expires_in');
    if (typeof accessToken !== 'string' || accessToken === '') throw new TokenError(`${this.providerName}'s token endpoint answered without an access token.`, status);
    const lifetime = typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : DEFAULT_LIFETIME_S;
    this.fetched += 1;
    this.token = { accessToken, expiresAt: this.now() + Math.max(0, lifetime * 1000 - EXPIRY_MARGIN_MS) };
    return this.token;
  }
}

/**
 * The kit's Transport with a client-credentials token: Bearer on every call; a 401 renews the token
 * and repeats the call once (a 401 again is returned as is, for the provider's ApiShape to word).
 * Repeating is safe for a create too: a 401 means the API refused before doing anything.
 */
export function clientCredentialsTransport(token: ClientCredentialsToken, send: AuthorizedSend): Transport {
  return async (request) => {
    const first = await token.get();
    const response = await send(request, `Bearer ${first}`);
    if (response.status !== 401) return response;
    const second = await token.renew(first);
    return send(request, `Bearer ${second}`);
  };
}
