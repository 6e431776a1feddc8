import { startSandbox, type Sandbox } from '../../sandbox/src';
import { call, client } from './support/http';

const MISSING = 'Missing or invalid Authorization header. Use: Bearer <api_key>';
const INVALID = 'Invalid, expired, or revoked API key.';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ port: 0, seed: true });
});
afterAll(() => sb.close());

async function keyWith(scopes: string[], extra: Record<string, unknown> = {}) {
  const res = await call(sb.url, 'POST', '/_sandbox/api-keys', { body: { name: 'test', scopes, ...extra } });
  expect(res.status).toBe(201);
  return res.body as { key: string; id: string; prefix: string; scopes: string[] };
}

describe('API keys', () => {
  test('the main key and created keys look like Distribu keys (dk_ + 32 bytes base64url)', async () => {
    const made = await keyWith(['orders:read']);
    for (const key of [sb.apiKey, made.key]) {
      expect(key).toMatch(/^dk_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(key.slice(3), 'base64url')).toHaveLength(32);
    }
    expect(made.prefix).toBe(made.key.slice(0, 12));
    const listed = await call(sb.url, 'GET', '/_sandbox/api-keys');
    expect(JSON.stringify(listed.body)).not.toContain(made.key);
  });

  test('unknown scopes are refused when creating a key', async () => {
    const res = await call(sb.url, 'POST', '/_sandbox/api-keys', { body: { scopes: ['orders:delete'] } });
    expect(res.status).toBe(400);
    expect(res.body.error).toContain('scopes');
    // Distribu keys carry one or more scopes.
    expect((await call(sb.url, 'POST', '/_sandbox/api-keys', { body: { scopes: [] } })).status).toBe(400);
  });
});

describe('401', () => {
  test.each([
    ['no header', undefined],
    ['a non-Bearer scheme', 'Basic abc'],
    ['Bearer without a key', 'Bearer '],
  ])('%s → the missing-header message', async (_label, header) => {
    const res = await call(sb.url, 'GET', '/api/v1/orders', { headers: header === undefined ? {} : { authorization: header } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: MISSING });
  });

  test('an unknown key → the invalid-key message', async () => {
    const res = await call(sb.url, 'GET', '/api/v1/orders', { key: `dk_${'A'.repeat(43)}` });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: INVALID });
  });

  test('a revoked key and an expired key → the same invalid-key message', async () => {
    const revoked = await keyWith(['orders:read']);
    expect((await call(sb.url, 'GET', '/api/v1/orders', { key: revoked.key })).status).toBe(200);
    await call(sb.url, 'POST', `/_sandbox/api-keys/${revoked.id}/revoke`);
    const expired = await keyWith(['orders:read'], { expiresAt: new Date(Date.now() - 1000).toISOString() });
    for (const key of [revoked.key, expired.key]) {
      const res = await call(sb.url, 'GET', '/api/v1/orders', { key });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: INVALID });
    }
  });

  test('auth is checked before validation and existence', async () => {
    const res = await call(sb.url, 'POST', '/api/v1/webhooks', { body: { url: 'nope' } });
    expect(res.status).toBe(401);
    expect((await call(sb.url, 'GET', '/api/v1/webhooks/unknown')).status).toBe(401);
  });
});

describe('403 names the missing scope', () => {
  const routes: Array<[string, string, string]> = [
    ['GET', '/api/v1/products', 'products:read'],
    ['GET', '/api/v1/products/x', 'products:read'],
    ['GET', '/api/v1/orders', 'orders:read'],
    ['GET', '/api/v1/orders/x', 'orders:read'],
    ['POST', '/api/v1/orders', 'orders:write'],
    ['PATCH', '/api/v1/orders/x', 'orders:write'],
    ['GET', '/api/v1/customers', 'customers:read'],
    ['GET', '/api/v1/customers/x', 'customers:read'],
    ['POST', '/api/v1/customers', 'customers:write'],
    ['PATCH', '/api/v1/customers/x', 'customers:write'],
    ['GET', '/api/v1/webhooks', 'webhooks:read'],
    ['GET', '/api/v1/webhooks/x', 'webhooks:read'],
    ['POST', '/api/v1/webhooks', 'webhooks:write'],
    ['PATCH', '/api/v1/webhooks/x', 'webhooks:write'],
    ['DELETE', '/api/v1/webhooks/x', 'webhooks:write'],
    ['GET', '/api/v1/reports/sales', 'reports:read'],
    ['GET', '/api/v1/reports/customers', 'reports:read'],
    ['GET', '/api/v1/reports/inventory', 'reports:read'],
  ];

  test.each(routes)('%s %s needs %s', async (method, path, scope) => {
    const { key } = await keyWith([scope === 'reports:read' ? 'products:read' : 'reports:read']);
    const res = await call(sb.url, method, path, { key, body: method === 'GET' || method === 'DELETE' ? undefined : {} });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: `Insufficient permissions. This key lacks the "${scope}" scope.` });

    const { key: allowed } = await keyWith([scope]);
    const ok = await call(sb.url, method, path, { key: allowed, body: method === 'GET' || method === 'DELETE' ? undefined : {} });
    expect(ok.status).not.toBe(403);
    expect(ok.status).not.toBe(401);
  });

  test('a read scope does not grant the write scope', async () => {
    const { key } = await keyWith(['webhooks:read']);
    const api = client(sb.url, key);
    expect((await api('GET', '/api/v1/webhooks')).status).toBe(200);
    const res = await api('POST', '/api/v1/webhooks', { url: 'http://127.0.0.1:9/x', events: ['order.created'] });
    expect(res.status).toBe(403);
    expect(res.body.error).toContain('"webhooks:write"');
  });
});

describe('bodies and unknown routes', () => {
  test('malformed JSON → 400 Invalid JSON body.', async () => {
    const res = await call(sb.url, 'POST', '/api/v1/webhooks', {
      key: sb.apiKey,
      rawBody: '{"url": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'Invalid JSON body.' });
  });

  test('a POST without a body → 400 Invalid JSON body.', async () => {
    const res = await call(sb.url, 'POST', '/api/v1/customers', { key: sb.apiKey });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'Invalid JSON body.' });
  });

  test('an unknown API route → 404 in the error format', async () => {
    const res = await call(sb.url, 'GET', '/api/v1/invoices', { key: sb.apiKey });
    expect(res.status).toBe(404);
    expect(typeof res.body.error).toBe('string');
  });
});
