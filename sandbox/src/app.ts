import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { apiPlugin } from './api';
import { INVALID_JSON, parseJsonBody } from './body';
import { controlsPlugin } from './controls';
import type { SandboxCore } from './core';
import { dashboardPlugin } from './dashboard';
import { BODY_LIMIT, drained } from './drain';
import { ApiError } from './errors';
import { guardSandboxSurface } from './guard';

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
}

const TOO_LARGE = 'Request body too large: the limit is 1 MB.';

/**
 * The sandbox's HTTP app: Distribu's API under /api/v1 and the sandbox-only controls under
 * /_sandbox. Returned unstarted so more plugins (e.g. the dashboard page) can be registered.
 * Every error answer, fastify's and Node's own included, is Distribu's `{"error": "..."}`.
 */
export function buildApp(core: SandboxCore, options: AppOptions = {}): FastifyInstance {
  const app = Fastify({
    logger: options.logger ?? false,
    forceCloseConnections: true,
    bodyLimit: BODY_LIMIT,
    // A URL the router cannot decode, or a path parameter past its length limit.
    frameworkErrors: (error, request, reply: FastifyReply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      void drained(request.raw).then(() => reply.code(tooLong ? 414 : 400).send({ error: tooLong ? 'URL too long.' : 'Invalid URL.' }));
    },
    clientErrorHandler: answerClientError,
  });
  // Node answers an unknown `Expect:` itself, with an empty 417.
  app.server.on('checkExpectation', (_req, res) => {
    const body = JSON.stringify({ error: 'Unsupported Expect header.' });
    res.writeHead(417, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
  });

  // Distribu reads bodies as JSON whatever the Content-Type; an empty body (DELETE) is fine.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, parseJsonBody);

  app.setErrorHandler(async (error: Error & { statusCode?: number; code?: string }, request, reply) => {
    await drained(request.raw);
    if (error instanceof ApiError) return reply.code(error.status).send(error.body);
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send({ error: TOO_LARGE });
    if (error.code?.startsWith('FST_ERR_CTP')) return reply.code(400).send({ error: INVALID_JSON });
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send({ error: error.message });
    }
    reply.log.error(error);
    return reply.code(500).send({ error: 'Internal server error.' });
  });
  app.setNotFoundHandler(async () => {
    throw new ApiError(404, 'Not found.');
  });

  guardSandboxSurface(app);
  app.register(apiPlugin(core), { prefix: '/api/v1' });
  app.register(controlsPlugin(core), { prefix: '/_sandbox' });
  app.register(dashboardPlugin(core));
  return app;
}

const CLIENT_ERRORS: ReadonlyMap<string | undefined, [number, string]> = new Map([
  ['ERR_HTTP_REQUEST_TIMEOUT', [408, 'Request timed out.']],
  ['HPE_HEADER_OVERFLOW', [431, 'Request headers too large.']],
]);

/** A request Node could not parse never reached fastify; answer it in the same `{"error"}` shape. */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, text] = CLIENT_ERRORS.get(error.code) ?? [400, 'Malformed HTTP request.'];
  const body = JSON.stringify({ error: text });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
