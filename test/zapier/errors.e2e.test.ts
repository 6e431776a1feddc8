// Error paths against the sandbox: wrong key, missing scope (named), the 10-webhook cap, rate
// limiting and server errors, through the shared client (subscribe, list, auth test) and through
// the app's afterResponse for any other z.request. Messages are plain words and never carry the key.
import { WEBHOOK_CAP_MESSAGE } from '@distribu/shared/runtime';
import { startSandbox, type Sandbox } from '../../sandbox/src';
import { App, appTester, rejectionOf, trigger, zapierErrorParts } from './support/app-tester';
import { startCatcher } from '../../scripts/catcher';
import { distribuZapierHost } from '@distribu/shared/providers/distribu/zapier';
import { scopesOf } from '../../zapier/src/provider/scopes';

const { required: requiredScopes } = scopesOf(distribuZapierHost);

let sb: Sandbox;
const WRONG_KEY = 'dk_this_key_does_not_exist_0123456789abcdefghijklm';

async function control(path: string, body: unknown) {
  const res = await fetch(`${sb.url}/_sandbox${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as any;
}
async function scopedKey(scopes: string[]): Promise<string> {
  return (await control('/api-keys', { name: 'zapier test', scopes })).key;
}
const auth = (apiKey = sb.apiKey) => ({ apiKey, baseUrl: sb.url });
const subscribe = (apiKey?: string) =>
  appTester(trigger('order_created').performSubscribe, { authData: auth(apiKey), targetUrl: 'http://127.0.0.1:9/hooks/catch/1/x' });

beforeAll(async () => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  sb = await startSandbox({ port: 0, seed: true });
});
afterAll(async () => {
  await sb?.close();
  jest.restoreAllMocks();
});
afterEach(async () => {
  await fetch(`${sb.url}/_sandbox/faults`, { method: 'DELETE' });
  await control('/reset', { seed: true });
});

describe('authentication test', () => {
  test('a key with every needed scope connects; the label is the host, with no part of the key', async () => {
    const key = await scopedKey(requiredScopes());
    const result = (await appTester(App.authentication!.test as any, { authData: auth(key) })) as any;
    expect(result).toMatchObject({ webhooksInUse: 0, webhookLimit: 10 });
    const label = (App.authentication!.connectionLabel as string).replace(/{{(\w+)}}/g, (_, k) => String(result[k]));
    expect(label).toBe(new URL(sb.url).host);
    expect(Object.keys(result).sort()).toEqual(['label', 'webhookLimit', 'webhooksInUse']);
    expect(JSON.stringify(result)).not.toContain(key.slice(-4));
  });

  test('the connection test names every needed scope a key lacks, and what needs it; its probes change nothing', async () => {
    const key = await scopedKey(['webhooks:read', 'orders:read', 'customers:read', 'products:read']);
    const before = JSON.stringify([...sb.core.store.orders.values(), ...sb.core.store.customers.values(), ...sb.core.store.webhooks.values()]);
    const parts = zapierErrorParts(await rejectionOf(appTester(App.authentication!.test as any, { authData: auth(key) })));
    expect(parts).toMatchObject({ code: 'MissingScope', status: 403 });
    expect(parts.message).toBe(
      'This API key lacks scopes the app needs: "webhooks:write" (every trigger); "orders:write" (Create Order, Update Order Status); ' +
        '"customers:write" (Create Customer, Update Customer, Find or Create Customer). Scopes are fixed when a key is created: create a key in ' +
        `Distribu under Settings → API keys with ${requiredScopes().join(', ')}, then reconnect.`,
    );
    expect(JSON.stringify([...sb.core.store.orders.values(), ...sb.core.store.customers.values(), ...sb.core.store.webhooks.values()])).toBe(before);
  });

  test('each missing scope alone is found by its own probe', async () => {
    for (const lacking of requiredScopes()) {
      const key = await scopedKey(requiredScopes().filter((s) => s !== lacking));
      const parts = zapierErrorParts(await rejectionOf(appTester(App.authentication!.test as any, { authData: auth(key) })));
      expect(parts.message).toMatch(new RegExp(`^This API key lacks a scope the app needs: "${lacking}" \\(`));
    }
  });

  test('a Base URL over plain http to another computer is refused before the key is sent', async () => {
    const parts = zapierErrorParts(await rejectionOf(appTester(App.authentication!.test as any, { authData: { apiKey: sb.apiKey, baseUrl: 'http://distribu.app' } })));
    expect(parts).toMatchObject({ code: 'InvalidBaseUrl' });
    expect(parts.message).toMatch(/must start with https:\/\//);
  });

  test('401: a wrong key is refused in plain words', async () => {
    const error = await rejectionOf(appTester(App.authentication!.test as any, { authData: auth(WRONG_KEY) }));
    const parts = zapierErrorParts(error);
    expect(parts).toMatchObject({ code: 'AuthenticationError', status: 401 });
    expect(parts.message).toMatch(/did not accept the API key/);
    expect(String((error as Error).message)).not.toContain(WRONG_KEY);
  });

  test('403: a key without webhooks:read is told which scopes it lacks', async () => {
    const key = await scopedKey(['orders:read']);
    const parts = zapierErrorParts(await rejectionOf(appTester(App.authentication!.test as any, { authData: auth(key) })));
    expect(parts).toMatchObject({ code: 'MissingScope', status: 403 });
    expect(parts.message).toContain('"webhooks:read" (every trigger)');
    expect(parts.message).not.toContain('"orders:read"');
  });
});

describe('turning a Zap on (performSubscribe)', () => {
  test('403 names webhooks:write for a read-only key', async () => {
    const key = await scopedKey(['webhooks:read']);
    const parts = zapierErrorParts(await rejectionOf(subscribe(key)));
    expect(parts).toMatchObject({ code: 'MissingScope', status: 403 });
    expect(parts.message).toMatch(/lacks the "webhooks:write" scope/);
    expect(parts.message).not.toContain(key);
  });

  test('the 10-webhook cap: the plain-words message, and nothing is created', async () => {
    for (let i = 0; i < 10; i += 1) {
      const res = await fetch(`${sb.url}/api/v1/webhooks`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${sb.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url: `http://127.0.0.1:9/other/${i}`, events: ['order.created'] }),
      });
      expect(res.status).toBe(201);
    }
    const parts = zapierErrorParts(await rejectionOf(subscribe()));
    expect(parts).toEqual({ name: 'AppError', message: WEBHOOK_CAP_MESSAGE, code: 'WebhookLimitReached', status: 422 });
    const list = await fetch(`${sb.url}/api/v1/webhooks`, { headers: { Authorization: `Bearer ${sb.apiKey}` } }).then((r) => r.json() as any);
    expect(list.data).toHaveLength(10);
  });

  test('429 becomes a ThrottledError with Distribu\'s retry delay', async () => {
    await control('/faults', { status: 429, count: 1, path: '/webhooks', retryAfter: 7 });
    const error = await rejectionOf(subscribe());
    const parts = zapierErrorParts(error);
    expect(parts.name).toBe('ThrottledError');
    expect(parts.delay).toBe(7);
    expect(parts.message).toBe("Distribu's rate limit was reached. Try again in 7 seconds.");
  });

  test('500 is a server error in plain words', async () => {
    await control('/faults', { status: 500, count: 1, path: '/webhooks' });
    const parts = zapierErrorParts(await rejectionOf(subscribe()));
    expect(parts).toMatchObject({ code: 'ServerError', status: 500 });
    expect(parts.message).toMatch(/server error \(HTTP 500\)/);
  });

  test('401 on subscribe (key revoked after connecting)', async () => {
    await control('/faults', { status: 401, count: 1, path: '/webhooks' });
    expect(zapierErrorParts(await rejectionOf(subscribe()))).toMatchObject({ code: 'AuthenticationError', status: 401 });
  });
});

