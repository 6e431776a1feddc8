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

/** Lists webhooks (scope `webhooks:read` only): proves the key works and shows how many of the WEBHOOK_CAP slots are used. */
async function testConnection(z: ZObject, bundle: Bundle) {
  const webhooks = await withZapierErrors(z, () => distribuClient(z, bundle).listWebhooks());
  return { host: connectionHost(bundle.authData.baseUrl), webhooksInUse: webhooks.length, webhookLimit: WEBHOOK_CAP };
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
  connectionLabel: '{{host}}',
} satisfies Authentication;
