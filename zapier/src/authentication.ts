import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';
import { DEFAULT_BASE_URL, DistribuApiError, WEBHOOK_CAP, type ApiRequest, type DistribuClient } from '@distribu/shared/runtime';
import { asZapierError } from './errors';
import { WEBHOOKS_READ, requiredScopes, scopeNeeds } from './scopes';
import { startStep } from './time-budget';
import { distribuClient } from './transport';

const API_KEY_DOCS = 'https://www.distribu.app/docs/';

/**
 * The host of the connected Distribu (`distribu.app`, `staging.example.com:8443`): the connection
 * label. Distribu's API names neither the company nor the key (it has no "who am I" call), and no
 * part of a key may appear in a label, so the host is what the label can honestly say. URL parsing
 * drops any `user:password@` part, and a value that is not a URL yields the default host.
 */
export function connectionHost(baseUrl: unknown): string {
  const fallback = new URL(DEFAULT_BASE_URL).host;
  if (typeof baseUrl !== 'string' || baseUrl.trim() === '') return fallback;
  try {
    return new URL(baseUrl.trim()).host || fallback;
  } catch {
    return fallback;
  }
}

/** A record id no Distribu can hold: a write probe on it changes nothing whatever the answer. */
const NO_SUCH_RECORD = 'zapier-connection-test-no-such-record';

/**
 * One side-effect-free call that needs exactly `scope`: a read lists one record; a write changes
 * a record that does not exist. Distribu checks the scope first and answers 403 naming it
 * (`Insufficient permissions. This key lacks the "orders:write" scope.`); any other answer (the
 * list, 404, 400) means the key has it.
 */
export function scopeProbe(scope: string): ApiRequest {
  const [resource, access] = scope.split(':');
  if (access === 'read') return { method: 'GET', path: `/${resource}`, ...(resource === 'webhooks' ? {} : { query: { limit: 1 } }) };
  return { method: 'PATCH', path: `/${resource}/${NO_SUCH_RECORD}`, body: {} };
}

/** The scopes this key lacks, of those the app needs; throws when the key itself is refused or Distribu cannot be reached. */
export async function missingScopes(client: DistribuClient, scopes: string[] = requiredScopes()): Promise<string[]> {
  const outcomes = await Promise.all(
    scopes.map(async (scope) => {
      try {
        await client.call(scopeProbe(scope));
        return undefined;
      } catch (error) {
        if (!(error instanceof DistribuApiError)) throw error;
        if (error.status === 403) return scope;
        if (error.status === 401 || error.status === 429 || error.status >= 500) throw error;
        return undefined; // 404, 400: past the scope check
      }
    }),
  );
  return outcomes.filter((s): s is string => s !== undefined);
}

/** "orders:write" (Create Order, Update Order Status): what stops working without each scope. */
function whatNeeds(scope: string): string {
  const users = scopeNeeds().filter((need) => need.scopes.includes(scope));
  const triggers = users.filter((u) => u.kind === 'trigger');
  const others = users.filter((u) => u.kind !== 'trigger').map((u) => u.label);
  const names = [...(triggers.length === scopeNeeds().filter((n) => n.kind === 'trigger').length ? ['every trigger'] : triggers.map((u) => u.label)), ...others];
  return `"${scope}" (${names.join(', ')})`;
}

/**
 * Proves the key works and says which needed scopes it lacks: one side-effect-free call per scope
 * (scopeProbe; the others at once). Returns the label and how many of the WEBHOOK_CAP webhooks are in use.
 */
async function testConnection(z: ZObject, bundle: Bundle) {
  startStep(bundle);
  try {
    const client = distribuClient(z, bundle);
    // The webhooks:read probe is the webhook list, which the result reports on too.
    let webhooks: number | null = null;
    const missing: string[] = [];
    try {
      webhooks = (await client.listWebhooks()).length;
    } catch (error) {
      if (!(error instanceof DistribuApiError && error.status === 403)) throw error;
      missing.push(WEBHOOKS_READ);
    }
    missing.push(...(await missingScopes(client, requiredScopes().filter((s) => s !== WEBHOOKS_READ))));
    if (missing.length > 0) {
      throw new z.errors.Error(
        `This API key lacks ${missing.length === 1 ? 'a scope' : 'scopes'} the app needs: ${missing.map(whatNeeds).join('; ')}. ` +
          `Scopes are fixed when a key is created: create a key in Distribu under Settings → API keys with ${requiredScopes().join(', ')}, then reconnect.`,
        'MissingScope',
        403,
      );
    }
    return { label: connectionHost(bundle.authData?.baseUrl), webhooksInUse: webhooks, webhookLimit: WEBHOOK_CAP };
  } catch (error) {
    throw asZapierError(z, error);
  }
}

export const authentication = {
  type: 'custom',
  fields: [
    {
      key: 'apiKey',
      label: 'API Key',
      type: 'password',
      required: true,
      helpText:
        `Create a key in Distribu under **Settings → API keys** (owners and admins can) with these scopes: ` +
        `${requiredScopes().map((s) => `\`${s}\``).join(', ')}. A key's scopes cannot be changed later. ` +
        `[How API keys work](${API_KEY_DOCS})`,
    },
    {
      key: 'baseUrl',
      label: 'Base URL',
      type: 'string',
      required: false,
      default: DEFAULT_BASE_URL,
      helpText: `Leave as is (\`${DEFAULT_BASE_URL}\`). Change it only to connect a Distribu staging or test server; it must start with https://.`,
    },
  ],
  test: testConnection,
  connectionLabel: '{{label}}',
} satisfies Authentication;