describe('test step (performList) and hydration', () => {
  test('403 names orders:read when the key cannot read orders', async () => {
    const key = await scopedKey(['webhooks:read', 'webhooks:write']);
    const parts = zapierErrorParts(await rejectionOf(appTester(trigger('order_shipped').performList, { authData: auth(key) })));
    expect(parts).toMatchObject({ code: 'MissingScope', status: 403 });
    expect(parts.message).toContain('"orders:read"');
  });

  test('401 (key revoked or wrong) on the test step is ExpiredAuthError: Zapier asks to reconnect; the connection test keeps its plain error', async () => {
    const listed = zapierErrorParts(await rejectionOf(appTester(trigger('order_created').performList, { authData: auth(WRONG_KEY) })));
    expect(listed).toMatchObject({ name: 'ExpiredAuthError' });
    expect(listed.message).toMatch(/did not accept the API key/);
    expect(listed.message).not.toContain(WRONG_KEY);
    const tested = zapierErrorParts(await rejectionOf(appTester(App.authentication!.test as any, { authData: auth(WRONG_KEY) })));
    expect(tested).toMatchObject({ name: 'AppError', code: 'AuthenticationError', status: 401 });
  });

  test('429 and 500 on the list call', async () => {
    await control('/faults', { status: 429, count: 1, path: '/products', retryAfter: 3 });
    expect(zapierErrorParts(await rejectionOf(appTester(trigger('product_updated').performList, { authData: auth() })))).toMatchObject({
      name: 'ThrottledError',
      delay: 3,
    });
    await control('/faults', { status: 500, count: 1, path: '/customers' });
    expect(zapierErrorParts(await rejectionOf(appTester(trigger('customer_created').performList, { authData: auth() })))).toMatchObject({
      code: 'ServerError',
    });
  });
});

