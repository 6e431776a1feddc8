import { startSandbox, type Sandbox } from '../../sandbox/src';
import { call, client } from './support/http';

let sb: Sandbox;
let api: ReturnType<typeof client>;
const control = (method: string, path: string, body?: unknown) => call(sb.url, method, `/_sandbox${path}`, { body });

beforeAll(async () => {
  sb = await startSandbox({ port: 0, seed: true });
  api = client(sb.url, sb.apiKey);
});
afterAll(() => sb.close());
beforeEach(async () => {
  await control('POST', '/reset', {});
});

describe('fault injection', () => {
  test('429 for the next N calls, with retryAfter in the body and a Retry-After header, then normal again', async () => {
    const added = await control('POST', '/faults', { status: 429, count: 2, retryAfter: 7 });
    expect(added.status).toBe(201);
    for (let i = 0; i < 2; i++) {
      const res = await api('GET', '/api/v1/orders');
      expect(res.status).toBe(429);
      expect(res.body.retryAfter).toBe(7);
      expect(typeof res.body.error).toBe('string');
      expect(res.headers.get('retry-after')).toBe('7');
    }
    expect((await api('GET', '/api/v1/orders')).status).toBe(200);
    expect((await control('GET', '/faults')).body.data).toEqual([]);
  });

  test('a path limits the fault to that resource (given under /api/v1 or in full)', async () => {
    await control('POST', '/faults', { status: 500, count: 1, path: '/webhooks' });
    expect((await api('GET', '/api/v1/orders')).status).toBe(200);
    const failed = await api('POST', '/api/v1/webhooks', { url: 'http://127.0.0.1:9/x', events: ['order.created'] });
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({ error: 'Internal server error.' });
    // Nothing was created by the failed call.
    expect((await api('GET', '/api/v1/webhooks')).body.data).toEqual([]);
    await control('POST', '/faults', { status: 500, count: 1, path: '/api/v1/webhooks', method: 'DELETE' });
    expect((await api('GET', '/api/v1/webhooks')).status).toBe(200);
    expect((await api('DELETE', '/api/v1/webhooks/abc')).status).toBe(500);
  });

  test('401 and 403 faults answer with the documented messages (403 names the route’s scope)', async () => {
    await control('POST', '/faults', { status: 401, count: 1 });
    expect((await api('GET', '/api/v1/products')).body).toEqual({ error: 'Invalid, expired, or revoked API key.' });
    await control('POST', '/faults', { status: 403, count: 1 });
    expect((await api('GET', '/api/v1/customers')).body).toEqual({
      error: 'Insufficient permissions. This key lacks the "customers:read" scope.',
    });
  });

  test('a timeout fault holds the call for delayMs, then answers 504', async () => {
    await control('POST', '/faults', { status: 'timeout', count: 1, delayMs: 200 });
    const started = Date.now();
    const res = await api('GET', '/api/v1/orders');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(res.status).toBe(504);
    // By default it hangs long enough for any client to time out.
    await control('POST', '/faults', { status: 'timeout', count: 1 });
    const hanging = await fetch(`${sb.url}/api/v1/orders`, {
      headers: { authorization: `Bearer ${sb.apiKey}` },
      signal: AbortSignal.timeout(150),
    }).then(
      () => 'answered',
      (e: Error) => e.name,
    );
    expect(hanging).toBe('TimeoutError');
  });

  test('reset ends calls held by a timeout fault (they answer 504)', async () => {
    await control('POST', '/faults', { status: 'timeout', count: 1 });
    const held = api('GET', '/api/v1/orders');
    for (let i = 0; i < 100 && (await control('GET', '/faults')).body.data.length > 0; i++) await new Promise((r) => setTimeout(r, 10));
    await control('POST', '/reset', {});
    expect((await held).status).toBe(504);
  });

  test('faulted calls are in the request log, marked', async () => {
    await control('DELETE', '/requests');
    await control('POST', '/faults', { status: 500, count: 1 });
    await api('GET', '/api/v1/orders');
    const log = (await control('GET', '/requests')).body.data;
    expect(log).toEqual([expect.objectContaining({ method: 'GET', path: '/api/v1/orders', status: 500, fault: '500' })]);
  });

  test('bad fault requests are refused', async () => {
    expect((await control('POST', '/faults', { status: 418 })).status).toBe(400);
    expect((await control('POST', '/faults', { status: 500, count: 0 })).status).toBe(400);
  });
});

describe('reset and idle', () => {
  test('reset clears webhooks, logs, faults and extra keys, re-seeds, and keeps the main key', async () => {
    const extra = (await control('POST', '/api-keys', { scopes: ['orders:read'] })).body.key;
    await api('POST', '/api/v1/webhooks', { url: 'http://127.0.0.1:9/x', events: ['order.created'] });
    await api('POST', '/api/v1/customers', { email: 'temp@example.com' });
    await control('POST', '/faults', { status: 500, count: 5, path: '/nothing' });
    await control('POST', '/reset', {});
    expect((await api('GET', '/api/v1/webhooks')).body.data).toEqual([]);
    expect((await api('GET', '/api/v1/customers?search=temp@')).body.data).toEqual([]);
    expect((await api('GET', '/api/v1/products')).body.data.length).toBeGreaterThan(3);
    expect((await control('GET', '/faults')).body.data).toEqual([]);
    expect((await call(sb.url, 'GET', '/api/v1/orders', { key: extra })).status).toBe(401);
    await control('POST', '/reset', { seed: false });
    expect((await api('GET', '/api/v1/products')).body.data).toEqual([]);
  });

  test('idle answers at once when nothing is in flight', async () => {
    expect((await control('POST', '/idle')).body).toEqual({ idle: true });
  });
});

test('the programmatic fire() resolves with the deliveries', async () => {
  const fired = await sb.fire('invoice.paid');
  expect(fired).toHaveLength(1);
  expect(fired[0]!.event).toBe('invoice.paid');
  expect(fired[0]!.deliveries).toEqual([]);
});

test('settings change the delivery timeout', async () => {
  const res = await control('POST', '/settings', { deliveryTimeoutMs: 1234 });
  expect(res.body.deliveryTimeoutMs).toBe(1234);
  expect(sb.core.deliverer.timeoutMs).toBe(1234);
  await control('POST', '/settings', { deliveryTimeoutMs: 10_000 });
});
