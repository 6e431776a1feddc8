// End to end against the Distribu sandbox over real HTTP, for all 12 triggers and each documented
// payload variant: subscribe creates the webhook, a real state change in the sandbox is
// delivered to a local catcher standing in for hooks.zapier.com, the captured request becomes a
// bundle exactly as Zapier builds it, perform returns the item, forged and tampered copies return
// [], and unsubscribe leaves no webhook behind.
import { createHmac } from 'node:crypto';
import { events, normalizeDelivery } from '@distribu/shared/runtime';
import { startSandbox, type Sandbox } from '../../sandbox/src';
import { appTester, trigger } from './app-tester';
import { startCatcher } from '../../scripts/zapier/catcher';
import { hookBundle } from '../../scripts/zapier/bundle';

let sb: Sandbox;
let catcher: Awaited<ReturnType<typeof startCatcher>>;
let authData: { apiKey: string; baseUrl: string };

async function api(path: string, init: RequestInit = {}) {
  const res = await fetch(`${sb.url}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${sb.apiKey}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as any };
}

const logs: string[] = [];
const secrets: string[] = [];

beforeAll(async () => {
  jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logs.push(args.map(String).join(' ')));
  sb = await startSandbox({ port: 0, seed: true });
  secrets.push(sb.apiKey);
  catcher = await startCatcher();
  authData = { apiKey: sb.apiKey, baseUrl: sb.url };
});
afterAll(async () => {
  await catcher?.close();
  await sb?.close();
  jest.restoreAllMocks();
});

const cases = events.flatMap((e) => e.variants.map((variant) => [e.key, variant, e] as const));

describe.each(cases)('%s (%s variant) end to end', (key, variant, event) => {
  test('subscribe → real delivery → perform → forged/tampered rejected → unsubscribe', async () => {
    const op = trigger(key);
    const path = `/hooks/catch/123/${key}-${variant}`;
    const targetUrl = `${catcher.url}${path}`;

    // performSubscribe creates the webhook in Distribu
    const subscribeData = await appTester(op.performSubscribe, { authData, targetUrl, inputData: {} });
    expect(subscribeData).toMatchObject({ url: targetUrl, events: [event.name], isActive: true });
    expect(subscribeData.id).toEqual(expect.any(String));
    expect(subscribeData.secret).toMatch(/^whsec_/);
    secrets.push(subscribeData.secret);
    const listed = await api('/api/v1/webhooks');
    expect(listed.body.data.map((w: any) => [w.id, w.url, w.events])).toEqual([[subscribeData.id, targetUrl, [event.name]]]);

    // a real state change, delivered to the catcher
    const fired = await fetch(`${sb.url}/_sandbox/events/${event.name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ variant }),
    }).then((r) => r.json() as Promise<{ fired: Array<{ event: string; envelope: any; deliveries: any[] }> }>);
    const mine = fired.fired.find((f) => f.event === event.name)!;
    expect(mine.deliveries.map((d) => d.webhookId)).toEqual([subscribeData.id]);
    const captured = catcher.at(path);
    expect(captured).toHaveLength(1);
    const delivery = captured[0]!;

    // perform over the bundle Zapier would build
    const bundle = hookBundle(delivery, subscribeData, { authData });
    expect(bundle.rawRequest.headers['Http-X-Webhook-Signature']).toMatch(/^[0-9a-f]{64}$/);
    const items = await appTester(op.perform, bundle);
    const expected = normalizeDelivery(delivery.body);
    if (!expected.ok) throw new Error(expected.message);
    expect(items).toEqual([expected.item]);
    const item = items[0];
    expect(item.event).toBe(event.name);
    expect(item.timestamp).toBe(mine.envelope.timestamp);
    if (event.idKey) expect(item[event.idKey]).toBe(mine.envelope.data.id);
    if (event.recordPath && event.idKey) {
      const record = await api(`/api/v1${event.recordPath}/${item[event.idKey]}`);
      expect(record.status).toBe(200);
    }
    // every required output field is present in the live item (T005)
    for (const field of op.outputFields.filter((f) => f.required)) expect(item[field.key]).toBeDefined();

    // forged: same body, signed with a secret that is not this subscription's
    const forgedSig = createHmac('sha256', 'whsec_attacker_guess_0000000000000000').update(delivery.body).digest('hex');
    const forged = { ...delivery, headers: { ...delivery.headers, 'x-webhook-signature': forgedSig } };
    expect(await appTester(op.perform, hookBundle(forged, subscribeData, { authData }))).toEqual([]);
    // tampered: one field changed after signing
    const tampered = { ...delivery, body: delivery.body.replace(`"event":"${event.name}"`, `"event":"${event.name}" `) };
    expect(tampered.body).not.toBe(delivery.body);
    expect(await appTester(op.perform, hookBundle(tampered, subscribeData, { authData }))).toEqual([]);

    // performUnsubscribe deletes it; a second unsubscribe (already gone) still completes
    expect(await appTester(op.performUnsubscribe, { authData, subscribeData })).toEqual({ id: subscribeData.id, deleted: true });
    expect((await api('/api/v1/webhooks')).body.data).toEqual([]);
    expect(await appTester(op.performUnsubscribe, { authData, subscribeData })).toEqual({ id: subscribeData.id, deleted: false });
  });
});

