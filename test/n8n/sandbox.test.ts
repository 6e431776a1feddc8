// The node's webhook methods and webhook() against the real Distribu sandbox over HTTP: a mocked
// n8n `this` whose request helper is real fetch, and a loopback receiver that hands every delivery
// (raw bytes and headers) to webhook() the way n8n's webhook route does. The full proof inside a
// real n8n is test/n8n-e2e; this one pins the node's own behaviour against the real API quickly.
import { createHmac } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { startSandbox, type Sandbox } from '../../sandbox/src';
import { events, normalizeDelivery, WEBHOOK_CAP_MESSAGE } from '@distribu/shared/runtime';
import { DistribuTrigger } from '../../n8n-node/nodes/DistribuTrigger/DistribuTrigger.node';
import { httpTo, logged, makeContext, type RequestHandler } from './support/context';

jest.setTimeout(60_000);

const node = new DistribuTrigger();
const hooks = node.webhookMethods.default;
const ALL = events.map((e) => e.name);

interface Listener {
  staticData: IDataObject;
  events: string[];
  options: IDataObject;
}

interface Received {
  path: string;
  raw: Buffer;
  status: number;
  items: IDataObject[];
}

let sandbox: Sandbox;
let receiver: FastifyInstance;
let receiverUrl: string;
let api: ReturnType<typeof httpTo>;
const listeners = new Map<string, Listener>();
const received: Received[] = [];
const logs: string[] = [];

const prodPath = '/webhook/11111111-2222-4333-8444-555555555555/webhook';
const testPath = '/webhook-test/11111111-2222-4333-8444-555555555555/webhook';
const prod: Listener = { staticData: {}, events: ALL, options: {} };

async function sandboxControl<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${sandbox.url}/_sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} /_sandbox${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function restApi(method: string, path: string, body?: unknown) {
  return api.handle('distribuApi', { method: method as never, url: `${sandbox.url}/api/v1${path}`, body: body as IDataObject, json: true });
}

async function webhooks(): Promise<Array<{ id: string; url: string; events: string[]; isActive: boolean }>> {
  return ((await restApi('GET', '/webhooks')).body as unknown as { data: never[] }).data;
}

async function requestsTo(method: string): Promise<number> {
  const { data } = await sandboxControl<{ data: Array<{ method: string; path: string }> }>('GET', `/requests?method=${method}`);
  return data.filter((r) => /^\/api\/v1\/webhooks/.test(r.path)).length;
}

function hookContext(listener: Listener, path: string, handler: RequestHandler = api) {
  return makeContext({
    api: handler,
    url: `${receiverUrl}${path}`,
    events: listener.events,
    options: listener.options,
    staticData: listener.staticData,
    mode: path === testPath ? 'manual' : 'trigger',
    baseUrl: sandbox.url,
  });
}

async function publish(listener: Listener, path: string, handler?: RequestHandler): Promise<void> {
  const { ctx } = hookContext(listener, path, handler);
  if (!(await hooks.checkExists.call(ctx))) await hooks.create.call(ctx);
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: true });
  api = httpTo(sandbox.apiKey);
  receiver = Fastify({ logger: false, forceCloseConnections: true });
  receiver.removeAllContentTypeParsers();
  receiver.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  receiver.post('/*', async (request, reply) => {
    const path = request.url.split('?')[0]!;
    const listener = listeners.get(path);
    if (!listener) return reply.code(404).send();
    const raw = request.body as Buffer;
    const { ctx, response, logger } = makeContext({
      api,
      url: `${receiverUrl}${path}`,
      mode: path === testPath ? 'manual' : 'webhook',
      workflowId: 'sandbox-workflow',
      rawBody: raw,
      headers: request.headers as Record<string, string>,
      events: listener.events,
      options: listener.options,
      staticData: listener.staticData,
      baseUrl: sandbox.url,
    });
    const result = (await node.webhook.call(ctx)) as IWebhookResponseData;
    logs.push(logged(logger));
    const items = (result.workflowData?.[0] ?? []).map((i) => i.json);
    const status = result.noWebhookResponse ? response.statusCode! : 200;
    received.push({ path, raw, status, items });
    return reply.code(status).send(result.noWebhookResponse ? (response.sent as string) : '');
  });
  await receiver.listen({ port: 0, host: '127.0.0.1' });
  const address = receiver.server.address();
  receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  listeners.set(prodPath, prod);
  expect(await webhooks()).toEqual([]);
});

