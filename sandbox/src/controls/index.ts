import type { FastifyInstance } from 'fastify';
import type { SandboxCore } from '../core';
import { actionControls } from './actions';
import { apiKeyControls } from './api-keys';
import { eventControls } from './events';
import { faultControls } from './faults';
import { lifecycleControls } from './lifecycle';
import { logControls } from './logs';
import { settingsControls } from './settings';
import { webhookControls } from './webhooks';

/**
 * Sandbox-only controls under /_sandbox: no Distribu API key needed, never part of the Distribu
 * API. The sandbox listens on loopback only.
 */
export function controlsPlugin(core: SandboxCore) {
  return async function controls(app: FastifyInstance): Promise<void> {
    app.get('/', async () => ({
      controls: [
        'POST /_sandbox/api-keys {name?, scopes}',
        'GET /_sandbox/api-keys',
        'POST /_sandbox/api-keys/:id/revoke',
        'GET /_sandbox/events',
        'GET /_sandbox/events/recent',
        'POST /_sandbox/events/:event {variant?, ...options}',
        'GET /_sandbox/actions',
        'POST /_sandbox/actions/:action {...}',
        'GET /_sandbox/returns',
        'GET /_sandbox/webhooks',
        'GET /_sandbox/webhooks/:id/deliveries',
        'POST /_sandbox/webhooks/:id/rotate-secret {graceSeconds?}',
        'GET|DELETE /_sandbox/requests',
        'GET /_sandbox/audit',
        'GET|POST|DELETE /_sandbox/faults {status, count?, path?, method?, retryAfter?, delayMs?, message?}',
        'GET|POST /_sandbox/settings {deliveryTimeoutMs?, delays?: {event: ms}, extraFields?: {}, storeSlug?}',
        'POST /_sandbox/idle',
        'POST /_sandbox/reset {seed?}',
      ],
    }));

    for (const group of [apiKeyControls, webhookControls, logControls, faultControls, settingsControls, lifecycleControls, eventControls, actionControls]) {
      await app.register(group(core));
    }
  };
}