test('"Fetch Full Order" hydrates a thin storefront order.created from GET /orders/{id}', async () => {
  const op = trigger('order_created');
  const path = '/hooks/catch/123/full-order';
  const subscribeData = await appTester(op.performSubscribe, { authData, targetUrl: `${catcher.url}${path}` });
  // each run gets a delivery of its own: the same delivery twice is an exact replay and runs once
  const fire = async () => {
    await fetch(`${sb.url}/_sandbox/events/order.created`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ variant: 'storefront' }),
    });
    return catcher.at(path).at(-1)!;
  };
  try {
    const thin = (await appTester(op.perform, hookBundle(await fire(), subscribeData, { authData })))[0];
    expect(thin.items).toBeUndefined();
    const delivery = await fire();
    const [full] = await appTester(op.perform, hookBundle(delivery, subscribeData, { authData, inputData: { fetchFullRecord: true } }));
    const order = (await api(`/api/v1/orders/${full.orderId}`)).body.data;
    expect(full.items).toEqual(order.items);
    expect(full.createdAt).toBe(order.createdAt);
    // what the delivery said is kept
    const delivered = normalizeDelivery(delivery.body);
    if (!delivered.ok) throw new Error(delivered.message);
    expect({ ...full, items: undefined, createdAt: undefined, updatedAt: undefined, notes: undefined }).toMatchObject({ ...delivered.item, items: undefined });

    // a key without orders:read: the thin item still works; with Fetch Full the item still comes, naming the missing scope
    const limited = await fetch(`${sb.url}/_sandbox/api-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scopes: ['webhooks:read', 'webhooks:write'] }),
    }).then((r) => r.json() as Promise<{ id: string; key: string }>);
    secrets.push(limited.key);
    const limitedAuth = { apiKey: limited.key, baseUrl: sb.url };
    expect(await appTester(op.perform, hookBundle(await fire(), subscribeData, { authData: limitedAuth }))).toHaveLength(1);
    const thinDelivery = await fire();
    const [kept] = await appTester(op.perform, hookBundle(thinDelivery, subscribeData, { authData: limitedAuth, inputData: { fetchFullRecord: true } }));
    const thinItem = normalizeDelivery(thinDelivery.body);
    if (!thinItem.ok) throw new Error(thinItem.message);
    expect(kept).toEqual({ ...thinItem.item, fullRecordError: expect.stringContaining('"orders:read"') });

    // the key revoked: the run stops with ExpiredAuthError, so Zapier asks the user to reconnect and holds the run
    await fetch(`${sb.url}/_sandbox/api-keys/${limited.id}/revoke`, { method: 'POST' });
    const revoked = await appTester(op.perform, hookBundle(await fire(), subscribeData, { authData: limitedAuth, inputData: { fetchFullRecord: true } })).then(
      () => null,
      (e: Error) => e,
    );
    expect(revoked?.name).toBe('ExpiredAuthError');
    expect(revoked!.message).toMatch(/^Distribu did not accept the API key/);
  } finally {
    await appTester(op.performUnsubscribe, { authData, subscribeData });
  }
});

// Runs last (jest keeps declaration order): everything logged above, e.g. why a forged delivery
// was ignored, never shows the API key or a signing secret.
test('logs never show the API key or a signing secret', () => {
  expect(logs.some((l) => l.includes('does not match'))).toBe(true);
  expect(secrets.length).toBeGreaterThan(10);
  for (const secret of secrets) expect(logs.join('\n')).not.toContain(secret);
});
