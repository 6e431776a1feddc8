// Where an MCP server's connection comes from, for any provider, from its data (McpProvider.cli and the host
// data's api.auth): environment variables for a bin on stdio, each request's headers over HTTP, and the plain
// words when something is missing. An API key travels as `Authorization: Bearer <key>`; OAuth2 client credentials
// as `Authorization: Basic <base64 of clientId:clientSecret>` (the way OAuth2 clients authenticate to a token
// endpoint, RFC 6749 §2.3.1) with each of the provider's fields (Orisha Commerce: the administration) in its header.
import type { IncomingHttpHeaders } from 'node:http';
import { wordList } from '@distribu/shared/kit';
import { checkedBaseUrl } from './distribu-http';
import type { McpOptions, McpProvider } from './provider';

/** One environment variable a bin reads. */
export interface EnvVar {
  name: string;
  /** What it holds, in words. */
  meaning: string;
  /** Needed on stdio (over HTTP each request brings it). */
  required: boolean;
  /** The value used when it is unset. */
  default?: string;
}

const authOf = (provider: McpProvider) => {
  const api = provider.host.api;
  if (!api) throw new Error(`${provider.host.names.displayName} has no API for an MCP server.`);
  return api.auth;
};

/** True when the provider's API takes OAuth2 client credentials (not an API key). */
export const usesClientCredentials = (provider: McpProvider) => authOf(provider).kind === 'oauth2-client-credentials';


/** Every variable the bin reads, the required ones first. */
export function envVars(provider: McpProvider): EnvVar[] {
  const { envPrefix: p, fields = [] } = provider.cli;
  const name = provider.host.names.displayName;
  const auth = authOf(provider);
  const baseUrl: EnvVar = { name: `${p}_BASE_URL`, meaning: `${name}'s address`, required: false, default: provider.host.api!.baseUrl.default };
  if (auth.kind !== 'oauth2-client-credentials') return [{ name: `${p}_API_KEY`, meaning: `the ${name} API key every tool call uses`, required: true }, baseUrl];
  return [
    { name: `${p}_CLIENT_ID`, meaning: `the client ID of your ${name} machine identity`, required: true },
    { name: `${p}_CLIENT_SECRET`, meaning: 'its client secret', required: true },
    ...fields.map((field) => ({ name: `${p}_${field.env}`, meaning: field.label, required: true })),
    baseUrl,
    { name: `${p}_TOKEN_URL`, meaning: `where ${name}'s tokens are issued`, required: false, default: auth.tokenUrl },
    ...(auth.audience ? [{ name: `${p}_AUDIENCE`, meaning: 'the API identifier the token is for', required: false, default: auth.audience }] : []),
  ];
}

/** What a bin says when its required variables are not set. */
export function missingEnvMessage(provider: McpProvider, missing: string[]): string {
  const name = provider.host.names.displayName;
  const { where, fields = [] } = provider.cli;
  const those = missing.length > 1 ? 'those environment variables' : 'that environment variable';
  const verb = missing.length > 1 ? 'are' : 'is';
  if (!usesClientCredentials(provider)) return `${wordList(missing)} ${verb} not set: give the ${name} MCP server your ${name} API key in ${those} (create one ${where}).`;
  const what = wordList([`your ${name} machine identity's client ID and client secret`, ...fields.map((f) => f.label)]);
  return `${wordList(missing)} ${verb} not set: give the ${name} MCP server ${what} in ${those} (create a machine identity ${where}).`;
}

/** The HTTP auth scheme a client uses (its `WWW-Authenticate` challenge). */
export const httpScheme = (provider: McpProvider) => (usesClientCredentials(provider) ? 'Basic' : 'Bearer');

/** How an HTTP client sends its connection, as the usage text and the README say it. */
export function httpCredentialsWords(provider: McpProvider): string {
  if (!usesClientCredentials(provider)) return 'its key as "Authorization: Bearer <key>"';
  const headers = (provider.cli.fields ?? []).map((f) => `${f.label} in ${f.header}`);
  return wordList(['its client ID and secret as "Authorization: Basic <base64 of clientId:clientSecret>"', ...headers]);
}

/** What a request without its connection is told (HTTP 401). */
export function missingCredentialsMessage(provider: McpProvider): string {
  const name = provider.host.names.displayName;
  const { where, fields = [] } = provider.cli;
  if (!usesClientCredentials(provider)) return `No ${name} API key: send it in the Authorization header as "Bearer <your ${name} API key>". Create a key ${where}.`;
  const headers = fields.map((f) => `, and ${f.label} in the ${f.header} header`).join('');
  return `No ${name} client credentials: send your machine identity's client ID and secret in the Authorization header as "Basic <base64 of clientId:clientSecret>"${headers}. Create a machine identity ${where}.`;
}

