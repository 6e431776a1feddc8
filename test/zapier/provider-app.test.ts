// makeApp(provider) for a provider that is not Distribu: Acme (test/hosts/support/acme-host.ts) with its
// hooks API on loopback, run through zapier-platform-core's own app tester: the connection test, REST-hook
// subscribe and unsubscribe (leaving the hooks as they were), and perform verifying with the stored secret; with a
// `subscription.health`, a refused delivery asks about the webhook and a deleted one raises in Acme's words.
import { createAppTester, version as platformVersion } from 'zapier-platform-core';
import { signWith, type HmacScheme } from '@distribu/shared/kit';
import { makeApp, type HookTrigger } from '../../zapier/src/provider-app';
import { startAcmeApi, type AcmeApi } from '../kit/support/acme-api';
import { AcmeClient, AcmeRefusal, acmeSubscriptionApi } from '../kit/support/acme';
import { acmeApiHost, acmeHost } from '../hosts/support/acme-host';

const app = makeApp(acmeApiHost, '1.0.0', platformVersion);
const appTester = createAppTester(app as never);
const made = (app.triggers.thing_made as HookTrigger).operation;
const scheme = acmeApiHost.provider.inbound.scheme as HmacScheme;
const TARGET = 'https://hooks.zapier.example/hooks/standard/1/abc/';
let api: AcmeApi;

beforeEach(async () => {
  api = await startAcmeApi();
});
afterEach(async () => {
  await api.close();
});

const auth = () => ({ authData: { apiKey: 'acme_sk_test', baseUrl: api.url } });

test('one REST-hook trigger per event, keyed and labelled from the host data', () => {
  expect(Object.keys(app.triggers).sort()).toEqual(['thing_gone', 'thing_made']);
  expect(app.triggers.thing_made!.display.label).toBe('Thing Made');
  expect(made.type).toBe('hook');
  expect(() => makeApp(acmeHost, '1.0.0', platformVersion)).toThrow(/needs REST hooks/);
});

test('the connection test calls the probe; subscribe registers one hook; unsubscribe removes only it', async () => {
  await appTester(app.authentication.test as never, auth() as never);
  await fetch(`${api.url}/hooks`, { method: 'POST', body: JSON.stringify({ url: 'https://other.example/in', events: ['thing.made'] }) });
  const subscribed = (await appTester(made.performSubscribe as never, { ...auth(), targetUrl: TARGET } as never)) as { id: string; secret: string };
  expect(api.hooks.map((h) => h.url).sort()).toEqual([TARGET, 'https://other.example/in'].sort());
  expect(subscribed.secret).toMatch(/^acme_hs_/);
  await appTester(made.performUnsubscribe as never, { ...auth(), targetUrl: TARGET, subscribeData: subscribed } as never);
  expect(api.hooks.map((h) => h.url)).toEqual(['https://other.example/in']);
});

test('at the cap the Zap gets the provider words and nothing is removed', async () => {
  for (const url of ['https://a.example/in', 'https://b.example/in']) {
    await fetch(`${api.url}/hooks`, { method: 'POST', body: JSON.stringify({ url, events: ['thing.made'] }) });
  }
  await expect(appTester(made.performSubscribe as never, { ...auth(), targetUrl: TARGET } as never)).rejects.toThrow('Acme allows 2 hooks per workspace and all are taken');
  expect(api.hooks).toHaveLength(2);
});

test('perform: a delivery signed with the stored secret becomes one item, once; a forged one none', async () => {
  const secret = 'acme_hs_stored';
  const body = JSON.stringify({ type: 'thing.made', at: new Date().toISOString(), payload: { id: 't_1', name: 'Bolt' } });
  const time = String(Math.floor(Date.now() / 1000));
  const request = (key: string) => ({
    ...auth(),
    subscribeData: { id: 'hk_1', secret },
    rawRequest: { content: body, headers: { 'Http-Acme-Signature': signWith(scheme, body, key, time), 'Http-Acme-Time': time, 'Http-Acme-Event-Id': 'ev_1' } },
  });
  expect(await appTester(made.perform as never, request('acme_hs_forged') as never)).toEqual([]);
  expect(await appTester(made.perform as never, request(secret) as never)).toEqual([expect.objectContaining({ id: 'ev_1', event: 'thing.made', thingId: 't_1' })]);
  // The provider delivers the same event again (Orisha promises duplicates): it starts no second run.
  expect(await appTester(made.perform as never, request(secret) as never)).toEqual([]);
});

describe('a provider that can be asked about its webhook (subscription.health): Zapier asks on a refusal', () => {
  // Acme's hooks API has no read by id: its list stands in, and a hook not in it is gone (Acme's 404).
  const asked: string[] = [];
  const askingHost = {
    ...acmeApiHost,
    subscription: {
      mode: 'api' as const,
      cap: 2,
      over: (client: unknown) => acmeSubscriptionApi(client as AcmeClient),
      health: async (client: unknown, id: string) => {
        asked.push(id);
        if (!(await (client as AcmeClient).hooks()).some((h) => h.id === id)) throw new AcmeRefusal(404, 'no such hook');
        return { kind: 'healthy' as const };
      },
    },
  };
  const asking = makeApp(askingHost, '1.0.0', platformVersion);
  const tester = createAppTester(asking as never);
  const forged = (subscribeData: { id: string; secret: string }) => {
    const body = JSON.stringify({ type: 'thing.made', at: new Date().toISOString(), payload: { id: 't_2' } });
    const time = String(Math.floor(Date.now() / 1000));
    return { ...auth(), subscribeData, rawRequest: { content: body, headers: { 'Http-Acme-Signature': signWith(scheme, body, 'acme_hs_forged', time), 'Http-Acme-Time': time, 'Http-Acme-Event-Id': 'ev_2' } } };
  };
  const op = (asking.triggers.thing_made as HookTrigger).operation;

  test('a forged delivery to a healthy webhook is ignored (after asking); to a deleted one it raises in the provider\'s words', async () => {
    const subscribed = (await tester(op.performSubscribe as never, { ...auth(), targetUrl: TARGET } as never)) as { id: string; secret: string };
    expect(await tester(op.perform as never, forged(subscribed) as never)).toEqual([]);
    expect(asked).toEqual([subscribed.id]);
    const error = (await tester(op.perform as never, forged({ id: 'hk_gone', secret: subscribed.secret }) as never).catch((e: unknown) => e)) as Error;
    expect(asked).toEqual([subscribed.id, 'hk_gone']);
    // z.errors.Error carries its message, code and status as JSON.
    const said = JSON.parse(error.message) as { message: string; code: string };
    expect(said.code).toBe('WebhookDeleted');
    expect(said.message).toMatch(/^This Zap's Acme webhook \(hk_gone\) was deleted in Acme, so nothing reaches this Zap\. Turn this Zap off and on again/);
    expect(error.message).not.toContain(subscribed.secret);
  });

  test('a provider without it is never asked: the forged delivery is ignored', async () => {
    expect(await appTester(made.perform as never, forged({ id: 'hk_gone', secret: 'acme_hs_stored' }) as never)).toEqual([]);
  });
});
