import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './errors';

/**
 * The sandbox's own surface (controls under /_sandbox and the dashboard page) answers only
 * requests made to a loopback name, from the sandbox's own origin:
 * - `Host` must be 127.0.0.1, localhost or [::1] (any port), so a page that rebinds its own
 *   domain name to 127.0.0.1 cannot read or drive the sandbox (421);
 * - a write must not come from another site: `Sec-Fetch-Site` cross-site/same-site, or an `Origin`
 *   other than `http://<Host>`, is refused (403);
 * - a write that carries a body must say `Content-Type: application/json` (415), so an HTML form
 *   (urlencoded, multipart, text/plain) can never reach one. A bodiless write from a browser always
 *   carries an Origin, checked above.
 * Distribu's REST API under /api/v1 is not affected: it needs an API key.
 * Every answer of this surface forbids framing (clickjacking).
 */
export function guardSandboxSurface(app: FastifyInstance): void {
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (isRestApi(request)) return;
    const host = request.headers.host?.toLowerCase();
    if (!host || !LOOPBACK_HOST.test(host)) {
      throw new ApiError(421, 'The sandbox answers only to 127.0.0.1, localhost or [::1]: open it through one of those names.');
    }
    if (SAFE_METHODS.has(request.method)) return;
    const site = request.headers['sec-fetch-site'];
    const origin = request.headers.origin;
    if ((site !== undefined && site !== 'same-origin' && site !== 'none') || (origin !== undefined && origin.toLowerCase() !== `http://${host}`)) {
      throw new ApiError(403, 'Cross-site requests to the sandbox are refused: call it from its own page or from a local program.');
    }
    if (hasBody(request) && !isJson(request.headers['content-type'])) {
      throw new ApiError(415, 'Sandbox controls take JSON: send the body with Content-Type: application/json.');
    }
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (isRestApi(request)) return payload;
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    const csp = reply.getHeader('content-security-policy');
    if (typeof csp !== 'string' || !csp.includes('frame-ancestors')) {
      reply.header('content-security-policy', typeof csp === 'string' ? `${csp}; ${NO_FRAMING}` : NO_FRAMING);
    }
    return payload;
  });
}

export const NO_FRAMING = "frame-ancestors 'none'";
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** By the route that answers (its pattern), or by the path when no route matches (a 404). */
function isRestApi(request: FastifyRequest): boolean {
  const path = request.routeOptions.url ?? request.url.split('?')[0]!;
  return path === '/api/v1' || path.startsWith('/api/v1/');
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0') || request.headers['content-type'] !== undefined;
}

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]!.trim().toLowerCase() === 'application/json';
}
