import { startSandbox } from '../../sandbox/src';
import { SandboxClient } from '../../sandbox/src/client';
import { rawCall } from './support/raw';
import { sandboxSuite } from './support/suite';

// Every fault kind over real HTTP. Non-committing kinds answer instead of the API and change
// nothing; lost-answer kinds let the call change Distribu, then lose its answer.

const suite = sandboxSuite();
const { api, control } = suite;
let sandbox: SandboxClient;
const hookUrl = () => `${suite.catcher.url}/hook`;
const listWebhooks = async () => (await api('GET', '/api/v1/webhooks')).body.data as Array<{ id: string; url: string }>;
const createRaw = () => rawCall(suite.sb.url, 'POST', '/api/v1/webhooks', { key: suite.sb.apiKey, body: { url: hookUrl(), events: ['order.status_changed'] } });
const faulted = async () => (await sandbox.requests()).filter((r) => r.fault);

beforeAll(() => {
  sandbox = new SandboxClient(suite.sb.url, suite.sb.apiKey);
});

describe('faults that answer instead of the API (nothing is processed)', () => {
  test('404 names the resource like the real API; message overrides it', async () => {
    await sandbox.fault({ status: 404, count: 2 });
    expect((await api('GET', '/api/v1/webhooks/abc')).body).toEqual({ error: 'Webhook not found.' });
    const order = await api('GET', '/api/v1/orders');
    expect(order.status).toBe(404);
    expect(order.body).toEqual({ error: 'Order not found.' });
    await sandbox.fault({ status: 404, message: 'Gone.' });
    expect((await api('GET', '/api/v1/customers')).body).toEqual({ error: 'Gone.' });
  });

  test('422 defaults to the webhook cap message, creates nothing; message overrides it', async () => {
    await sandbox.fault({ status: 422, path: '/webhooks', method: 'POST' });
    const res = await api('POST', '/api/v1/webhooks', { url: hookUrl(), events: ['order.created'] });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ error: 'Maximum of 10 webhooks per company.' });
    expect(await listWebhooks()).toEqual([]);
    await sandbox.fault({ status: 422, message: 'Cannot change an order from SHIPPED to PENDING.' });
    expect((await api('GET', '/api/v1/orders')).body).toEqual({ error: 'Cannot change an order from SHIPPED to PENDING.' });
  });

  test('malformed: a 200 claiming JSON whose body does not parse, and the call is not processed', async () => {
    await sandbox.fault({ status: 'malformed', path: '/webhooks', method: 'POST' });
    const res = await createRaw();
    expect(res.status).toBe(200);
    expect(res.headers!['content-type']).toMatch(/^application\/json/);
    expect(res.complete).toBe(true);
    expect(() => JSON.parse(res.body)).toThrow(SyntaxError);
    expect(await listWebhooks()).toEqual([]);
    expect(await faulted()).toEqual([expect.objectContaining({ method: 'POST', path: '/api/v1/webhooks', status: 200, fault: 'malformed' })]);
  });

  test('echo: a gateway 502 HTML page that echoes every request header, the API key included', async () => {
    await sandbox.fault({ status: 'echo' });
    const res = await rawCall(suite.sb.url, 'POST', '/api/v1/webhooks', {
      key: suite.sb.apiKey,
      body: { url: hookUrl(), events: ['order.created'] },
      headers: { 'x-trace': 'abc-123' },
    });
    expect(res.status).toBe(502);
    expect(res.headers!['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain(`authorization: Bearer ${suite.sb.apiKey}`);
    expect(res.body).toContain('x-trace: abc-123');
    expect(await listWebhooks()).toEqual([]);
  });

  test('html: a proxy 413 HTML page of about 3 KB', async () => {
    await sandbox.fault({ status: 'html', method: 'POST' });
    const res = await createRaw();
    expect(res.status).toBe(413);
    expect(res.headers!['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('413 Request Entity Too Large');
    expect(res.body.length).toBeGreaterThan(2500);
    expect(res.body.length).toBeLessThan(3500);
    expect(await listWebhooks()).toEqual([]);
  });

  test('timeout: held exactly delayMs, then 504; a hold past Node timer range is refused, not cut short', async () => {
    await sandbox.fault({ status: 'timeout', delayMs: 300 });
    const res = await rawCall(suite.sb.url, 'GET', '/api/v1/orders', { key: suite.sb.apiKey });
    expect(res.status).toBe(504);
    expect(res.elapsedMs).toBeGreaterThanOrEqual(295);
    const huge = await control('POST', '/faults', { status: 'timeout', delayMs: 5e9 });
    expect(huge.status).toBe(400);
    expect(huge.body.error).toBe('Validation failed. delayMs: must be a whole number of milliseconds from 0 to 600000.');
    expect((await control('GET', '/faults')).body.data).toEqual([]);
  });
});

describe('lost answers: the change is committed, then the answer is lost', () => {
  test('lost-reset on POST /webhooks: the connection is reset, and the webhook exists', async () => {
    await sandbox.fault({ status: 'lost-reset', path: '/webhooks', method: 'POST' });
    const res = await createRaw();
    expect(res.status).toBeUndefined();
    expect(['ECONNRESET', 'socket hang up']).toContain(res.error);
    expect((await listWebhooks()).map((w) => w.url)).toEqual([hookUrl()]);
    expect(await faulted()).toEqual([expect.objectContaining({ method: 'POST', path: '/api/v1/webhooks', status: 201, fault: 'lost-reset' })]);
    // fetch sees a failed request too (what most clients will report).
    await sandbox.fault({ status: 'lost-reset', path: '/webhooks', method: 'POST' });
    await expect(fetch(`${suite.sb.url}/api/v1/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${suite.sb.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${hookUrl()}/2`, events: ['order.created'] }),
    })).rejects.toThrow('fetch failed');
    expect(await listWebhooks()).toHaveLength(2);
  });

  test('lost-reset on DELETE and PATCH: the webhook is gone, the order moved and its deliveries went out', async () => {
    const created = await api('POST', '/api/v1/webhooks', { url: hookUrl(), events: ['order.status_changed'] });
    const id = created.body.data.id as string;
    const order = (await control('POST', '/actions/storefront-order', {})).body.result;
    expect(order.status).toBe('SUBMITTED');
    await sandbox.fault({ status: 'lost-reset', path: '/orders', method: 'PATCH' });
    const patched = await rawCall(suite.sb.url, 'PATCH', `/api/v1/orders/${order.id}`, { key: suite.sb.apiKey, body: { status: 'CONFIRMED' } });
    expect(patched.status).toBeUndefined();
    expect(patched.error).toBeDefined();
    expect((await api('GET', `/api/v1/orders/${order.id}`)).body.data.status).toBe('CONFIRMED');
    await suite.sb.idle();
    expect(suite.catcher.at('/hook').map((c) => [c.json.event, c.json.data.orderId ?? c.json.data.id])).toEqual([['order.status_changed', order.id]]);

    await sandbox.fault({ status: 'lost-reset', path: `/webhooks/${id}`, method: 'DELETE' });
    const deleted = await rawCall(suite.sb.url, 'DELETE', `/api/v1/webhooks/${id}`, { key: suite.sb.apiKey });
    expect(deleted.status).toBeUndefined();
    expect(await listWebhooks()).toEqual([]);
    expect((await faulted()).map((r) => [r.method, r.status, r.fault])).toEqual([
      ['PATCH', 200, 'lost-reset'],
      ['DELETE', 200, 'lost-reset'],
    ]);
  });

  test('lost-truncated: a 201 whose body breaks off before its Content-Length, and the webhook exists', async () => {
    await sandbox.fault({ status: 'lost-truncated', path: '/webhooks', method: 'POST' });
    const res = await createRaw();
    expect(res.status).toBe(201);
    expect(res.complete).toBe(false);
    expect(Number(res.headers!['content-length'])).toBeGreaterThan(Buffer.byteLength(res.body));
    expect(res.body.length).toBeGreaterThan(0);
    expect(() => JSON.parse(res.body)).toThrow(SyntaxError);
    const hooks = await listWebhooks();
    expect(hooks.map((w) => w.url)).toEqual([hookUrl()]);
    expect(res.body).toContain(hooks[0]!.id.slice(0, 4));
    expect(await faulted()).toEqual([expect.objectContaining({ status: 201, fault: 'lost-truncated' })]);
  });

  test('lost-hang: no answer for delayMs, the connection is then dropped, and the change exists meanwhile', async () => {
    await sandbox.fault({ status: 'lost-hang', path: '/webhooks', method: 'POST', delayMs: 300 });
    const pending = createRaw();
    let seen: Array<{ url: string }> = [];
    for (let i = 0; i < 100 && seen.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 10));
      seen = await listWebhooks();
    }
    expect(seen.map((w) => w.url)).toEqual([hookUrl()]);
    const res = await pending;
    expect(res.status).toBeUndefined();
    expect(res.error).toBeDefined();
    expect(res.elapsedMs).toBeGreaterThanOrEqual(295);
    expect(await faulted()).toEqual([expect.objectContaining({ status: 201, fault: 'lost-hang' })]);
  });

  test('lost-hang is released by reset and by close (the connection drops at once)', async () => {
    await sandbox.fault({ status: 'lost-hang' });
    const held = rawCall(suite.sb.url, 'GET', '/api/v1/orders', { key: suite.sb.apiKey });
    for (let i = 0; i < 100 && (await control('GET', '/faults')).body.data.length > 0; i++) await new Promise((r) => setTimeout(r, 10));
    await control('POST', '/reset', {});
    const res = await held;
    expect(res.status).toBeUndefined();
    expect(res.elapsedMs).toBeLessThan(30_000);

    const other = await startSandbox({ port: 0, seed: false });
    await new SandboxClient(other.url).fault({ status: 'lost-hang', delayMs: 600_000 });
    const stuck = rawCall(other.url, 'GET', '/api/v1/webhooks', { key: other.apiKey });
    for (let i = 0; i < 100 && other.core.faults.list().length > 0; i++) await new Promise((r) => setTimeout(r, 10));
    await other.close();
    expect((await stuck).status).toBeUndefined();
  });
});