afterAll(async () => {
  await receiver?.close();
  await sandbox?.close();
});

beforeEach(() => {
  received.length = 0;
});

describe('Distribu Trigger against the sandbox', () => {
  it('publishing registers one webhook at this URL for the selected events', async () => {
    await publish(prod, prodPath);
    expect(await webhooks()).toEqual([
      expect.objectContaining({ url: `${receiverUrl}${prodPath}`, events: [...ALL].sort(), isActive: true }),
    ]);
    expect(await requestsTo('POST')).toBe(1);
    expect(prod.staticData.webhookSecret).toMatch(/^whsec_/);
  });

  it('publishing again asks Distribu and registers nothing new', async () => {
    await publish(prod, prodPath);
    expect(await requestsTo('POST')).toBe(1);
    expect(await webhooks()).toHaveLength(1);
  });

  it('each of the twelve events arrives, verifies and becomes one item of the shared shape', async () => {
    for (const name of ALL) {
      const fired = await sandboxControl<{ fired: Array<{ event: string; envelope: { data: { id?: unknown } }; deliveries: Array<{ url: string; status: number }> }> }>(
        'POST',
        `/events/${name}`,
      );
      const mine = fired.fired.find((f) => f.event === name)!;
      expect(mine.deliveries).toEqual([expect.objectContaining({ url: `${receiverUrl}${prodPath}`, status: 200 })]);
      const delivery = received.find((r) => r.items[0]?.event === name)!;
      expect(delivery.items).toHaveLength(1);
      const expected = normalizeDelivery(delivery.raw);
      expect(expected.ok && delivery.items[0]).toEqual(expected.ok && expected.item);
      const spec = events.find((e) => e.name === name)!;
      if (spec.idKey && mine.envelope.data.id !== undefined) expect(delivery.items[0]![spec.idKey]).toBe(mine.envelope.data.id);
    }
    expect(new Set(received.flatMap((r) => r.items.map((i) => i.event)))).toEqual(new Set(ALL));
    expect(received.every((r) => r.status === 200)).toBe(true);
  });

  it('refuses forged and tampered deliveries with 401', async () => {
    await sandboxControl('POST', '/events/order.created');
    const genuine = received.at(-1)!;
    const url = `${receiverUrl}${prodPath}`;
    const forged = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-webhook-signature': 'ab'.repeat(32) }, body: genuine.raw });
    const tampered = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-webhook-signature': (await lastSignature()) ?? '' },
      body: genuine.raw.toString('utf8').replace('"data":{', '"data":{"injected":true,'),
    });
    expect([forged.status, tampered.status]).toEqual([401, 401]);
    expect(received.slice(-2).map((r) => r.items)).toEqual([[], []]);
  });

  it('repairs a webhook disabled in the dashboard on the next publish', async () => {
    await restApi('PATCH', `/webhooks/${String(prod.staticData.webhookId)}`, { isActive: false });
    await publish(prod, prodPath);
    expect(await webhooks()).toEqual([expect.objectContaining({ id: prod.staticData.webhookId, isActive: true })]);
    expect(await requestsTo('POST')).toBe(1);
  });

  it('heals a secret rotation from the first delivery: a fresh webhook, the rotated one removed by the next, its secret refused as current', async () => {
    const oldId = String(prod.staticData.webhookId);
    const oldSecret = String(prod.staticData.webhookSecret);
    const rotation = await sandboxControl<{ secretRotationGraceExpiresAt: string }>('POST', `/webhooks/${oldId}/rotate-secret`);
    // Cancelling fires order.status_changed and order.cancelled at once: two deliveries reveal the
    // rotation concurrently, and only one of them registers a new webhook.
    await sandboxControl('POST', '/events/order.cancelled');
    expect(received.map((r) => [r.status, r.items[0]?.event]).sort()).toEqual([
      [200, 'order.cancelled'],
      [200, 'order.status_changed'],
    ]);
    expect(logs.join('\n')).toContain(`the signing secret of webhook ${oldId} was rotated in Distribu`);
    const healed = await webhooks();
    const fresh = healed.find((h) => h.id !== oldId)!;
    expect(healed.map((h) => h.id).sort()).toEqual([oldId, fresh.id].sort());
    expect(fresh).toMatchObject({ url: `${receiverUrl}${prodPath}`, events: [...ALL].sort(), isActive: true, secretRotationGraceExpiresAt: null });
    expect(prod.staticData).toMatchObject({
      webhookId: fresh.id,
      webhookSecret: expect.stringMatching(/^whsec_/),
      previousSecrets: [{ secret: oldSecret, until: Date.parse(rotation.secretRotationGraceExpiresAt), webhookId: oldId }],
    });

    // Both webhooks deliver the next events, with the same bodies: each runs once, and the rotated
    // webhook is removed (the static data these deliveries see holds the new secret).
    received.length = 0;
    const fired = await sandboxControl<{ fired: Array<{ deliveries: Array<{ status: number }> }> }>('POST', '/events/order.cancelled');
    expect(fired.fired.flatMap((f) => f.deliveries.map((d) => d.status))).toEqual([200, 200, 200, 200]);
    const byBody = new Map<string, number[]>();
    for (const r of received) byBody.set(r.raw.toString('base64'), [...(byBody.get(r.raw.toString('base64')) ?? []), r.items.length]);
    expect([...byBody.values()].map((counts) => counts.sort())).toEqual([
      [0, 1],
      [0, 1],
    ]);
    expect(logs.join('\n')).toContain('was already received');
    expect((await webhooks()).map((h) => h.id)).toEqual([fresh.id]);
    expect(prod.staticData.previousSecrets).toEqual([{ secret: oldSecret, until: Date.parse(rotation.secretRotationGraceExpiresAt) }]);

    // Later events come once, through the new webhook.
    received.length = 0;
    await sandboxControl('POST', '/events/order.cancelled');
    expect(received.map((r) => [r.status, r.items.length])).toEqual([
      [200, 1],
      [200, 1],
    ]);

    // A delivery forged with the rotated-away secret in the current header: 401, no run.
    const body = Buffer.from(received[0]!.raw.toString('utf8').replace('"data":{', '"data":{"forged":true,'));
    const forged = await fetch(`${receiverUrl}${prodPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-webhook-signature': createHmac('sha256', oldSecret).update(body).digest('hex') },
      body,
    });
    expect(forged.status).toBe(401);
    expect(received.at(-1)!.items).toEqual([]);
    expect(logs.at(-1)).toContain('rotated away');
    // One registration at publish, one heal.
    expect(await requestsTo('POST')).toBe(2);
  });

  it('"Listen for test event" adds a second webhook at the test URL and removes only it', async () => {
    const test: Listener = { staticData: {}, events: ['customer.updated'], options: {} };
    listeners.set(testPath, test);
    await publish(test, testPath);
    expect((await webhooks()).map((h) => h.url).sort()).toEqual([`${receiverUrl}${prodPath}`, `${receiverUrl}${testPath}`].sort());
    await sandboxControl('POST', '/events/customer.updated');
    expect(received.filter((r) => r.path === testPath).map((r) => r.items.length)).toEqual([1]);
    await hooks.delete.call(hookContext(test, testPath).ctx);
    expect((await webhooks()).map((h) => h.url)).toEqual([`${receiverUrl}${prodPath}`]);
    listeners.delete(testPath);
  });

  it('Fetch Full Record adds the REST record of the order', async () => {
    prod.options = { fetchFullRecord: true };
    await sandboxControl('POST', '/events/order.created');
    const item = received.find((r) => r.items[0]?.event === 'order.created')!.items[0]!;
    const record = (await restApi('GET', `/orders/${String(item.orderId)}`)).body as unknown as { data: IDataObject };
    expect(item).toMatchObject({ items: record.data.items, createdAt: record.data.createdAt });
    expect(item).not.toHaveProperty('fullRecordError');
    prod.options = {};
  });

  it('a full cap gives the plain-words message and leaves nothing behind', async () => {
    const others: string[] = [];
    while ((await webhooks()).length < 10) {
      const created = await restApi('POST', '/webhooks', { url: `https://elsewhere.example.com/${others.length}`, events: ['order.created'], isActive: false });
      others.push(((created.body as unknown as { data: { id: string } }).data).id);
    }
    const test: Listener = { staticData: {}, events: ['order.created'], options: {} };
    const error = await hooks.create.call(hookContext(test, testPath).ctx).then(
      () => undefined,
      (e: unknown) => e as NodeApiError,
    );
    expect(error).toBeInstanceOf(NodeApiError);
    expect(error!.message).toBe(WEBHOOK_CAP_MESSAGE);
    expect(test.staticData).toEqual({});
    for (const id of others) await restApi('DELETE', `/webhooks/${id}`);
    expect(await webhooks()).toHaveLength(1);
  });

  it('a key without webhooks:write is told which scope is missing', async () => {
    const { key } = await sandboxControl<{ key: string }>('POST', '/api-keys', { scopes: ['webhooks:read'] });
    const test: Listener = { staticData: {}, events: ['order.created'], options: {} };
    await expect(hooks.create.call(hookContext(test, testPath, httpTo(key)).ctx)).rejects.toThrow('"webhooks:write"');
  });

  it('a rotated webhook whose removal fails stays known: its deliveries still de-duplicate, unpublishing removes it', async () => {
    const oldId = String(prod.staticData.webhookId);
    await sandboxControl('POST', `/webhooks/${oldId}/rotate-secret`);
    await sandboxControl('POST', '/events/order.cancelled');
    await sandboxControl('POST', '/faults', { status: 500, method: 'DELETE', path: `/webhooks/${oldId}` });
    received.length = 0;
    await sandboxControl('POST', '/events/order.cancelled');
    expect(logs.join('\n')).toContain(`could not remove rotated webhook ${oldId} yet`);
    expect((await webhooks()).map((h) => h.id)).toContain(oldId);
    expect(received).toHaveLength(4);
    expect(received.filter((r) => r.items.length === 1)).toHaveLength(2);
    expect(prod.staticData.previousSecrets).toEqual(expect.arrayContaining([expect.objectContaining({ webhookId: oldId })]));
  });

  it('unpublishing deletes the webhook, and a rotated one left at its URL, and leaves nothing', async () => {
    await hooks.delete.call(hookContext(prod, prodPath).ctx);
    expect(await webhooks()).toEqual([]);
    expect(prod.staticData).toEqual({});
    expect(logs.join('\n')).not.toMatch(/whsec_|dk_/);
  });
});

/** The signature of the latest delivery to the production URL, from the sandbox's own view. */
async function lastSignature(): Promise<string | undefined> {
  // The receiver does not keep headers; recompute from what Distribu signs: the raw body with the stored secret.
  const { createHmac } = await import('node:crypto');
  const genuine = received.at(-1);
  return genuine ? createHmac('sha256', String(prod.staticData.webhookSecret)).update(genuine.raw).digest('hex') : undefined;
}
