import { startSandbox, type Sandbox } from '../../sandbox/src';
import { call, client } from './support/http';

let sb: Sandbox;
let api: ReturnType<typeof client>;
const hook = (n: number, extra: Record<string, unknown> = {}) => ({ url: `http://127.0.0.1:9/hook/${n}`, events: ['order.created'], ...extra });

beforeAll(async () => {
  sb = await startSandbox({ port: 0, seed: false });
  api = client(sb.url, sb.apiKey);
});
afterAll(() => sb.close());
beforeEach(async () => {
  await call(sb.url, 'POST', '/_sandbox/reset', { body: { seed: false } });
});

describe('create', () => {
  test('201 {data: {...webhook, secret}} with a one-time whsec_ secret of 24 random bytes', async () => {
    const res = await api('POST', '/api/v1/webhooks', hook(1, { events: ['order.created', 'order.shipped'] }));
    expect(res.status).toBe(201);
    const data = res.body.data;
    expect(Object.keys(data).sort()).toEqual(
      ['createdAt', 'events', 'id', 'isActive', 'secret', 'secretRotationGraceExpiresAt', 'updatedAt', 'url'].sort(),
    );
    expect(data).toMatchObject({ url: 'http://127.0.0.1:9/hook/1', events: ['order.created', 'order.shipped'], isActive: true, secretRotationGraceExpiresAt: null });
    expect(data.id).toMatch(/^cl[a-z0-9]{20,}$/);
    expect(data.secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    expect(Buffer.from(data.secret.slice(6), 'base64url')).toHaveLength(24);
    expect(new Date(data.createdAt).toISOString()).toBe(data.createdAt);

    const got = await api('GET', `/api/v1/webhooks/${data.id}`);
    expect(got.status).toBe(200);
    expect(got.body.data.secret).toBeUndefined();
    const { secret: _secret, ...withoutSecret } = data;
    expect(got.body.data).toEqual(withoutSecret);
    const list = await api('GET', '/api/v1/webhooks');
    expect(list.body).toEqual({ data: [withoutSecret] });
    expect(JSON.stringify(list.body)).not.toContain('whsec_');
  });

  test('isActive: false registers an inactive webhook', async () => {
    const res = await api('POST', '/api/v1/webhooks', hook(1, { isActive: false }));
    expect(res.body.data.isActive).toBe(false);
  });

  test('every webhook gets its own secret', async () => {
    const a = await api('POST', '/api/v1/webhooks', hook(1));
    const b = await api('POST', '/api/v1/webhooks', hook(1));
    expect(a.body.data.secret).not.toBe(b.body.data.secret);
  });
});

describe('validation: 400 naming the bad field', () => {
  test.each([
    ['a missing url', { events: ['order.created'] }, 'url'],
    ['a non-http url', { url: 'ftp://example.com/x', events: ['order.created'] }, 'url'],
    ['a relative url', { url: '/hooks', events: ['order.created'] }, 'url'],
    ['a url over 2048 chars', { url: `https://example.com/${'a'.repeat(2040)}`, events: ['order.created'] }, 'url'],
    ['missing events', { url: 'https://example.com/x' }, 'events'],
    ['empty events', { url: 'https://example.com/x', events: [] }, 'events'],
    ['an unknown event', { url: 'https://example.com/x', events: ['order.created', 'order.deleted'] }, 'events'],
    ['events not a list', { url: 'https://example.com/x', events: 'order.created' }, 'events'],
    ['a non-boolean isActive', { url: 'https://example.com/x', events: ['order.created'], isActive: 'yes' }, 'isActive'],
  ])('%s', async (_label, body, field) => {
    const res = await api('POST', '/api/v1/webhooks', body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(new RegExp(`^Validation failed\\. ${field}: `));
    expect(res.body.field).toBe(field);
    expect((await api('GET', '/api/v1/webhooks')).body.data).toEqual([]);
  });

  test('the unknown event is named in the message', async () => {
    const res = await api('POST', '/api/v1/webhooks', { url: 'https://example.com/x', events: ['order.deleted'] });
    expect(res.body.error).toContain('"order.deleted"');
  });
});

describe('the cap of 10 per company', () => {
  test('the 11th create → 422 with the documented message; inactive ones count; deleting makes room', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await api('POST', '/api/v1/webhooks', hook(i, { isActive: i % 2 === 0 }));
      expect(res.status).toBe(201);
      ids.push(res.body.data.id);
    }
    const eleventh = await api('POST', '/api/v1/webhooks', hook(11));
    expect(eleventh.status).toBe(422);
    expect(eleventh.body).toEqual({ error: 'Maximum of 10 webhooks per company.' });
    expect((await api('GET', '/api/v1/webhooks')).body.data).toHaveLength(10);

    expect((await api('DELETE', `/api/v1/webhooks/${ids[0]}`)).status).toBe(200);
    expect((await api('POST', '/api/v1/webhooks', hook(12))).status).toBe(201);
    expect((await api('POST', '/api/v1/webhooks', hook(13))).status).toBe(422);
  });
});

