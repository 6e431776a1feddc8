import { startSandbox, type Sandbox } from '../../sandbox/src';
import { expectDistribuError, json } from './support/distribu-error';
import { rawCall } from './support/raw';
import { parseRawAnswer, sendRaw } from './support/wire';

// Every 4xx the sandbox sends is Distribu's `{"error": "..."}` (plus at most `field` or
// `retryAfter`), whoever produced it: a route, fastify (404, body limit, bad URL) or Node's HTTP
// parser. fastify's own `{statusCode, code, error, message}` never reaches a client.

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ port: 0, seed: true });
});
afterAll(() => sb.close());

describe('bodies over the 1 MB cap', () => {
  const big = JSON.stringify({ url: 'http://127.0.0.1:9/x', events: ['order.created'], notes: 'x'.repeat(1024 * 1024) });

  test.each([
    ['POST', '/api/v1/webhooks'],
    ['POST', '/_sandbox/settings'],
  ])('%s %s answers 413 {"error"}, with a Content-Length or chunked', async (method, path) => {
    for (const headers of [{}, { 'transfer-encoding': 'chunked' }] as Array<Record<string, string>>) {
      const res = await rawCall(sb.url, method, path, { key: sb.apiKey, rawBody: big, headers: { 'content-type': 'application/json', ...headers } });
      expect(res.status).toBe(413);
      expectDistribuError(res.status, res.headers?.['content-type'], json(res));
      expect(json(res)).toEqual({ error: 'Request body too large: the limit is 1 MB.' });
    }
  });
});

describe('fastify and Node errors in Distribu’s shape', () => {
  test.each([
    ['unknown route', 'GET', '/nope', undefined, 404],
    ['unknown API route', 'GET', '/api/v1/nope', undefined, 404],
    ['unknown control', 'POST', '/_sandbox/nope', '{}', 404],
    ['method without a route', 'PUT', '/api/v1/webhooks', '{}', 404],
    ['malformed JSON', 'POST', '/api/v1/webhooks', '{"url":', 400],
    ['malformed JSON to a control', 'POST', '/_sandbox/settings', '{"delays":', 400],
    ['undecodable URL', 'GET', '/api/v1/webhooks/%E0%A4%A', undefined, 400],
    ['path parameter too long', 'GET', `/api/v1/webhooks/${'a'.repeat(150)}`, undefined, 414],
  ])('%s: %s %s', async (_what, method, path, rawBody, status) => {
    const res = await rawCall(sb.url, method, path, { key: sb.apiKey, rawBody, headers: rawBody ? { 'content-type': 'application/json' } : {} });
    expect(res.status).toBe(status);
    expectDistribuError(res.status, res.headers?.['content-type'], json(res));
  });

  test.each([
    ['a request line HTTP cannot parse', 'GARBAGE\r\n\r\n', 400],
    ['a Content-Length that is not a number', 'POST /api/v1/webhooks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n', 400],
    ['headers over Node’s size limit', `GET /api/v1/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ['an Expect header Node does not know', 'GET /api/v1/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: something\r\nConnection: close\r\n\r\n', 417],
  ])('%s', async (_what, bytes, status) => {
    const answer = parseRawAnswer(await sendRaw(sb.url, bytes));
    expect(answer.status).toBe(status);
    expectDistribuError(answer.status, /content-type: ([^\r\n]+)/.exec(answer.headers)?.[1], answer.body);
  });
});

// Random requests over the routes (real ids, unknown ids, odd paths), bodies (none, JSON, broken,
// wrong type) and headers: never a 5xx, and every 4xx in Distribu's shape.
