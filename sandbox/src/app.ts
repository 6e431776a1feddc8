import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { apiPlugin } from './api';
import { parseJsonBody } from './body';
import { controlsPlugin } from './controls';
import type { SandboxCore } from './core';
import { dashboardPlugin } from './dashboard';
import { ApiError } from './errors';

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
}

/**
 * The sandbox's HTTP app: Distribu's API under /api/v1 and the sandbox-only controls under
 * /_sandbox. Returned unstarted so more plugins (e.g. the dashboard page) can be registered.
 */
export function buildApp(core: SandboxCore, options: AppOptions = {}): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false, forceCloseConnections: true, bodyLimit: 1024 * 1024 });

  // Distribu reads bodies as JSON whatever the Content-Type; an empty body (DELETE) is fine.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, parseJsonBody);

  app.setErrorHandler(async (error: Error & { statusCode?: number; code?: string }, _request, reply) => {
    if (error instanceof ApiError) return reply.code(error.status).send(error.body);
    if (error.code?.startsWith('FST_ERR_CTP')) return reply.code(400).send({ error: 'Invalid JSON body.' });
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send({ error: error.message });
    }
    reply.log.error(error);
    return reply.code(500).send({ error: 'Internal server error.' });
  });

  app.register(apiPlugin(core), { prefix: '/api/v1' });
  app.register(controlsPlugin(core), { prefix: '/_sandbox' });
  app.register(dashboardPlugin(core));
  return app;
}