const text = (value: string | undefined) => value?.trim() ?? '';

/** A base URL, checked once at start (a malformed one would fail every call as "could not reach"); empty: the provider's own. */
export function checkedProviderBaseUrl(provider: McpProvider, baseUrl: string | undefined): string | undefined {
  const variable = `${provider.cli.envPrefix}_BASE_URL`;
  return checkedBaseUrl(baseUrl, `The ${provider.host.names.displayName} base URL (${variable})`, provider.host.api!.baseUrl.default);
}

/**
 * What the server adds to every HTTP request's connection: the base URL, and for client credentials where tokens
 * are issued (deployment facts, not an identity's). Throws in plain words when one is malformed.
 */
export function serverSettingsFromEnv(provider: McpProvider, env: NodeJS.ProcessEnv): Pick<McpOptions, 'baseUrl' | 'credentials'> {
  const baseUrl = checkedProviderBaseUrl(provider, env[`${provider.cli.envPrefix}_BASE_URL`]);
  const auth = authOf(provider);
  if (auth.kind !== 'oauth2-client-credentials') return { baseUrl };
  const p = provider.cli.envPrefix;
  const name = provider.host.names.displayName;
  const tokenUrl = checkedBaseUrl(env[`${p}_TOKEN_URL`], `The ${name} token URL (${p}_TOKEN_URL)`, auth.tokenUrl);
  const audience = text(env[`${p}_AUDIENCE`]);
  return { baseUrl, credentials: { ...(tokenUrl ? { tokenUrl } : {}), ...(audience ? { audience } : {}) } };
}

/** A stdio bin's connection from its environment; throws the plain words of what is missing or malformed. */
export function connectionFromEnv(provider: McpProvider, env: NodeJS.ProcessEnv): McpOptions {
  const p = provider.cli.envPrefix;
  const missing = envVars(provider).filter((v) => v.required && !text(env[v.name]));
  if (missing.length > 0) throw new Error(missingEnvMessage(provider, missing.map((v) => v.name)));
  const settings = serverSettingsFromEnv(provider, env);
  if (!usesClientCredentials(provider)) return { apiKey: text(env[`${p}_API_KEY`]), baseUrl: settings.baseUrl };
  const fields = Object.fromEntries((provider.cli.fields ?? []).map((f) => [f.key, text(env[`${p}_${f.env}`])]));
  return { apiKey: '', baseUrl: settings.baseUrl, credentials: { ...settings.credentials, clientId: text(env[`${p}_CLIENT_ID`]), clientSecret: text(env[`${p}_CLIENT_SECRET`]), ...fields } };
}

const header = (headers: IncomingHttpHeaders, name: string) => {
  const value = headers[name.toLowerCase()];
  return text(Array.isArray(value) ? value[0] : value);
};

/** `Basic <base64>` → client ID and secret (each form-encoded by OAuth2 clients; plain ones pass unchanged). */
function basicCredentials(authorization: string): { clientId: string; clientSecret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) return undefined;
  const plain = (part: string) => {
    try {
      return decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      return part;
    }
  };
  return { clientId: plain(decoded.slice(0, colon)), clientSecret: plain(decoded.slice(colon + 1)) };
}

/**
 * One HTTP request's connection from its headers, with the server's settings; undefined when the request lacks
 * it (the server answers 401 with missingCredentialsMessage). Stateless: nothing is kept between requests.
 */
export function connectionFromRequest(provider: McpProvider, headers: IncomingHttpHeaders, settings: Pick<McpOptions, 'baseUrl' | 'credentials'>): McpOptions | undefined {
  const authorization = header(headers, 'authorization');
  if (!usesClientCredentials(provider)) {
    const apiKey = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    return apiKey ? { apiKey, baseUrl: settings.baseUrl } : undefined;
  }
  const identity = basicCredentials(authorization);
  const fields = (provider.cli.fields ?? []).map((f) => [f.key, header(headers, f.header)] as const);
  if (!identity || fields.some(([, value]) => !value)) return undefined;
  return { apiKey: '', baseUrl: settings.baseUrl, credentials: { ...settings.credentials, ...identity, ...Object.fromEntries(fields) } };
}