describe('update and delete', () => {
  test('PATCH changes url, replaces events and toggles isActive', async () => {
    const { body } = await api('POST', '/api/v1/webhooks', hook(1, { events: ['order.created', 'order.shipped'] }));
    const id = body.data.id;
    const res = await api('PATCH', `/api/v1/webhooks/${id}`, { events: ['customer.created'], isActive: false, url: 'https://example.com/new' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id, events: ['customer.created'], isActive: false, url: 'https://example.com/new' });
    expect(res.body.data.secret).toBeUndefined();
    expect(Date.parse(res.body.data.updatedAt)).toBeGreaterThanOrEqual(Date.parse(body.data.updatedAt));
    const bad = await api('PATCH', `/api/v1/webhooks/${id}`, { events: ['nope'] });
    expect(bad.status).toBe(400);
    expect((await api('GET', `/api/v1/webhooks/${id}`)).body.data.events).toEqual(['customer.created']);
  });

  test('DELETE → 200 {data: {id, deleted: true}}, then 404 Webhook not found.', async () => {
    const { body } = await api('POST', '/api/v1/webhooks', hook(1));
    const id = body.data.id;
    const res = await api('DELETE', `/api/v1/webhooks/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { id, deleted: true } });
    for (const [method, payload] of [['GET'], ['PATCH', { isActive: true }], ['DELETE']] as const) {
      const again = await api(method, `/api/v1/webhooks/${id}`, payload);
      expect(again.status).toBe(404);
      expect(again.body).toEqual({ error: 'Webhook not found.' });
    }
  });

  test('DELETE with a JSON content type and an empty body still works (as Zapier sends it)', async () => {
    const { body } = await api('POST', '/api/v1/webhooks', hook(1));
    const res = await call(sb.url, 'DELETE', `/api/v1/webhooks/${body.data.id}`, {
      key: sb.apiKey,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
  });
});

describe('rotation over the API (sandbox-only stand-in)', () => {
  test('POST /api/v1/webhooks/:id/rotate-secret returns a new secret once and opens a 24 h grace window', async () => {
    const { body } = await api('POST', '/api/v1/webhooks', hook(1));
    const before = Date.now();
    const res = await api('POST', `/api/v1/webhooks/${body.data.id}/rotate-secret`);
    expect(res.status).toBe(200);
    expect(res.body.data.secret).toMatch(/^whsec_/);
    expect(res.body.data.secret).not.toBe(body.data.secret);
    const grace = Date.parse(res.body.data.secretRotationGraceExpiresAt);
    expect(grace - before).toBeGreaterThanOrEqual(24 * 3600_000 - 1000);
    expect(grace - before).toBeLessThanOrEqual(24 * 3600_000 + 5000);
    const got = await api('GET', `/api/v1/webhooks/${body.data.id}`);
    expect(got.body.data.secretRotationGraceExpiresAt).toBe(res.body.data.secretRotationGraceExpiresAt);
    expect(got.body.data.secret).toBeUndefined();
  });
});

describe('the request log', () => {
  test('records each REST call (method, path, query parameter names, status) and nothing else', async () => {
    await call(sb.url, 'DELETE', '/_sandbox/requests');
    await api('POST', '/api/v1/webhooks', hook(1));
    // A key put in a URL (by mistake or by a misbehaving client) is never echoed back.
    await api('GET', `/api/v1/webhooks?x=1&api_key=${sb.apiKey}&x=2`);
    await call(sb.url, 'GET', '/api/v1/webhooks');
    const log = (await call(sb.url, 'GET', '/_sandbox/requests')).body.data;
    expect(log.map((r: { method: string; path: string; status: number }) => [r.method, r.path, r.status])).toEqual([
      ['POST', '/api/v1/webhooks', 201],
      ['GET', '/api/v1/webhooks', 200],
      ['GET', '/api/v1/webhooks', 401],
    ]);
    expect(log[1].queryNames).toEqual(['x', 'api_key']);
    expect(log[0].queryNames).toEqual([]);
    const posts = (await call(sb.url, 'GET', '/_sandbox/requests?method=post&path=/webhooks')).body.data;
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(log)).not.toMatch(/dk_|whsec_/);
  });
});

describe('the audit trail', () => {
  test('records created, updated (changed fields only), rotated and deleted, never a secret', async () => {
    const { body } = await api('POST', '/api/v1/webhooks', hook(1));
    const id = body.data.id;
    await api('PATCH', `/api/v1/webhooks/${id}`, { isActive: false, url: body.data.url });
    await api('PATCH', `/api/v1/webhooks/${id}`, { isActive: false });
    const rotated = await api('POST', `/api/v1/webhooks/${id}/rotate-secret`);
    await api('DELETE', `/api/v1/webhooks/${id}`);
    const audit = (await call(sb.url, 'GET', '/_sandbox/audit')).body.data;
    expect(audit.map((a: { action: string; webhookId: string; metadata: unknown }) => [a.action, a.webhookId, a.metadata])).toEqual([
      ['WebhookCreated', id, { url: body.data.url, events: ['order.created'] }],
      ['WebhookUpdated', id, { isActive: false }],
      ['WebhookSecretRotated', id, { graceExpiresAt: rotated.body.data.secretRotationGraceExpiresAt }],
      ['WebhookDeleted', id, { url: body.data.url }],
    ]);
    expect(JSON.stringify(audit)).not.toContain('whsec_');
  });
});