describe('afterResponse maps errors of any other z.request', () => {
  /** An ad-hoc step doing a plain z.request, as any future action would. */
  const request = (url: string, method: 'GET' | 'POST', apiKey?: string) =>
    appTester(async (z: any) => (await z.request({ url, method, ...(method === 'POST' ? { body: {} } : {}) })).data, { authData: auth(apiKey) });
  const get = (path: string, apiKey?: string) => request(`${sb.url}/api/v1${path}`, 'GET', apiKey);

  test('401, 403 with scope, 429 with delay, 500', async () => {
    expect(zapierErrorParts(await rejectionOf(get('/orders', WRONG_KEY)))).toMatchObject({ code: 'AuthenticationError', status: 401 });
    const key = await scopedKey(['webhooks:read']);
    const forbidden = zapierErrorParts(await rejectionOf(get('/customers', key)));
    expect(forbidden.message).toContain('"customers:read"');
    await control('/faults', { status: 429, count: 1, path: '/orders', retryAfter: 11 });
    expect(zapierErrorParts(await rejectionOf(get('/orders')))).toMatchObject({ name: 'ThrottledError', delay: 11 });
    await control('/faults', { status: 500, count: 1, path: '/orders' });
    expect(zapierErrorParts(await rejectionOf(get('/orders')))).toMatchObject({ code: 'ServerError', status: 500 });
    // and a good call passes through untouched
    expect(((await get('/orders')) as any).data.length).toBeGreaterThan(0);
  });

  test('the API key is sent only to the connected Distribu, never to another host', async () => {
    const other = await startCatcher();
    try {
      await request(`${other.url}/elsewhere`, 'POST');
      expect(await get('/webhooks')).toEqual({ data: [] });
      expect(other.caught).toHaveLength(1);
      expect(other.caught[0]!.headers.authorization).toBeUndefined();
      expect(JSON.stringify(other.caught[0]!.headers)).not.toContain(sb.apiKey);
    } finally {
      await other.close();
    }
  });
});

describe('nothing is left behind on Distribu', () => {
  const targetUrl = 'http://127.0.0.1:9/hooks/catch/1/leftover';
  const restCreate = () =>
    fetch(`${sb.url}/api/v1/webhooks`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sb.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: targetUrl, events: ['order.created'] }),
    }).then((r) => r.json() as any);
  const restList = () => fetch(`${sb.url}/api/v1/webhooks`, { headers: { Authorization: `Bearer ${sb.apiKey}` } }).then((r) => r.json() as any);

  test('subscribe replaces a leftover webhook for the same Zap URL instead of adding a second', async () => {
    const leftover = (await restCreate()).data;
    const other = await fetch(`${sb.url}/api/v1/webhooks`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sb.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'http://127.0.0.1:9/someone-else', events: ['order.created'] }),
    }).then((r) => r.json() as any);
    const created = await appTester(trigger('order_created').performSubscribe, { authData: auth(), targetUrl });
    const ids = (await restList()).data.map((w: any) => w.id).sort();
    expect(ids).toEqual([created.id, other.data.id].sort());
    expect(ids).not.toContain(leftover.id);
  });

  test('unsubscribe without a stored id removes the webhooks for this Zap URL', async () => {
    const leftover = (await restCreate()).data;
    const result = await appTester(trigger('order_created').performUnsubscribe, { authData: auth(), targetUrl, subscribeData: {} as any });
    expect(result).toEqual({ id: leftover.id, deleted: true });
    expect((await restList()).data).toEqual([]);
  });
});
