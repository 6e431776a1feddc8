import type { FastifyInstance } from 'fastify';
import { isKnownEvent } from '@distribu/shared/runtime';
import type { SandboxCore } from '../core';
import { optionalBody } from '../http/body';
import { invalid } from '../http/errors';
import { DELAY_MS, DELIVERY_TIMEOUT_MS, isWholeIn, wholeNumber, wholeText } from '../http/limits';

/** `delays: {"order.created": 200}` as [event, ms] pairs (0 removes a delay), or a 400. */
function parseDelays(delays: unknown): Array<[string, number]> {
  if (!delays || typeof delays !== 'object' || Array.isArray(delays)) throw invalid('delays', 'must map event names to milliseconds.');
  return Object.entries(delays).map(([event, ms]) => {
    if (!isKnownEvent(event)) throw invalid('delays', `unknown event "${event}".`);
    if (!isWholeIn(ms, DELAY_MS)) throw invalid('delays', `${event} ${wholeText(DELAY_MS, 'milliseconds')}`);
    return [event, ms];
  });
}

/** GET|POST /_sandbox/settings {deliveryTimeoutMs?, delays?, extraFields?, storeSlug?, sparseRecords?}. */
export function settingsControls(core: SandboxCore) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.get('/settings', async () => ({
      deliveryTimeoutMs: core.deliverer.timeoutMs,
      storeSlug: core.storeSlug,
      allowExternalDeliveries: core.deliverer.allowExternal,
      delays: Object.fromEntries(core.deliverer.delays),
      extraFields: core.emitter.extraFields,
      sparseRecords: core.sparseRecords,
    }));

    app.post('/settings', async (request) => {
      // Everything is checked before anything changes: a refused request changes nothing.
      const b = optionalBody(request);
      const timeoutMs = b.deliveryTimeoutMs === undefined ? undefined : wholeNumber('deliveryTimeoutMs', b.deliveryTimeoutMs, DELIVERY_TIMEOUT_MS, 'milliseconds');
      const delays = b.delays === undefined ? undefined : parseDelays(b.delays);
      const extra = b.extraFields;
      if (extra !== undefined && (!extra || typeof extra !== 'object' || Array.isArray(extra))) throw invalid('extraFields', 'must be an object of fields to add.');
      if (b.storeSlug !== undefined && (typeof b.storeSlug !== 'string' || !b.storeSlug)) throw invalid('storeSlug', 'must be a non-empty string.');
      if (b.sparseRecords !== undefined && typeof b.sparseRecords !== 'boolean') throw invalid('sparseRecords', 'must be true or false.');

      if (timeoutMs !== undefined) core.deliverer.timeoutMs = timeoutMs;
      for (const [event, ms] of delays ?? []) {
        if (ms === 0) core.deliverer.delays.delete(event);
        else core.deliverer.delays.set(event, ms);
      }
      if (extra !== undefined) core.emitter.extraFields = { ...(extra as Record<string, unknown>) };
      if (b.storeSlug !== undefined) core.storeSlug = b.storeSlug as string;
      if (b.sparseRecords !== undefined) core.sparseRecords = b.sparseRecords as boolean;
      return {
        deliveryTimeoutMs: core.deliverer.timeoutMs,
        storeSlug: core.storeSlug,
        delays: Object.fromEntries(core.deliverer.delays),
        extraFields: core.emitter.extraFields,
        sparseRecords: core.sparseRecords,
      };
    });
  };
}
