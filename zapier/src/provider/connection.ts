// A provider app's connection, from the provider's auth spec: an API key (custom auth), or OAuth2 client
// credentials as Zapier prescribes for a token got without a user's consent: session auth, whose fields are the
// client ID and secret, whose sessionConfig.perform gets the token (the kit's ClientCredentialsToken, its words,
// never the secret), and which Zapier refreshes on a 401 (core's stale-auth middleware raises RefreshAuthError for
// a session app; Zapier then runs sessionConfig.perform and repeats the step once). The connection is tested with
// the provider's probe and labelled with the administration or the API's host, or, for a provider that can name
// what a credential reads (`api.label`, e.g. dist0's project), tested by that call and labelled with its answer.
import type { Bundle, HttpRequestOptions, ZObject } from 'zapier-platform-core';
import { ClientCredentialsToken, NetworkError, type HostEvent, type HostProvider, type RestClient, type RuntimeOperation, type Transport } from '@distribu/shared/kit';
import { callTimeout, outOfTime, startStep } from '../time-budget';
import { baseUrlProblem } from './base-url';
import { inZapierWords, testingAuthOf, zapierErrorOf } from './errors';
import { checkScopes } from './scope-test';
import { scopesOf } from './scopes';

type Auth = HostProvider['api'] extends infer A ? (A extends { auth: infer S } ? S : never) : never;
type ClientCredentials = Extract<Auth, { kind: 'oauth2-client-credentials' }>;

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** Core 19 throws 429s before any afterResponse runs unless a request opts out (core: src/http-middlewares/after/throw-for-throttling.js). */
type CoreRequestOptions = HttpRequestOptions & { url: string; throwForThrottlingEarly?: boolean };

function plainHeaders(headers: { forEach?: (cb: (value: string, key: string) => void) => void } | undefined) {
  const out: Record<string, string> = {};
  headers?.forEach?.((value, key) => {
    out[key] = value;
  });
  return out;
}

/** "… did not answer within 9.5 seconds.": a call this app gave up on (0 ms: did not send), in the provider's words. */
function timedOut(host: HostProvider, ms: number, message?: string) {
  const api = host.api!;
  if (api.timedOut) return api.timedOut(ms, message);
  return new NetworkError('timeout', message ?? `${host.names.displayName} did not answer within ${Math.round(ms / 100) / 10} seconds. Try again in a few minutes.`);
}

/**
 * The API over z.request. Statuses come back as answers, never thrown (skipThrowForStatus, no early 429 throw), so
 * the provider's client words every error; a 401 too (core's stale-auth middleware throws it for a session app),
 * so inZapierWords asks Zapier to refresh the session. An API key is added by the app's beforeRequest
 * (middleware.ts), only for the connected API; a session's token here. Each call's `timeout` (core passes it to
 * node-fetch; it covers the answer's body too) comes from the step's time budget (time-budget.ts); a step out of
 * time sends nothing more. Whatever z.request throws becomes the provider's plain network error, which keeps no
 * request or headers. `renew`: a hook's perform gets a fresh token itself, once, and repeats the call (a perform
 * Zapier repeated after a refresh would find its event id already claimed).
 */
export function transportOf(z: ZObject, host: HostProvider, bundle: Pick<Bundle, 'authData'>, options: { renew?: boolean } = {}): Transport {
  const api = host.api!;
  const problem = baseUrlProblem(host, bundle.authData?.baseUrl);
  if (problem) throw new z.errors.Error(problem, 'InvalidBaseUrl', 400);
  const root = api.baseUrl.toRoot(text(bundle.authData?.baseUrl) || undefined);
  const auth = api.auth;
  let renewed: string | undefined;
  const send: Transport = async (request) => {
    const timeout = callTimeout(bundle, request.method === 'POST');
    if (timeout === 0) throw timedOut(host, 0, outOfTime(host));
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.query ?? {})) if (v !== undefined) params[k] = String(v);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (auth.kind === 'oauth2-client-credentials') headers.Authorization = `Bearer ${renewed ?? text(bundle.authData?.accessToken)}`;
    const call: CoreRequestOptions = { url: `${root}${request.path}`, method: request.method, headers, params, skipThrowForStatus: true, throwForThrottlingEarly: false, timeout };
    if (request.body !== undefined) call.body = request.body as Record<string, unknown>;
    let response;
    try {
      response = await z.request(call);
    } catch (error) {
      if (error instanceof z.errors.RefreshAuthError) return { status: 401, body: undefined };
      const failure = api.networkError(error);
      throw failure.kind === 'timeout' ? timedOut(host, timeout) : failure;
    }
    return { status: response.status, body: response.data !== undefined ? response.data : response.content, headers: plainHeaders(response.headers as never) };
  };
  if (!options.renew || auth.kind !== 'oauth2-client-credentials') return send;
  return async (request) => {
    const first = await send(request);
    if (first.status !== 401 || renewed !== undefined) return first;
    renewed = await accessToken(z, host, auth, bundle);
    return send(request);
  };
}

/** The provider's client for this connection. */
export function clientOf(z: ZObject, host: HostProvider, bundle: Pick<Bundle, 'authData'>, options: { renew?: boolean } = {}) {
  return host.api!.connect(transportOf(z, host, bundle, options), (bundle.authData ?? {}) as Record<string, unknown>);
}

