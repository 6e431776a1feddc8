// makeApp(distribuHost) makes Distribu's twelve REST-hook triggers exactly as Distribu's own app holds them (the
// fixture distribu-app-definition.test.ts checks, written before the triggers moved onto makeApp): the same keys,
// labels, input and output fields and samples, from the host data alone (no client passed in); and they run against the
// sandbox with the generic connection client (provider/connection.ts).
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAppTester, version as platformVersion } from 'zapier-platform-core';
import { distribuHost } from '@distribu/shared/providers/distribu';
import { normalizeDelivery } from '@distribu/shared/runtime';
import { hookBundle } from '../../scripts/zapier/bundle';
import { makeApp, type HookTrigger } from '../../zapier/src/provider-app';
import { startLive, type Live } from './support/live';

/** The definition as data: functions only marked present. */
const shape = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'function' ? '<function>' : v)));

test("makeApp(distribuHost).triggers are Distribu's twelve hook triggers, as its users' Zaps hold them", () => {
  const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'distribu-app-definition.json'), 'utf8')) as { triggers: Record<string, { operation: { type: string } }> };
  const hooks = Object.fromEntries(Object.entries(fixture.triggers).filter(([, t]) => t.operation.type === 'hook'));
  expect(Object.keys(hooks)).toHaveLength(12);
  expect(shape(makeApp(distribuHost, '1.0.0', platformVersion).triggers)).toEqual(hooks);
});

describe('makeApp(distribuHost) against the sandbox over HTTP, with the generic connection client', () => {
  let live: Live;
  beforeAll(async () => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    live = await startLive();
  });
  afterAll(async () => {
    await live?.close();
    jest.restoreAllMocks();
  });
  const app = makeApp(distribuHost, '1.0.0', platformVersion);
  const tester = createAppTester(app as never);
  const op = (key: string) => (app.triggers[key] as HookTrigger).operation;

  test('subscribe → a real delivery → perform with Fetch Full → a forged copy asks Distribu and is ignored → a deleted webhook raises → unsubscribe', async () => {
    const { authData } = live;
    const path = '/hooks/catch/9/make-app';
    const targetUrl = `${live.catcher.url}${path}`;
    const subscribeData = (await tester(op('order_created').performSubscribe as never, { authData, targetUrl, inputData: {} } as never)) as { id: string; secret: string };
    expect(subscribeData).toMatchObject({ url: targetUrl, events: ['order.created'], isActive: true });
    await fetch(`${live.sb.url}/_sandbox/events/order.created`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ variant: 'storefront' }) });
    const delivery = live.catcher.at(path)[0]!;
    const expected = normalizeDelivery(delivery.body);
    if (!expected.ok) throw new Error(expected.message);
    const bundle = { ...hookBundle(delivery, subscribeData, { authData }), inputData: { fetchFullRecord: true } };
    const [item] = (await tester(op('order_created').perform as never, bundle as never)) as Array<Record<string, unknown>>;
    // The delivered item, the full order's fields added (what the payload left out), its source said.
    expect(item).toMatchObject({ ...expected.item, itemSource: 'delivery' });
    const added = Object.keys(item!).filter((key) => !(key in expected.item) && key !== 'itemSource');
    expect(added.length).toBeGreaterThan(0);
    expect(item).not.toHaveProperty('fullRecordError');

    const forged = { ...delivery, headers: { ...delivery.headers, 'x-webhook-signature': createHmac('sha256', 'whsec_attacker_0000000000000000').update(delivery.body).digest('hex') } };
    expect(await tester(op('order_created').perform as never, hookBundle(forged, subscribeData, { authData }) as never)).toEqual([]);
    const gone = await tester(op('order_created').perform as never, hookBundle(forged, { ...subscribeData, id: 'wh_not_there' }, { authData }) as never).catch((e: unknown) => e as Error);
    expect(JSON.parse((gone as Error).message)).toMatchObject({ code: 'WebhookDeleted', message: expect.stringMatching(/^This Zap's Distribu webhook \(wh_not_there\) was deleted in Distribu/) });

    expect(await tester(op('order_created').performUnsubscribe as never, { authData, subscribeData } as never)).toEqual({ id: subscribeData.id, deleted: true });
    expect(await live.client.webhooks()).toEqual([]);
  });

  test('the test step lists real orders, cut to the keys every delivery carries', async () => {
    const items = (await tester(op('order_created').performList as never, { authData: live.authData, inputData: {}, meta: { limit: 3 } } as never)) as Array<Record<string, unknown>>;
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(3);
    for (const item of items) expect(item).toMatchObject({ event: 'order.created', itemSource: 'record' });
  });
});
