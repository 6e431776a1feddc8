import { verify, sign } from '@distribu/shared/runtime';
import { deliverySchema } from '@distribu/shared/schemas';
import { startSandbox } from '../../sandbox/src';
import { client } from './support/http';
import { sandboxSuite } from './support/suite';

// Delivery like Distribu: parallel POSTs to active subscribed webhooks, signed over the exact
// bytes, a timeout (shortened here), any 2xx = success, redirects = failure, no retries, and a log
// of the last 5 attempts per webhook.

const TIMEOUT_MS = 300;
const suite = sandboxSuite({ deliveryTimeoutMs: TIMEOUT_MS });
const { api, control } = suite;

async function subscribe(path: string, events: string[] = ['invoice.paid'], extra: Record<string, unknown> = {}) {
  const res = await api('POST', '/api/v1/webhooks', { url: `${suite.catcher.url}${path}`, events, ...extra });
  expect(res.status).toBe(201);
  return res.body.data as { id: string; secret: string };
}
const deliveries = async (id: string) => (await control('GET', `/webhooks/${id}/deliveries`)).body.data;


test('a delivery is a signed JSON POST of the exact bytes, with the event header and no old signature', async () => {
  const hook = await subscribe('/a');
  const { body } = await control('POST', '/events/invoice.paid', {});
  expect(suite.catcher.caught).toHaveLength(1);
  const c = suite.catcher.caught[0]!;
  expect(c.raw.toString('utf8')).toBe(JSON.stringify(body.fired[0].envelope));
  expect(c.headers['x-webhook-signature']).toBe(sign(c.raw, hook.secret));
  expect(c.headers['x-webhook-signature']).toMatch(/^[0-9a-f]{64}$/);
  expect(c.headers['x-webhook-event']).toBe('invoice.paid');
  expect(c.headers['content-type']).toBe('application/json');
  expect(c.headers['x-webhook-signature-old']).toBeUndefined();
  // No id, delivery or timestamp headers (Distribu sends none).
  expect(Object.keys(c.headers).filter((h) => h.startsWith('x-'))).toEqual(['x-webhook-signature', 'x-webhook-event']);
  // A forged body does not verify.
  expect(verify({ body: Buffer.from(c.raw.toString().replace('usd', 'eur')), headers: c.headers, secrets: [hook.secret] }).ok).toBe(false);
});

test('only active webhooks subscribed to the event receive it, each signed with its own secret', async () => {
  const a = await subscribe('/a', ['invoice.paid', 'order.created']);
  const b = await subscribe('/b', ['invoice.paid']);
  await subscribe('/c', ['order.created']);
  await subscribe('/d', ['invoice.paid'], { isActive: false });
  const { body } = await control('POST', '/events/invoice.paid', {});
  expect(body.fired[0].deliveries.map((d: { url: string }) => d.url).sort()).toEqual([`${suite.catcher.url}/a`, `${suite.catcher.url}/b`]);
  expect(suite.catcher.at('/a')).toHaveLength(1);
  expect(suite.catcher.at('/b')).toHaveLength(1);
  expect(suite.catcher.at('/c')).toHaveLength(0);
  expect(suite.catcher.at('/d')).toHaveLength(0);
  expect(verify({ body: suite.catcher.at('/a')[0]!.raw, headers: suite.catcher.at('/a')[0]!.headers, secrets: [a.secret] }).ok).toBe(true);
  expect(verify({ body: suite.catcher.at('/b')[0]!.raw, headers: suite.catcher.at('/b')[0]!.headers, secrets: [a.secret] }).ok).toBe(false);
  expect(verify({ body: suite.catcher.at('/b')[0]!.raw, headers: suite.catcher.at('/b')[0]!.headers, secrets: [b.secret] }).ok).toBe(true);
});

