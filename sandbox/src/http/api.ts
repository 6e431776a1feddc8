import { once } from 'node:events';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticate, requireScope } from './auth';
import type { SandboxCore } from '../core';
import { drained } from './drain';
import { ApiError } from './errors';
import { DEFAULT_HOLD_MS, isLostAnswer, type FaultRule } from '../faults';
import { faultAnswer } from '../faults/answers';
import { loseAnswer } from '../faults/lost';
import { customerRoutes } from './routes/customers';
import { orderRoutes } from './routes/orders';
import { productRoutes } from './routes/products';
import { reportRoutes } from './routes/reports';
import { webhookRoutes } from './routes/webhooks';
import { nowIso } from '../state/time';
import { sparseAnswer } from './sparse';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The scope a Distribu API route needs. */
    scope?: string;
  }
  interface FastifyRequest {
    /** The injected fault this call met, if any. */
    fault?: FaultRule;
    /** Already in the request log (a lost answer is logged when it is lost). */
    logged?: boolean;
  }
}

const REQUEST_LOG_LIMIT = 5000;

/**
 * Distribu's REST API under /api/v1: injected faults first, then Bearer key and scope, then the
 * route. Every call is logged (method, path, status) for tests to assert on.
 */
export function apiPlugin(core: SandboxCore) {
  const logRequest = (request: FastifyRequest, status: number) => {
    const [path, search = ''] = request.url.split('?') as [string, string?];
    const log = core.store.requests;
    log.push({
      method: request.method,
      path: path!,
      // Names only: a value may be a key someone put in a URL.
      queryNames: [...new Set(new URLSearchParams(search).keys())],
      status,
      ...(request.fault ? { fault: String(request.fault.status) } : {}),
      at: nowIso(),
    });
    request.logged = true;
    if (log.length > REQUEST_LOG_LIMIT) log.splice(0, log.length - REQUEST_LOG_LIMIT);
  };

  return async function api(app: FastifyInstance): Promise<void> {
    app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split('?')[0]!;
      const fault = core.faults.take(request.method, path);
      if (fault) {
        request.fault = fault;
        // Lost answers let the call through and act when its answer is about to go out.
        if (!isLostAnswer(fault.status)) {
          if (fault.status === 'timeout') await core.faults.hold(fault.delayMs ?? DEFAULT_HOLD_MS, once(request.raw.socket, 'close'));
          const answer = faultAnswer(fault, request, path, request.routeOptions.config.scope);
          await drained(request.raw);
          if (answer.headers) reply.headers(answer.headers);
          return reply.code(answer.status).type(answer.type).send(answer.body);
        }
      }
      const key = authenticate(core.store, request.headers.authorization);
      const scope = request.routeOptions.config.scope;
      if (scope) requireScope(key, scope);
    });

    app.addHook('preSerialization', async (request: FastifyRequest, _reply: FastifyReply, payload: unknown) =>
      core.sparseRecords ? sparseAnswer(request.url, payload) : payload,
    );

    app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      if (!request.fault || !isLostAnswer(request.fault.status)) return payload;
      logRequest(request, reply.statusCode);
      return loseAnswer(core.faults, request.fault, request, reply, payload);
    });

    app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
      if (!request.logged) logRequest(request, reply.statusCode);
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
