import type { FastifyInstance } from 'fastify';
import { apiKeyView, createApiKey, SCOPES } from '../auth';
import { optionalBody } from '../body';
import type { SandboxCore } from '../core';
import { findWebhook, rotateSecret } from '../domain/webhooks';
import { ApiError, invalid } from '../errors';
import { DELAY_MS, DELIVERY_TIMEOUT_MS, GRACE_SECONDS, isWholeIn, numberIn, wholeNumber, wholeText } from '../limits';
import { catalog } from '../../../shared/src/catalog';
import { newestFirst } from '../store';
import { webhookView } from '../views';
import { actionControls } from './actions';
import { eventControls } from './events';
import { parseFaultRule } from './faults';

type IdParams = { Params: { id: string } };
const isKnownEvent = (name: string) => catalog.some((e) => e.name === name);

/** `delays: {"order.created": 200}` as [event, ms] pairs (0 removes a delay), or a 400. */
function parseDelays(delays: unknown): Array<[string, number]> {
  if (!delays || typeof delays !== 'object' || Array.isArray(delays)) throw invalid('delays', 'must map event names to milliseconds.');
  return Object.entries(delays).map(([event, ms]) => {
    if (!isKnownEvent(event)) throw invalid('delays', `unknown event "${event}".`);
    if (!isWholeIn(ms, DELAY_MS)) throw invalid('delays', `${event} ${wholeText(DELAY_MS, 'milliseconds')}`);
    return [event, ms];
  });
}

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

    app.post('/api-keys', async (request, reply) => {
      const body = optionalBody(request);
      const scopes = body.scopes ?? [...SCOPES];
      if (!Array.isArray(scopes) || scopes.length === 0 || scopes.some((s) => !SCOPES.includes(s))) {
        throw invalid('scopes', `must list one or more of ${SCOPES.join(', ')}.`);
      }
      if (body.name !== undefined && (typeof body.name !== 'string' || body.name.length > 100)) {
        throw invalid('name', 'must be a string of at most 100 characters.');
      }
      if (body.expiresAt !== undefined && body.expiresAt !== null && (typeof body.expiresAt !== 'string' || Number.isNaN(Date.parse(body.expiresAt)))) {
        throw invalid('expiresAt', 'must be an ISO 8601 date, or null.');
      }
      const { key, record } = createApiKey(core.store, {
        name: body.name as string | undefined,
        scopes: scopes as string[],
        expiresAt: typeof body.expiresAt === 'string' ? body.expiresAt : null,
      });
      return reply.code(201).send({ key, ...apiKeyView(record) });
    });

    app.get('/api-keys', async () => ({ data: [...core.store.apiKeys.values()].map(apiKeyView) }));

    app.post<IdParams>('/api-keys/:id/revoke', async (request) => {
      const key = core.store.apiKeys.get(request.params.id);
      if (!key) throw new ApiError(404, 'API key not found.');
      key.revoked = true;
      return apiKeyView(key);
    });

    app.get('/webhooks', async () => ({
      data: newestFirst(core.store.webhooks.values()).map((w) => ({ ...webhookView(w), deliveries: w.deliveries.length })),
    }));

    app.get<IdParams>('/webhooks/:id/deliveries', async (request) => ({
      data: findWebhook(core, request.params.id).deliveries.map((d) => ({ ...d })),
    }));

    app.post<IdParams>('/webhooks/:id/rotate-secret', async (request) => {
      const body = optionalBody(request);
      const grace = body.graceSeconds === undefined ? undefined : numberIn('graceSeconds', body.graceSeconds, GRACE_SECONDS, 'seconds');
      const { webhook, secret } = rotateSecret(core, request.params.id, grace === undefined ? undefined : Math.round(grace * 1000));
      return { id: webhook.id, secret, secretRotationGraceExpiresAt: webhook.secretRotationGraceExpiresAt };
    });

    app.get<{ Querystring: { method?: string; path?: string } }>('/requests', async (request) => {
      const { method, path } = request.query;
      return {
        data: core.store.requests.filter(
          (r) => (!method || r.method === method.toUpperCase()) && (!path || r.path === path || r.path === `/api/v1${path}`),
        ),
      };
    });

    app.get('/audit', async () => ({ data: core.store.audit.map((a) => ({ ...a })) }));

    app.delete('/requests', async () => {
      core.store.requests = [];
      return { cleared: true };
    });

    app.get('/faults', async () => ({ data: core.faults.list() }));

    app.post('/faults', async (request, reply) => {
      const rule = parseFaultRule(optionalBody(request));
      return reply.code(201).send({ data: core.faults.add(rule) });
    });

    app.delete('/faults', async () => {
      core.faults.clear();
      return { cleared: true };
    });

    app.get('/settings', async () => ({
      deliveryTimeoutMs: core.deliverer.timeoutMs,
      storeSlug: core.storeSlug,
      allowExternalDeliveries: core.deliverer.allowExternal,
      delays: Object.fromEntries(core.deliverer.delays),
      extraFields: core.emitter.extraFields,
    }));

    app.post('/settings', async (request) => {
      // Everything is checked before anything changes: a refused request changes nothing.
      const b = optionalBody(request);
      const timeoutMs = b.deliveryTimeoutMs === undefined ? undefined : wholeNumber('deliveryTimeoutMs', b.deliveryTimeoutMs, DELIVERY_TIMEOUT_MS, 'milliseconds');
      const delays = b.delays === undefined ? undefined : parseDelays(b.delays);
      const extra = b.extraFields;
      if (extra !== undefined && (!extra || typeof extra !== 'object' || Array.isArray(extra))) throw invalid('extraFields', 'must be an object of fields to add.');
      if (b.storeSlug !== undefined && (typeof b.storeSlug !== 'string' || !b.storeSlug)) throw invalid('storeSlug', 'must be a non-empty string.');

      if (timeoutMs !== undefined) core.deliverer.timeoutMs = timeoutMs;
      for (const [event, ms] of delays ?? []) {
        if (ms === 0) core.deliverer.delays.delete(event);
        else core.deliverer.delays.set(event, ms);
      }
      if (extra !== undefined) core.emitter.extraFields = { ...(extra as Record<string, unknown>) };
      if (b.storeSlug !== undefined) core.storeSlug = b.storeSlug as string;
      return {
        deliveryTimeoutMs: core.deliverer.timeoutMs,
        storeSlug: core.storeSlug,
        delays: Object.fromEntries(core.deliverer.delays),
        extraFields: core.emitter.extraFields,
      };
    });

    app.post('/idle', async () => {
      await core.deliverer.idle();
      return { idle: true };
    });

    app.post('/reset', async (request) => {
      const b = optionalBody(request);
      await core.deliverer.idle();
      core.reset({ seed: b.seed !== false });
      return { reset: true };
    });

    await app.register(eventControls(core));
    await app.register(actionControls(core));
  };
}
