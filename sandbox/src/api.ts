import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticate, requireScope } from './auth';
import type { SandboxCore } from './core';
import { ApiError } from './errors';
import { customerRoutes } from './routes/customers';
import { orderRoutes } from './routes/orders';
import { productRoutes } from './routes/products';
import { reportRoutes } from './routes/reports';
import { webhookRoutes } from './routes/webhooks';
import { nowIso } from './time';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The scope a Distribu API route needs. */
    scope?: string;
  }
  interface FastifyRequest {
    faultApplied?: string;
  }
}

const REQUEST_LOG_LIMIT = 5000;

/**
 * Distribu's REST API under /api/v1: injected faults first, then Bearer key and scope, then the
 * route. Every call is logged (method, path, status) for tests to assert on.
 */
export function apiPlugin(core: SandboxCore) {
  return async function api(app: FastifyInstance): Promise<void> {
    app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split('?')[0]!;
      const fault = core.faults.take(request.method, path);
      if (fault) {
        request.faultApplied = String(fault.status);
        const error = await core.faults.answer(fault, request.routeOptions.config.scope);
        if (error.status === 429) reply.header('Retry-After', String(error.extra.retryAfter));
        return reply.code(error.status).send(error.body);
      }
      const key = authenticate(core.store, request.headers.authorization);
      const scope = request.routeOptions.config.scope;
      if (scope) requireScope(key, scope);
    });

    app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
      const [path, search = ''] = request.url.split('?') as [string, string?];
      const log = core.store.requests;
      log.push({
        method: request.method,
        path: path!,
        query: Object.fromEntries(new URLSearchParams(search)),
        status: reply.statusCode,
        ...(request.faultApplied ? { fault: request.faultApplied } : {}),
        at: nowIso(),
      });
      if (log.length > REQUEST_LOG_LIMIT) log.splice(0, log.length - REQUEST_LOG_LIMIT);
    });

    app.setNotFoundHandler(async () => {
      throw new ApiError(404, 'Not found.');
    });

    await app.register(webhookRoutes(core));
    await app.register(orderRoutes(core));
    await app.register(customerRoutes(core));
    await app.register(productRoutes(core));
    await app.register(reportRoutes(core));
  };
}