/** Gets an access token for the connection's client ID and secret (the kit's flow and words). */
async function accessToken(z: ZObject, host: HostProvider, auth: ClientCredentials, bundle: Pick<Bundle, 'authData'>): Promise<string> {
  const data = bundle.authData ?? {};
  const token = new ClientCredentialsToken(
    { tokenUrl: text(data.tokenUrl) || auth.tokenUrl, clientId: text(data.clientId), clientSecret: text(data.clientSecret), audience: text(data.audience) || auth.audience },
    async (url, form) => {
      try {
        const response = await z.request({ url, method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' }, skipThrowForStatus: true });
        return { status: response.status, body: response.data !== undefined ? response.data : response.content };
      } catch (error) {
        // core's stale-auth middleware turns the token endpoint's own 401 (a wrong client secret) into a refresh: it is a refusal.
        if (error instanceof z.errors.RefreshAuthError) return { status: 401, body: undefined };
        throw error;
      }
    },
    host.names.displayName,
  );
  return token.get();
}

/**
 * The host of the connected API (`distribu.app`, `staging.example.com:8443`): what a connection label can honestly
 * say where the API names neither the account nor the key. URL parsing drops any `user:password@` part, and a value
 * that is not a URL yields the default's host.
 */
export function connectionHost(host: HostProvider, baseUrl: unknown): string {
  const fallback = new URL(host.api!.baseUrl.default).host;
  if (typeof baseUrl !== 'string' || baseUrl.trim() === '') return fallback;
  try {
    return new URL(baseUrl.trim()).host || fallback;
  } catch {
    return fallback;
  }
}

function connectionLabelOf(host: HostProvider) {
  return async (_z: ZObject, bundle: Bundle) => text(bundle.authData?.administrationCode) || connectionHost(host, bundle.authData?.baseUrl);
}

/** The API key field's help: where keys are made, and for scoped keys which scopes to give. */
function apiKeyHelp(host: HostProvider<HostEvent, RuntimeOperation, RestClient>): string {
  const name = host.names.displayName;
  const where = host.provider.voice.places.apiKeys;
  const scoped = host.api!.keyScopes;
  if (!scoped) return where ? `A ${name} API key: create one in ${name} (${where}).` : `A ${name} API key.`;
  return (
    `Create a key in ${name} under **${where}**${scoped.whoCan ? ` (${scoped.whoCan})` : ''} with these scopes: ` +
    `${scopesOf(host).required().map((s) => `\`${s}\``).join(', ')}. A key's scopes cannot be changed later.` +
    (scoped.docsUrl ? ` [How API keys work](${scoped.docsUrl})` : '')
  );
}

/**
 * The connection test: for a provider that names what the connection reads, that call (its answer is the label);
 * for scoped keys, the scopes the app needs, each proved (scope-test.ts), labelled with the API's host and saying
 * how many of the provider's webhooks are in use; else the provider's probe. A refused key is the test's answer.
 */
function connectionTest(host: HostProvider<HostEvent, RuntimeOperation, RestClient>) {
  const api = host.api!;
  return async (z: ZObject, bundle: Bundle) => {
    startStep(bundle);
    try {
      const client = clientOf(z, host, bundle);
      if (api.label) return { label: await api.label(client) };
      if (api.keyScopes) {
        const inUse = await checkScopes(z, host, client);
        const cap = host.subscription.mode === 'api' ? host.subscription.cap : undefined;
        return { label: connectionHost(host, bundle.authData?.baseUrl), ...(inUse !== null ? { webhooksInUse: inUse, webhookLimit: cap } : {}) };
      }
      const probe = { ...api.probe, path: api.probe.path.replace('{{$credentials.administrationCode}}', encodeURIComponent(text(bundle.authData?.administrationCode))) };
      return (await client.call(probe)).body;
    } catch (error) {
      throw zapierErrorOf(z, host, error, { testingAuth: true });
    }
  };
}

export function authenticationOf(host: HostProvider<HostEvent, RuntimeOperation, RestClient>) {
  const api = host.api!;
  const name = host.names.displayName;
  const test = connectionTest(host);
  const connectionLabel = api.label || api.keyScopes ? '{{label}}' : connectionLabelOf(host);
  const baseUrl = {
    key: 'baseUrl',
    label: 'Base URL',
    type: 'string' as const,
    required: false,
    default: api.baseUrl.default,
    helpText: `Leave as is (\`${api.baseUrl.default}\`). Change it only to connect a ${name} staging or test server; it must start with https://.`,
  };
  if (api.auth.kind === 'api-key') {
    return {
      type: 'custom' as const,
      fields: [{ key: 'apiKey', label: 'API Key', required: true, type: 'password' as const, helpText: apiKeyHelp(host) }, baseUrl],
      test,
      connectionLabel,
    };
  }
  const auth = api.auth;
  return {
    type: 'session' as const,
    fields: [
      { key: 'clientId', label: 'Client ID', required: true, type: 'string' as const, helpText: `The client ID of the machine identity (machine-to-machine application) ${name} gave you.` },
      { key: 'clientSecret', label: 'Client Secret', required: true, type: 'password' as const, helpText: 'Its client secret. Zapier uses it only to get access tokens.' },
      { key: 'administrationCode', label: 'Administration Code', required: true, type: 'string' as const, helpText: 'The administration this connection works in: webhooks and records belong to one.' },
      baseUrl,
      { key: 'tokenUrl', label: 'Token URL', required: false, default: auth.tokenUrl, helpText: 'Where access tokens are issued. Keep the default.' },
      { key: 'audience', label: 'Audience', required: false, default: auth.audience ?? '', helpText: 'The API identifier the token is for. Keep the default.' },
    ],
    sessionConfig: { perform: async (z: ZObject, bundle: Bundle) => ({ accessToken: await inZapierWords(z, host, () => accessToken(z, host, auth, bundle), testingAuthOf(bundle)) }) },
    test,
    connectionLabel,
  };
}
