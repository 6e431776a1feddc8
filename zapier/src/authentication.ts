import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';
import { DEFAULT_BASE_URL, WEBHOOK_CAP } from '@distribu/shared/runtime';
import { withZapierErrors } from './errors';
import { distribuClient } from './transport';

const API_KEY_DOCS = 'https://www.distribu.app/docs/';

/** The scopes the triggers use; the connection test itself needs only `webhooks:read`. */
export const REQUIRED_SCOPES = ['webhooks:read', 'webhooks:write', 'orders:read', 'customers:read', 'products:read'];

/**
 * The host of the connected Distribu (`distribu.app`, `staging.example.com:8443`): tells
 * production from staging without showing anything secret. URL parsing drops any
 * `user:password@` part, and a value that is not a URL yields the default host.
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

/** Keys shorter than this show no ending at all: four characters would be too large a share of them. */
const MIN_KEY_FOR_ENDING = 16;

/**
 * The last four characters of the API key (`…a1b2`), or '' for a short or missing key. Distribu
 * has no endpoint that names the company or user behind a key, so the key's ending (as payment
 * cards show theirs) is what tells two connections to the same Distribu apart; the rest of the
 * key never appears.
 */
export function keyEnding(apiKey: unknown): string {
  const key = typeof apiKey === 'string' ? apiKey.trim() : '';
  return key.length >= MIN_KEY_FOR_ENDING ? `…${key.slice(-4)}` : '';
}

/** "distribu.app, key …a1b2": the host tells production from staging, the key's ending tells accounts apart. */
export function connectionLabelOf(authData: { apiKey?: unknown; baseUrl?: unknown }): string {
  const ending = keyEnding(authData.apiKey);
  return ending ? `${connectionHost(authData.baseUrl)}, key ${ending}` : connectionHost(authData.baseUrl);
}

/** Lists webhooks (scope `webhooks:read` only): proves the key works and shows how many of the WEBHOOK_CAP slots are used. */
async function testConnection(z: ZObject, bundle: Bundle) {
  const webhooks = await withZapierErrors(z, () => distribuClient(z, bundle).listWebhooks());
  return { label: connectionLabelOf(bundle.authData), webhooksInUse: webhooks.length, webhookLimit: WEBHOOK_CAP };
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
        `Create a key in Distribu under **Settings → API keys** (owners and admins can). Grant it these scopes: ` +
        `${REQUIRED_SCOPES.map((s) => `\`${s}\``).join(', ')}. Scopes are fixed when a key is created. ` +
        `[How API keys work](${API_KEY_DOCS})`,
    },
    {
      key: 'baseUrl',
      label: 'Base URL',
      type: 'string',
      required: false,
      default: DEFAULT_BASE_URL,
      helpText: `Leave as is (\`${DEFAULT_BASE_URL}\`). Change it only to connect a Distribu staging or test server.`,
    },
  ],
  test: testConnection,
  connectionLabel: '{{label}}',
} satisfies Authentication;
