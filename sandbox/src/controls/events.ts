import type { FastifyInstance } from 'fastify';
import { catalog, type EventName } from '@distribu/shared/catalog';
import { optionalBody } from '../http/body';
import type { SandboxCore } from '../core';
import { ApiError, invalid } from '../http/errors';
import { own } from '../http/own';
import { producers, variantsOf, type Producer } from './producers';
import { settle, type SettledEvent } from './settle';

/** The variant fired when none is asked for: the one of the catalog's first sample. */
function defaultVariant(event: EventName): string {
  return catalog.find((e) => e.name === event)!.samples[0]!.variant;
}

/** Fires one event (one variant) through its real state change and waits for the deliveries. */
export async function fireEvent(
  core: SandboxCore,
  event: string,
  options: { variant?: string; [key: string]: unknown } = {},
): Promise<SettledEvent[]> {
  const entry = catalog.find((e) => e.name === event);
  if (!entry) throw new ApiError(404, `Unknown event "${event}". Known events: ${catalog.map((e) => e.name).join(', ')}.`);
  const name = entry.name as EventName;
  const variant = options.variant ?? defaultVariant(name);
  const produce = own(producers[name] as Record<string, Producer>, variant);
  if (!produce) throw invalid('variant', `${event} has the variants ${variantsOf(name).join(', ')}.`);
  return settle(produce(core, options));
}

/** POST /_sandbox/events/:event {variant?, ...options}; GET /_sandbox/events lists what can be fired. */
export function eventControls(core: SandboxCore) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.get('/events', async () => ({
      data: catalog.map((e) => ({ event: e.name, variants: variantsOf(e.name as EventName), defaultVariant: defaultVariant(e.name as EventName) })),
    }));

    app.get('/events/recent', async () => ({ data: core.emitter.recent }));

    app.post<{ Params: { event: string } }>('/events/:event', async (request) => {
      const body = optionalBody(request);
      if (body.variant !== undefined && typeof body.variant !== 'string') throw invalid('variant', 'must be a string.');
      return { fired: await fireEvent(core, request.params.event, body as { variant?: string }) };
    });
  };
}