describe('fault rules are checked', () => {
  test.each([
    [{ status: 418 }, 'status: must be one of 401, 403, 404, 422, 429, 500, timeout, malformed, echo, html, lost-reset, lost-truncated, lost-hang.'],
    [{ status: 500, count: 0 }, 'count: must be a whole number of calls from 1 to 10000.'],
    [{ status: 500, count: 1.5 }, 'count: must be a whole number of calls from 1 to 10000.'],
    [{ status: 429, retryAfter: 86_401 }, 'retryAfter: must be a whole number of seconds from 0 to 86400.'],
    [{ status: 500, retryAfter: 3 }, 'retryAfter: applies only to 429 faults.'],
    [{ status: 'lost-hang', delayMs: 1.5 }, 'delayMs: must be a whole number of milliseconds from 0 to 600000.'],
    [{ status: 'lost-reset', delayMs: 100 }, 'delayMs: applies only to timeout and lost-hang faults.'],
    [{ status: 'echo', message: 'x' }, 'message: applies only to 401, 403, 404, 422, 429, 500 faults.'],
    [{ status: 422, message: '' }, 'message: must be a non-empty string of at most 500 characters.'],
  ])('%j is refused', async (rule, problem) => {
    const res = await control('POST', '/faults', rule);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe(`Validation failed. ${problem}`);
    expect((await control('GET', '/faults')).body.data).toEqual([]);
  });
});
