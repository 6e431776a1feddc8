import type { FastifyRequest } from 'fastify';
import { CAP_MESSAGE } from '../domain/webhooks';
import { INVALID_KEY, missingScope } from '../http/auth';
import { ApiError } from '../http/errors';
import type { FaultRule } from '.';

/** What a non-committing fault sends instead of the API's answer. */
export interface FaultAnswer {
  status: number;
  type: string;
  body: string | Record<string, unknown>;
  headers?: Record<string, string>;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';

/** `/api/v1/webhooks/...` → `Webhook`: the thing a 404 names, like the real API's messages. */
const RESOURCES: ReadonlyMap<string, string> = new Map([
  ['webhooks', 'Webhook'],
  ['orders', 'Order'],
  ['customers', 'Customer'],
  ['products', 'Product'],
]);

function notFoundText(path: string): string {
  const resource = RESOURCES.get(path.replace(/^\/api\/v1/, '').split('/')[1] ?? '');
  return resource ? `${resource} not found.` : 'Not found.';
}

function jsonError(rule: FaultRule, status: number, text: string, extra: Record<string, unknown> = {}): FaultAnswer {
  return { status, type: JSON_TYPE, body: new ApiError(status, rule.message ?? text, extra).body };
}

/**
 * The answer of a fault that leaves the call unprocessed. `scope` is the route's (a 403 names
 * it). 'timeout' is answered after its hold by the caller.
 */
export function faultAnswer(rule: FaultRule, request: FastifyRequest, path: string, scope = 'webhooks:write'): FaultAnswer {
  switch (rule.status) {
    case 401:
      return jsonError(rule, 401, INVALID_KEY);
    case 403:
      return jsonError(rule, 403, missingScope(scope));
    case 404:
      return jsonError(rule, 404, notFoundText(path));
    case 422:
      return jsonError(rule, 422, CAP_MESSAGE);
    case 429: {
      const retryAfter = rule.retryAfter ?? 1;
      return { ...jsonError(rule, 429, 'Too many requests. Please slow down.', { retryAfter }), headers: { 'retry-after': String(retryAfter) } };
    }
    case 500:
      return jsonError(rule, 500, 'Internal server error.');
    case 'timeout':
      return jsonError(rule, 504, 'Gateway timeout.');
    case 'malformed':
      // A 200 that claims JSON but breaks off: a client must not take it as success.
      return { status: 200, type: JSON_TYPE, body: '{"data": {"id": "cm_partial", "url": "http' };
    case 'echo':
      return { status: 502, type: HTML_TYPE, body: echoPage(request) };
    case 'html':
      return { status: 413, type: HTML_TYPE, body: PROXY_413_PAGE };
    default:
      throw new Error(`Fault kind ${String(rule.status)} is not answered in place of the API.`);
  }
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A misbehaving gateway's error page that echoes the request's headers, Authorization included. */
function echoPage(request: FastifyRequest): string {
  const lines = Object.entries(request.headers).map(([name, value]) => `${name}: ${Array.isArray(value) ? value.join(', ') : value}`);
  return [
    '<html><head><title>502 Bad Gateway</title></head><body>',
    '<h1>502 Bad Gateway</h1>',
    '<p>The upstream server did not answer. Request as received:</p>',
    `<pre>${escapeHtml(`${request.method} ${request.url}\n${lines.join('\n')}`)}</pre>`,
    '</body></html>',
  ].join('\n');
}

/** A proxy's 413 page of about 3 KB (padded like nginx pads its error pages). */
const PROXY_413_PAGE = [
  '<html>',
  '<head><title>413 Request Entity Too Large</title></head>',
  '<body>',
  '<center><h1>413 Request Entity Too Large</h1></center>',
  '<hr><center>nginx</center>',
  '</body>',
  '</html>',
  ...Array.from({ length: 40 }, (_, i) => `<!-- a padding to disable MSIE and Chrome friendly error page ${String(i).padStart(2, '0')} -->`),
  '',
].join('\r\n');