test('a disabled webhook receives nothing and keeps its log; re-enabled it receives again', async () => {
  const hook = await subscribe('/a');
  await control('POST', '/events/invoice.paid', {});
  await api('PATCH', `/api/v1/webhooks/${hook.id}`, { isActive: false });
  const { body } = await control('POST', '/events/invoice.paid', {});
  expect(body.fired[0].deliveries).toEqual([]);
  expect(suite.catcher.caught).toHaveLength(1);
  expect(await deliveries(hook.id)).toHaveLength(1);
  await api('PATCH', `/api/v1/webhooks/${hook.id}`, { isActive: true });
  await control('POST', '/events/invoice.paid', {});
  expect(suite.catcher.caught).toHaveLength(2);
});

test('deliveries to several webhooks go out in parallel', async () => {
  await subscribe('/slow/200');
  await subscribe('/slow/200');
  await subscribe('/slow/200');
  const { body } = await control('POST', '/events/invoice.paid', {});
  expect(body.fired[0].deliveries).toHaveLength(3);
  const arrivals = suite.catcher.caught.map((c) => c.at);
  // All three arrived before the first answered (200 ms): they were sent at once.
  expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(200);
});

test('any 2xx is success; 4xx/5xx and redirects are failures; none is retried', async () => {
  const hooks = {
    ok: await subscribe('/status/204'),
    created: await subscribe('/status/201'),
    unauthorized: await subscribe('/status/401'),
    error: await subscribe('/status/500'),
    redirect: await subscribe('/redirect'),
  };
  const { body } = await control('POST', '/events/invoice.paid', {});
  const byUrl = Object.fromEntries(body.fired[0].deliveries.map((d: { url: string }) => [d.url.slice(suite.catcher.url.length), d]));
  expect(byUrl['/status/204']).toMatchObject({ ok: true, status: 204 });
  expect(byUrl['/status/201']).toMatchObject({ ok: true, status: 201 });
  expect(byUrl['/status/401']).toMatchObject({ ok: false, status: 401 });
  expect(byUrl['/status/500']).toMatchObject({ ok: false, status: 500 });
  expect(byUrl['/redirect']).toMatchObject({ ok: false, status: 302 });
  await control('POST', '/idle');
  await new Promise((r) => setTimeout(r, 100));
  // One attempt each, and the redirect was not followed to /ok.
  expect(suite.catcher.caught).toHaveLength(5);
  expect(suite.catcher.at('/ok')).toHaveLength(0);
  expect((await deliveries(hooks.redirect.id))[0]).toMatchObject({ ok: false, status: 302, event: 'invoice.paid' });
  expect((await deliveries(hooks.error.id))[0].response).toContain('500');
});

