// The n8n trigger's generic webhook methods (n8n-node/src/trigger/lifecycle.ts) for a provider with a
// webhook API that is not Distribu: Acme's hooks API on loopback (cap 2). Publish registers one hook and
// keeps its secret; leftovers at our URL go, other URLs are never touched; the cap is a plain error;
// unpublish leaves the hooks as they were; a delivery signed with the stored secret runs.
import { signWith, type HmacScheme } from '@distribu/shared/kit';
import { NodeApiError } from 'n8n-workflow';
import { apiWebhookMethods } from '../../n8n-node/src/trigger/lifecycle';
import { triggerMemory } from '../../n8n-node/src/trigger/memory';
import { webhookTrigger } from '../../n8n-node/src/trigger/webhook-trigger';
import { startAcmeApi, type AcmeApi } from '../kit/support/acme-api';
import { acmeApiHost } from './support/acme-host';
import { acmeNodeContext, URL_OF_NODE } from './support/acme-context';

let api: AcmeApi;

beforeEach(async () => {
  api = await startAcmeApi();
});
afterEach(async () => {
  await api.close();
});

const hookContext = (staticData: Record<string, unknown>, logs: string[] = []) => acmeNodeContext(api.url, staticData, logs);

const methods = apiWebhookMethods(acmeApiHost, 'Each Acme Trigger holds one hook.');

test('publish registers one hook and stores its secret; publishing again finds it; unpublish removes only ours', async () => {
  const foreign = await fetch(`${api.url}/hooks`, { method: 'POST', body: JSON.stringify({ url: 'https://elsewhere.example/in', events: ['thing.made'] }) });
  expect(foreign.status).toBe(201);
  const state: Record<string, unknown> = {};
  expect(await methods.checkExists.call(hookContext(state))).toBe(false);
  expect(await methods.create.call(hookContext(state))).toBe(true);
  expect(api.hooks.map((h) => h.url).sort()).toEqual([URL_OF_NODE, 'https://elsewhere.example/in'].sort());
  expect(state).toMatchObject({ webhookId: api.hooks.find((h) => h.url === URL_OF_NODE)!.id, webhookUrl: URL_OF_NODE, webhookEvents: ['thing.made'] });
  expect(state.webhookSecret).toMatch(/^acme_hs_/);
  expect(await methods.checkExists.call(hookContext(state))).toBe(true);
  expect(await methods.delete.call(hookContext(state))).toBe(true);
  expect(api.hooks.map((h) => h.url)).toEqual(['https://elsewhere.example/in']);
  expect(state).toEqual({});
});

test('a lost create answer leaves nothing behind; a hook gone at the provider is registered again', async () => {
  const state: Record<string, unknown> = {};
  api.loseNextCreateAnswer();
  await expect(methods.create.call(hookContext(state))).rejects.toThrow(/did not confirm the webhook registration/);
  expect(api.hooks).toEqual([]);
  expect(await methods.create.call(hookContext(state))).toBe(true);
  api.hooks.splice(0, api.hooks.length);
  expect(await methods.checkExists.call(hookContext(state))).toBe(false);
  expect(state).toEqual({});
});

test('at the cap: a plain error with the cap description, nothing removed that is not ours', async () => {
  for (const url of ['https://a.example/in', 'https://b.example/in']) {
    await fetch(`${api.url}/hooks`, { method: 'POST', body: JSON.stringify({ url, events: ['thing.made'] }) });
  }
  const error = await methods.create.call(hookContext({})).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NodeApiError);
  expect((error as NodeApiError).message).toBe('Acme allows 2 hooks per workspace and all are taken. Remove one under Admin → Outgoing hooks.');
  expect((error as NodeApiError).description).toBe('Each Acme Trigger holds one hook.');
  expect(api.hooks.map((h) => h.url)).toEqual(['https://a.example/in', 'https://b.example/in']);
});

test('a delivery signed with the stored secret runs; with another secret it is refused', async () => {
  const state: Record<string, unknown> = {};
  await methods.create.call(hookContext(state));
  const trigger = webhookTrigger(acmeApiHost, { memory: triggerMemory(acmeApiHost) });
  expect(trigger.webhookMethods?.default).toBeDefined();
  const scheme = acmeApiHost.provider.inbound.scheme as HmacScheme;
  const deliver = async (secret: string) => {
    const body = JSON.stringify({ type: 'thing.made', at: new Date().toISOString(), payload: { id: 't_9', name: 'Gear' } });
    const time = String(Math.floor(Date.now() / 1000));
    const headers = { 'acme-signature': signWith(scheme, body, secret, time), 'acme-time': time, 'acme-event-id': `ev_${secret.length}_${time}` };
    let status = 0;
    const res = { status: (s: number) => ((status = s), res), send: () => res, end: () => res, once: () => res };
    const ctx = {
      ...(hookContext(state) as object),
      getRequestObject: () => ({ rawBody: Buffer.from(body) }),
      getHeaderData: () => headers,
      getResponseObject: () => res,
      getWorkflow: () => ({ id: 'wf' }),
      getMode: () => 'webhook',
      helpers: { returnJsonArray: (items: unknown[]) => items.map((json) => ({ json })) },
    };
    return { result: await trigger.webhook.call(ctx as never), status };
  };
  const good = await deliver(state.webhookSecret as string);
  expect(good.result.workflowData?.[0]?.[0]?.json).toMatchObject({ event: 'thing.made', thingId: 't_9' });
  const forged = await deliver('acme_hs_not_the_secret');
  expect(forged).toEqual({ result: { noWebhookResponse: true }, status: 401 });
});
