import fc from 'fast-check';
import { startSandbox, type Sandbox } from '../../sandbox/src';
import { expectDistribuError, json } from './support/distribu-error';
import { rawCall } from './support/raw';

// Random requests (300 runs): whatever a client sends, the sandbox answers a 2xx or Distribu's
// `{"error": "..."}` 4xx (error-answers.test.ts covers each producer by name).

let sb: Sandbox;
let hookId: string;
beforeAll(async () => {
  sb = await startSandbox({ port: 0, seed: true });
  const hook = await rawCall(sb.url, 'POST', '/api/v1/webhooks', { key: sb.apiKey, body: { url: 'http://127.0.0.1:9/e', events: ['order.created'] } });
  hookId = JSON.parse(hook.body).data.id;
});
afterAll(() => sb.close());

test('property: any request gets a 2xx or a Distribu-shaped 4xx, never a 5xx or fastify’s shape', async () => {
  const paths = fc.oneof(
    fc.constantFrom(
      '/api/v1/webhooks', `/api/v1/webhooks/${'{id}'}`, '/api/v1/orders', '/api/v1/orders/unknown', '/api/v1/customers',
      '/api/v1/products?limit=abc', '/api/v1/reports/sales?preset=constructor', '/api/v1/reports/nope', '/_sandbox/api-keys',
      '/_sandbox/events/order.created', '/_sandbox/events/__proto__', '/_sandbox/actions/toString', '/_sandbox/actions/stock-adjust',
      '/_sandbox/webhooks/unknown/deliveries', '/_sandbox/requests?path=%', '/_sandbox/audit', '/dashboard', '/',
      '/_sandbox/dashboard/webhooks', '/api/v1/%zz', '/_sandbox/%E0%A4%A',
    ),
    fc.stringMatching(/^\/[a-z_/%0-9.]{0,30}$/),
  );
  const bodies = fc.oneof(
    fc.constant(undefined),
    fc.constant('{"url":'),
    fc.constant('[1,2]'),
    fc.constant('"text"'),
    fc.json({ maxDepth: 2 }),
    fc.dictionary(fc.constantFrom('url', 'events', 'status', 'variant', 'delta', 'productId', 'scopes', '__proto__', 'constructor'), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 }).map((o) => JSON.stringify(o)),
  );
  const contentTypes = fc.constantFrom(undefined, 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded');
  await fc.assert(
    fc.asyncProperty(fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT'), paths, bodies, contentTypes, fc.boolean(), async (method, path, body, type, withKey) => {
      const headers: Record<string, string> = {};
      if (type) headers['content-type'] = type;
      const sendsBody = body !== undefined && method !== 'GET';
      const res = await rawCall(sb.url, method, path.replace('{id}', hookId), { key: withKey ? sb.apiKey : undefined, rawBody: sendsBody ? body : undefined, headers });
      expect(res.status).toBeDefined();
      expect(res.status).toBeLessThan(500);
      if (res.status! >= 400) expectDistribuError(res.status, res.headers?.['content-type'], json(res));
    }),
    { numRuns: 300 },
  );
});