test('a receiver slower than the timeout fails with status null and is not retried', async () => {
  const hook = await subscribe(`/slow/${TIMEOUT_MS * 3}`);
  const { body } = await control('POST', '/events/invoice.paid', {});
  const d = body.fired[0].deliveries[0];
  expect(d).toMatchObject({ ok: false, status: null });
  expect(d.durationMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
  expect(d.durationMs).toBeLessThan(TIMEOUT_MS * 3);
  await new Promise((r) => setTimeout(r, TIMEOUT_MS * 3));
  expect(suite.catcher.caught).toHaveLength(1);
  const [logged] = await deliveries(hook.id);
  expect(logged).toMatchObject({ event: 'invoice.paid', status: null, ok: false });
  expect(logged.response).toMatch(/Timed out/);
});

test('an unreachable receiver fails with status null', async () => {
  const res = await api('POST', '/api/v1/webhooks', { url: 'http://127.0.0.1:9/closed', events: ['invoice.paid'] });
  const { body } = await control('POST', '/events/invoice.paid', {});
  expect(body.fired[0].deliveries[0]).toMatchObject({ ok: false, status: null });
  expect((await deliveries(res.body.data.id))[0].status).toBeNull();
});

test('the delivery log keeps the last 5 attempts, newest first, with event, status, duration and time', async () => {
  const hook = await subscribe('/a', ['invoice.paid', 'customer.created']);
  const fired: string[] = [];
  for (let i = 0; i < 7; i++) {
    const event = i % 2 === 0 ? 'invoice.paid' : 'customer.created';
    await control('POST', `/events/${event}`, {});
    fired.push(event);
  }
  const log = await deliveries(hook.id);
  expect(log).toHaveLength(5);
  expect(log.map((d: { event: string }) => d.event)).toEqual(fired.slice(-5).reverse());
  for (const d of log) {
    expect(d).toMatchObject({ status: 200, ok: true, url: `${suite.catcher.url}/a` });
    expect(typeof d.durationMs).toBe('number');
    expect(new Date(d.at).toISOString()).toBe(d.at);
  }
  const times = log.map((d: { at: string }) => Date.parse(d.at));
  expect([...times].sort((a, b) => b - a)).toEqual(times);
  expect(JSON.stringify(log)).not.toContain(hook.secret);
});

test('deleting a webhook removes its delivery log', async () => {
  const hook = await subscribe('/a');
  await control('POST', '/events/invoice.paid', {});
  await api('DELETE', `/api/v1/webhooks/${hook.id}`);
  const res = await control('GET', `/webhooks/${hook.id}/deliveries`);
  expect(res.status).toBe(404);
});

describe('secret rotation', () => {
  test('during the grace window deliveries carry both signatures; the new secret is shown once', async () => {
    const hook = await subscribe('/a');
    const rotated = await control('POST', `/webhooks/${hook.id}/rotate-secret`, {});
    expect(rotated.status).toBe(200);
    const newSecret = rotated.body.secret as string;
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(hook.secret);
    expect(Date.parse(rotated.body.secretRotationGraceExpiresAt)).toBeGreaterThan(Date.now() + 23 * 3600_000);
    const listed = await control('GET', '/webhooks');
    expect(JSON.stringify(listed.body)).not.toContain('whsec_');
    expect(listed.body.data[0].secretRotationGraceExpiresAt).toBe(rotated.body.secretRotationGraceExpiresAt);

    await control('POST', '/events/invoice.paid', {});
    const c = suite.catcher.caught[0]!;
    expect(c.headers['x-webhook-signature']).toBe(sign(c.raw, newSecret));
    expect(c.headers['x-webhook-signature-old']).toBe(sign(c.raw, hook.secret));
    // A receiver still holding only the old secret verifies through the -Old header.
    expect(verify({ body: c.raw, headers: c.headers, secrets: [hook.secret] })).toEqual({ ok: true, header: 'X-Webhook-Signature-Old' });
    expect(verify({ body: c.raw, headers: c.headers, secrets: [newSecret] })).toEqual({ ok: true, header: 'X-Webhook-Signature' });
  });

  test('after the grace window only the new signature is sent and the field is null again', async () => {
    const hook = await subscribe('/a');
    const rotated = await control('POST', `/webhooks/${hook.id}/rotate-secret`, { graceSeconds: 0.05 });
    await new Promise((r) => setTimeout(r, 80));
    await control('POST', '/events/invoice.paid', {});
    const c = suite.catcher.caught[0]!;
    expect(c.headers['x-webhook-signature']).toBe(sign(c.raw, rotated.body.secret));
    expect(c.headers['x-webhook-signature-old']).toBeUndefined();
    expect(verify({ body: c.raw, headers: c.headers, secrets: [hook.secret] }).ok).toBe(false);
    expect((await api('GET', `/api/v1/webhooks/${hook.id}`)).body.data.secretRotationGraceExpiresAt).toBeNull();
  });
});

test('API calls answer before deliveries finish (fire and forget); idle waits for them', async () => {
  const hook = await subscribe('/slow/250', ['customer.created']);
  const started = Date.now();
  const res = await api('POST', '/api/v1/customers', { email: 'late@example.com', name: 'Late Receiver Ltd' });
  expect(res.status).toBe(200);
  expect(await deliveries(hook.id)).toHaveLength(0);
  await control('POST', '/idle');
  expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  expect(await deliveries(hook.id)).toHaveLength(1);
});

test('receivers off the loopback interface are never contacted unless allowed (logged as failures)', async () => {
  const res = await api('POST', '/api/v1/webhooks', { url: 'https://hooks.zapier.com/hooks/standard/1/abc/', events: ['invoice.paid'] });
  expect(res.status).toBe(201);
  const { body } = await control('POST', '/events/invoice.paid', {});
  expect(body.fired[0].deliveries[0]).toMatchObject({ ok: false, status: null });
  expect(body.fired[0].deliveries[0].error).toMatch(/loopback/);
  expect((await control('GET', '/settings')).body.allowExternalDeliveries).toBe(false);
});

test('closing the sandbox aborts deliveries in flight; they are logged as failures', async () => {
  const other = await startSandbox({ port: 0, seed: false, deliveryTimeoutMs: 10_000 });
  const otherApi = client(other.url, other.apiKey);
  const hook = (await otherApi('POST', '/api/v1/webhooks', { url: `${suite.catcher.url}/slow/3000`, events: ['customer.created'] })).body.data;
  await otherApi('POST', '/api/v1/customers', { email: 'closing@example.com' });
  for (let i = 0; i < 300 && suite.catcher.at('/slow/3000').length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  expect(suite.catcher.at('/slow/3000')).toHaveLength(1);
  await other.close();
  const [logged] = other.core.store.webhooks.get(hook.id)!.deliveries;
  expect(logged).toMatchObject({ ok: false, status: null, response: 'Aborted: the sandbox shut down.' });
});

test('per-event delays reproduce out-of-order arrival (status change before creation); reset clears them', async () => {
  await subscribe('/a', ['order.created', 'order.status_changed']);
  const set = await control('POST', '/settings', { delays: { 'order.created': 150 } });
  expect(set.body.delays).toEqual({ 'order.created': 150 });
  const customerId = (await api('GET', '/api/v1/customers?status=ACTIVE&limit=1')).body.data[0].id;
  const productId = (await api('GET', '/api/v1/products?active=true&search=COF-ARA')).body.data[0].id;
  const order = await api('POST', '/api/v1/orders', { customerId, items: [{ productId, quantity: 1 }] });
  await api('PATCH', `/api/v1/orders/${order.body.data.id}`, { status: 'CONFIRMED' });
  await control('POST', '/idle');
  expect(suite.catcher.caught.map((c) => c.json.event)).toEqual(['order.status_changed', 'order.created']);
  expect((await control('POST', '/settings', { delays: { 'order.nope': 5 } })).status).toBe(400);
  await control('POST', '/reset', {});
  expect((await control('GET', '/settings')).body.delays).toEqual({});
});

test('non-ASCII payloads are signed over their UTF-8 bytes', async () => {
  const hook = await subscribe('/a', ['customer.created']);
  await control('POST', '/actions/customer-signup', { email: 'cafe@example.com', name: 'Café Ünïcødé ✓ 東京' });
  await control('POST', '/idle');
  const c = suite.catcher.caught[0]!;
  expect(c.json.data.name).toBe('Café Ünïcødé ✓ 東京');
  expect(Number(c.headers['content-length'])).toBe(c.raw.length);
  expect(c.headers['x-webhook-signature']).toBe(sign(c.raw, hook.secret));
  expect(verify({ body: c.raw.toString('utf8'), headers: c.headers, secrets: [hook.secret] }).ok).toBe(true);
});

test('extraFields adds undocumented fields to every payload (forward compatibility); the schemas still accept them', async () => {
  await subscribe('/a', ['customer.created', 'order.shipped']);
  const set = await control('POST', '/settings', { extraFields: { loyaltyTier: 'gold', region: { code: 'EU' } } });
  expect(set.body.extraFields).toEqual({ loyaltyTier: 'gold', region: { code: 'EU' } });
  await control('POST', '/events/customer.created', { variant: 'storefront' });
  await control('POST', '/events/order.shipped', {});
  for (const c of suite.catcher.caught) {
    expect(c.json.data).toMatchObject({ loyaltyTier: 'gold', region: { code: 'EU' } });
    expect(deliverySchema(c.json.event as never).safeParse(c.json).success).toBe(true);
  }
  expect(suite.catcher.caught).toHaveLength(2);
  await control('POST', '/settings', { extraFields: {} });
  suite.catcher.clear();
  await control('POST', '/events/customer.created', { variant: 'storefront' });
  expect(suite.catcher.caught[0]!.json.data).not.toHaveProperty('loyaltyTier');
  expect((await control('POST', '/settings', { extraFields: 'x' })).status).toBe(400);
});
