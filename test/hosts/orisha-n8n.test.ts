// Orisha Commerce through the n8n host glue, against the Orisha sandbox over real HTTP (n8n's own
// contexts are stand-ins here, as in n8n-api-subscription.test.ts; not yet inside a real n8n): the
// generated credential's token flow, publish/unpublish leaving the 3 slots as they were, the cap error
// naming the webhooks that hold them, and deliveries: genuine → one item, forged or missing X-Secret → 401.
import { NodeApiError, ObservableObject, type IDataObject } from 'n8n-workflow';
import { OrishaCommerceApi } from '../../n8n-node/packages/orisha/credentials/OrishaCommerceApi.credentials';
import { apiWebhookMethods } from '../../n8n-node/src/trigger/lifecycle';
import { triggerMemory } from '../../n8n-node/src/trigger/memory';
import { webhookTrigger } from '../../n8n-node/src/trigger/webhook-trigger';
import { orishaHost } from '../../shared/src/providers/orisha/host';
import { startOrishaSandbox, type OrishaSandbox } from '../../sandbox/orisha/server';
import { connect } from '../providers/orisha/support/connect';

const ADM = 'ADM01';
// Loopback with nothing listening: deliveries to it fail at once, as while n8n is down.
const NODE_URL = 'http://127.0.0.1:9/webhook/orisha-1/webhook';
let sandbox: OrishaSandbox;
let who: { clientId: string; clientSecret: string };

beforeEach(async () => {
  sandbox = await startOrishaSandbox();
  who = sandbox.addClient([ADM]);
});
afterEach(() => sandbox.close());

const credential = new OrishaCommerceApi();
/** n8n's IHttpRequestHelper for preAuthentication: its httpRequest over fetch. */
const requestHelper = {
  helpers: {
    async httpRequest(o: { method: string; url: string; body: string; headers: Record<string, string> }) {
      const r = await fetch(o.url, { method: o.method, body: o.body, headers: o.headers });
      const text = await r.text();
      return { statusCode: r.status, body: text ? JSON.parse(text) : undefined, headers: {} };
    },
  },
};
const credentialsOf = (secret = who.clientSecret) => ({ clientId: who.clientId, clientSecret: secret, administrationCode: ADM, baseUrl: sandbox.url, tokenUrl: sandbox.tokenUrl, audience: sandbox.audience });

test('the generated credential gets a token with the kit flow; a wrong secret is a plain error without it', async () => {
  expect(credential.name).toBe('orishaCommerceApi');
  expect(credential.properties.find((p) => p.name === 'accessToken')).toMatchObject({ type: 'hidden', typeOptions: { expirable: true } });
  const got = await credential.preAuthentication.call(requestHelper as never, credentialsOf());
  expect(got.accessToken).toMatch(/^oat_/);
  const error = (await credential.preAuthentication.call(requestHelper as never, credentialsOf('ocs_wrong_secret')).catch((e: unknown) => e)) as Error;
  expect(error.message).toBe('Orisha Commerce refused the client ID and client secret (HTTP 401, invalid_client). Check both and try again.');
  expect(error.message).not.toContain('ocs_wrong_secret');
});

/** n8n's hook context: the credential's token sent as it says, a fresh one fetched as n8n's expirable-field rule says. */
function hookContext(state: Record<string, unknown>, token: { value?: string; fetched: number }, events = ['item.created', 'customer.updated'], options: Record<string, unknown> = {}, logs: string[] = []) {
  const fresh = async () => {
    token.fetched += 1;
    token.value = ((await credential.preAuthentication.call(requestHelper as never, credentialsOf())) as { accessToken: string }).accessToken;
  };
  const send = async (request: { method: string; url: string; body?: unknown; qs?: Record<string, unknown> }) => {
    const r = await fetch(request.url, {
      method: request.method,
      headers: { authorization: `Bearer ${token.value}`, ...(request.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
    const text = await r.text();
    return { statusCode: r.status, body: text ? JSON.parse(text) : undefined, headers: {} };
  };
  return {
    getWorkflowStaticData: () => state,
    getNodeWebhookUrl: () => NODE_URL,
    getWorkflow: () => ({ id: 'wf1', name: 'Orisha customers' }),
    getNodeParameter: (name: string, fallback: unknown) => (name === 'events' ? events : name === 'options' ? options : fallback),
    getCredentials: async () => credentialsOf(),
    getNode: () => ({ id: 'n1', name: 'Orisha Commerce Trigger' }),
    logger: { info: (l: string) => logs.push(l), warn: (l: string) => logs.push(l) },
    helpers: {
      // n8n's rule (its CredentialsHelper.preAuthentication): a token is fetched when the expirable field is empty
      // (never stored yet, or emptied in the credentials passed with the request); a 401 renews it by itself only when
      // the request throws, which ignoreHttpStatusErrors (the transport's) prevents.
      async httpRequestWithAuthentication(_name: string, request: { method: string; url: string; body?: unknown; ignoreHttpStatusErrors?: boolean }, extra?: { credentialsDecrypted?: { data: Record<string, unknown> } }) {
        expect(request.ignoreHttpStatusErrors).toBe(true);
        if (!token.value || extra?.credentialsDecrypted?.data.accessToken === '') await fresh();
        return send(request);
      },
    },
  } as never;
}

const methods = apiWebhookMethods(orishaHost, 'Each published Orisha Commerce Trigger holds one webhook, and one more while it listens for a test event.');

test('publish registers one webhook and keeps its secret; unpublish leaves the slots as they were (a foreign webhook untouched); an expired token is renewed once', async () => {
  const { client } = connect(sandbox, ADM, who);
  const foreign = await client.createWebhook({ url: 'https://erp.example/in', eventTypes: ['item.created'], description: 'ERP export' });
  const state: Record<string, unknown> = {};
  const token = { fetched: 0 } as { value?: string; fetched: number };
  expect(await methods.checkExists.call(hookContext(state, token))).toBe(false);
  expect(await methods.create.call(hookContext(state, token))).toBe(true);
  const ours = (await client.webhooks()).find((h) => h.url === NODE_URL)!;
  expect([...ours.eventTypes].sort()).toEqual(['customer.updated', 'item.created']);
  expect(state).toMatchObject({ webhookId: ours.id, webhookUrl: NODE_URL });
  expect(state.webhookSecret).toMatch(/^ows_/);
  sandbox.expireTokens();
  expect(await methods.checkExists.call(hookContext(state, token))).toBe(true);
  expect(token.fetched).toBe(2);
  expect(await methods.delete.call(hookContext(state, token))).toBe(true);
  expect((await client.webhooks()).map((h) => h.id)).toEqual([foreign.id]);
});

test('at the cap: a plain error naming the 3 webhooks holding the slots, what to do, and test listening; nothing deleted', async () => {
  const { client } = connect(sandbox, ADM, who);
  const held = [];
  for (const n of [1, 2, 3]) held.push(await client.createWebhook({ url: `https://other${n}.example/in`, eventTypes: ['item.created'], description: `Zap ${n}` }));
  const error = (await methods.create.call(hookContext({}, { fetched: 0 })).catch((e: unknown) => e)) as NodeApiError;
  expect(error).toBeInstanceOf(NodeApiError);
  expect(error.message).toContain('Orisha Commerce allows at most 3 webhooks per administration and all 3 are in use: ');
  for (const h of held) expect(error.message).toContain(`${h.id} ("${h.description}", enabled, ${h.url})`);
  expect(error.message).toContain('n8n’s "Listen for test event" holds a slot of its own while it listens.');
  expect(error.description).toBe('Each published Orisha Commerce Trigger holds one webhook, and one more while it listens for a test event.');
  expect((await client.webhooks()).map((h) => h.id)).toEqual(held.map((h) => h.id));
});

/** The Orisha Commerce Trigger node's webhook() and execute(), wired as its generated node file wires them. */
type Trigger = ReturnType<typeof webhookTrigger> & { execute: ReturnType<typeof triggerMemory>['execute'] };
function orishaTrigger(triggers = { webhookTrigger }, memories = { triggerMemory }): Trigger {
  const memory = memories.triggerMemory(orishaHost);
  return { ...triggers.webhookTrigger(orishaHost, { memory }), execute: memory.execute };
}

/** Delivers through a trigger as n8n's webhook context would. */
async function deliverTo(trigger: Trigger, state: Record<string, unknown>, headers: Record<string, string>, options: Record<string, unknown> = {}, body = '{"ItemCode":"ITM-9"}', response?: object) {
  let status = 0;
  const ours = { status: (s: number) => ((status = s), ours), send: () => ours, end: () => ours, once: () => ours };
  const res = response ?? ours;
  const base = hookContext(state, { fetched: 0 }, ['item.created', 'customer.updated'], options) as { helpers: object };
  const ctx = {
    ...base,
    getRequestObject: () => ({ rawBody: Buffer.from(body) }),
    getHeaderData: () => headers,
    getResponseObject: () => res,
    getWorkflow: () => ({ id: 'wf' }),
    getMode: () => 'webhook',
    helpers: { ...base.helpers, returnJsonArray: (items: unknown[]) => items.map((json) => ({ json })) },
  };
  return { result: await trigger.webhook.call(ctx as never), status };
}

/**
 * n8n's run of a delivery: the trigger's execute() over the static data as saved (n8n loads it when the run starts),
 * saved whole when the run ends if the run changed it (n8n watches the object; here: compared).
 */
async function runOf(trigger: Trigger, state: Record<string, unknown>, delivered: Awaited<ReturnType<typeof deliverTo>>) {
  const copy = loaded(state);
  const before = JSON.stringify(copy);
  const ctx = { getInputData: () => delivered.result.workflowData![0]!, getWorkflowStaticData: () => copy, getWorkflow: () => ({ id: 'wf' }), getNode: () => ({ id: 'n1' }), getMode: () => 'webhook' };
  const output = await trigger.execute.call(ctx as never);
  const saved = JSON.stringify(copy) !== before;
  if (saved) Object.assign(state, JSON.parse(JSON.stringify(copy)));
  return { output, saved };
}

/** Static data as n8n loads it from its database: a copy, watched through a Proxy (n8n-workflow's ObservableObject). */
function loaded(state: Record<string, unknown>): Record<string, unknown> {
  return ObservableObject.create(JSON.parse(JSON.stringify(state)) as IDataObject) as Record<string, unknown>;
}

/** The trigger of a freshly started n8n process: the same node, none of the memory of the process before. */
function inFreshProcess(): Trigger {
  let fresh!: Trigger;
  jest.isolateModules(() => {
    fresh = orishaTrigger(
      require('../../n8n-node/src/trigger/webhook-trigger') as typeof import('../../n8n-node/src/trigger/webhook-trigger'),
      require('../../n8n-node/src/trigger/memory') as typeof import('../../n8n-node/src/trigger/memory'),
    );
  });
  return fresh;
}

test('deliveries: genuine → one item with codes, header fields and the full record (on by default); forged or missing X-Secret → 401', async () => {
  const state: Record<string, unknown> = {};
  await methods.create.call(hookContext(state, { fetched: 0 }));
  const trigger = orishaTrigger();
  const headers = { 'x-event-id': 'e-1', 'x-event-type': 'item.created', 'x-secret': state.webhookSecret as string, 'x-administration-code': ADM, 'x-triggeredby-id': who.clientId };
  await connect(sandbox, ADM, who).client.call({ method: 'POST', path: `/administrations/${ADM}/items`, body: { ItemCode: 'ITM-9', Description: 'Nut', Unit: 'pc', Price: 0.1, Blocked: false } });
  const good = await deliverTo(trigger, state, headers);
  // Fetch Full Record by code is on by default (the option not added): the item carries the record.
  expect(good.result.workflowData?.[0]?.[0]?.json).toMatchObject({
    id: 'e-1', event: 'item.created', ItemCode: 'ITM-9', administrationCode: ADM, triggeredById: who.clientId,
    recordStatus: 'fetched', record: { ItemCode: 'ITM-9', Description: 'Nut' },
  });
  // Not answered in the webhook: n8n answers once it has created the run.
  expect(good.status).toBe(0);
  expect(good.result).not.toHaveProperty('noWebhookResponse');
  expect(JSON.stringify(good.result)).not.toContain(state.webhookSecret as string);
  expect(await deliverTo(trigger, state, { ...headers, 'x-event-id': 'e-2', 'x-secret': 'ows_forged' })).toEqual({ result: { noWebhookResponse: true }, status: 401 });
  const { 'x-secret': _drop, ...missing } = headers;
  expect(await deliverTo(trigger, state, { ...missing, 'x-event-id': 'e-3' })).toEqual({ result: { noWebhookResponse: true }, status: 401 });
  // With the option off, no record is fetched.
  const thin = await deliverTo(trigger, state, { ...headers, 'x-event-id': 'e-4' }, { fetchFullRecord: false });
  expect(thin.result.workflowData?.[0]?.[0]?.json).not.toHaveProperty('record');
});

/** A published trigger's static data, and the headers of an item.created delivery with event id `id`. */
async function subscribed() {
  const state: Record<string, unknown> = {};
  await methods.create.call(hookContext(state, { fetched: 0 }));
  const headers = (id: string) => ({ 'x-event-id': id, 'x-event-type': 'item.created', 'x-secret': state.webhookSecret as string, 'x-administration-code': ADM, 'x-triggeredby-id': 'someone' });
  return { state, headers };
}

test('a duplicate X-Event-Id runs once, also after a restart: the runs save the ids, the last of a burst for all, at least every 5 s', async () => {
  const { state, headers } = await subscribed();
  const options = { fetchFullRecord: false };
  const trigger = inFreshProcess();
  const first = await deliverTo(trigger, state, headers('dup-1'), options);
  expect(first.result.workflowData).toHaveLength(1);
  // The delivery leaves the static data alone (n8n would not save it); its duplicate is told from this process's memory.
  expect(state).not.toHaveProperty('seenEvents');
  expect((await deliverTo(trigger, state, headers('dup-1'), options)).result).toEqual({});
  const firstRun = await runOf(trigger, state, first);
  expect(firstRun.output).toEqual([first.result.workflowData![0]]);
  expect(firstRun.saved).toBe(true);
  expect(state.seenEvents).toEqual({ ids: ['dup-1'] });
  // dup-3 is answered before dup-2's run: that run leaves the saving to dup-3's, which saves both.
  const second = await deliverTo(trigger, state, headers('dup-2'), options);
  const third = await deliverTo(trigger, state, headers('dup-3'), options);
  expect(await runOf(trigger, state, second)).toMatchObject({ saved: false });
  expect(await runOf(trigger, state, third)).toMatchObject({ saved: true });
  expect(state.seenEvents).toEqual({ ids: ['dup-1', 'dup-2', 'dup-3'] });
  // A run whose ids are all saved changes nothing.
  expect(await runOf(trigger, state, third)).toMatchObject({ saved: false });
  // Steady traffic (a run always pending): a run saves anyway once the last save is 5 s old, all but the ids whose
  // runs are still to come (n8n may yet answer one with an error).
  const fourth = await deliverTo(trigger, state, headers('dup-4'), options);
  await deliverTo(trigger, state, headers('dup-5'), options);
  const later = Date.now() + 5_000;
  jest.spyOn(Date, 'now').mockReturnValue(later);
  try {
    expect(await runOf(trigger, state, fourth)).toMatchObject({ saved: true });
  } finally {
    jest.restoreAllMocks();
  }
  expect(state.seenEvents).toEqual({ ids: ['dup-1', 'dup-2', 'dup-3', 'dup-4'] });

  // After a restart: what ran is a duplicate; dup-5, answered but never run here, runs.
  const restarted = inFreshProcess();
  const restored = loaded(state);
  for (const id of ['dup-1', 'dup-3', 'dup-4']) expect((await deliverTo(restarted, restored, headers(id), options)).result).toEqual({});
  expect((await deliverTo(restarted, restored, headers('dup-5'), options)).result.workflowData).toHaveLength(1);
});

test('in queue mode the worker, which saw none of the deliveries, saves the ids of the runs it ran', async () => {
  const { state, headers } = await subscribed();
  const options = { fetchFullRecord: false };
  const webhookProcess = inFreshProcess();
  const worker = inFreshProcess();
  const delivered = await deliverTo(webhookProcess, state, headers('q-1'), options);
  expect(await runOf(worker, state, delivered)).toMatchObject({ saved: true });
  expect(state.seenEvents).toEqual({ ids: ['q-1'] });
  expect((await deliverTo(inFreshProcess(), loaded(state), headers('q-1'), options)).result).toEqual({});
});

test('a delivery n8n answers with an error (it created no run) is forgotten: Orisha sends it again and that attempt runs, not late against itself', async () => {
  const state: Record<string, unknown> = {};
  await methods.create.call(hookContext(state, { fetched: 0 }));
  await connect(sandbox, ADM, who).client.call({ method: 'POST', path: `/administrations/${ADM}/items`, body: { ItemCode: 'ITM-9', Description: 'Nut', Unit: 'pc', Price: 0.1, Blocked: false } });
  const headers = { 'x-event-id': 'failed-1', 'x-event-type': 'item.created', 'x-secret': state.webhookSecret as string, 'x-administration-code': ADM, 'x-triggeredby-id': 'someone' };
  // Fetch Full Record on and Late Deliveries on Drop: the first attempt's record version is remembered.
  const options = { lateDeliveries: 'drop' };
  const trigger = inFreshProcess();
  let finish: (() => void) | undefined;
  const response = { statusCode: 500, status: () => response, send: () => response, end: () => response, once: (_event: string, listener: () => void) => ((finish = listener), response) };
  const failed = await deliverTo(trigger, state, headers, options, undefined, response);
  expect(failed.result.workflowData?.[0]?.[0]?.json).toMatchObject({ recordStatus: 'fetched' });
  finish!();
  const retried = await deliverTo(trigger, state, headers, options);
  expect(retried.result.workflowData).toHaveLength(1);
  await runOf(trigger, state, retried);
  expect(state.seenEvents).toEqual({ ids: ['failed-1'] });
});

test('Late Deliveries: an update overtaken by a later one is marked (Run and Mark, the default) or starts no run (Drop), also after a restart; a genuine later update is not; off without Fetch Full Record', async () => {
  const state: Record<string, unknown> = {};
  await methods.create.call(hookContext(state, { fetched: 0 }));
  const { client } = connect(sandbox, ADM, who);
  const headers = (eventId: string) => ({ 'x-event-id': eventId, 'x-event-type': 'customer.updated', 'x-secret': state.webhookSecret as string, 'x-administration-code': ADM, 'x-triggeredby-id': 'someone' });
  const body = '{"CustomerCode":"C7"}';
  const trigger = inFreshProcess();
  // Each delivery that starts a run is run, as n8n would: the runs save the versions.
  const deliverAndRun = async (to: Trigger, saved: Record<string, unknown>, eventId: string, options: Record<string, unknown> = {}) => {
    const delivered = await deliverTo(to, saved, headers(eventId), options, body);
    if (delivered.result.workflowData) await runOf(to, saved, delivered);
    return delivered;
  };
  const itemOf = (r: Awaited<ReturnType<typeof deliverTo>>) => r.result.workflowData?.[0]?.[0]?.json as Record<string, unknown> | undefined;
  await client.call({ method: 'POST', path: `/administrations/${ADM}/customers`, body: { CustomerCode: 'C7', Name: 'One', Email: null, PriceListCode: null, Blocked: false } });
  await client.call({ method: 'PATCH', path: `/administrations/${ADM}/customers/C7`, body: { Name: 'Two' } });
  // The second change's delivery arrives first; the first change's delivery after it reads the same record.
  const first = itemOf(await deliverAndRun(trigger, state, 'u-2'))!;
  expect(first).toMatchObject({ late: false, record: { Name: 'Two' } });
  expect(first).not.toHaveProperty('lateReason');
  const overtaken = itemOf(await deliverAndRun(trigger, state, 'u-1'))!;
  expect(overtaken).toMatchObject({ id: 'u-1', late: true, record: { Name: 'Two' } });
  expect(overtaken.lateReason).toContain('customer.updated arrived after this trigger had already emitted customer C7 as modified at ');
  // A genuine later update is not late.
  await new Promise((r) => setTimeout(r, 5));
  await client.call({ method: 'PATCH', path: `/administrations/${ADM}/customers/C7`, body: { Name: 'Three' } });
  expect(itemOf(await deliverAndRun(trigger, state, 'u-3'))).toMatchObject({ late: false, record: { Name: 'Three' } });
  // Drop, after a restart (static data round trip): a late one starts no run and is answered 200; the next genuine one runs.
  const restored = loaded(state);
  const restarted = inFreshProcess();
  const drop = { lateDeliveries: 'drop' };
  expect(await deliverAndRun(restarted, restored, 'u-late', drop)).toEqual({ result: {}, status: 0 });
  await new Promise((r) => setTimeout(r, 5));
  await client.call({ method: 'PATCH', path: `/administrations/${ADM}/customers/C7`, body: { Name: 'Four' } });
  const kept = itemOf(await deliverAndRun(restarted, restored, 'u-4', drop))!;
  expect(kept).toMatchObject({ record: { Name: 'Four' } });
  expect(kept).not.toHaveProperty('late');
  // Without Fetch Full Record there is no ModifiedAt: nothing marked or dropped, nothing remembered.
  const versions = JSON.stringify(restored.recordVersions);
  const thin = itemOf(await deliverAndRun(restarted, restored, 'u-thin', { fetchFullRecord: false, lateDeliveries: 'drop' }))!;
  expect(thin).not.toHaveProperty('late');
  expect(thin).not.toHaveProperty('record');
  expect(JSON.stringify(restored.recordVersions)).toBe(versions);
});

test('Ignore Changes Made by This Connection: a change stamped with our client ID starts no run; others do', async () => {
  const state: Record<string, unknown> = {};
  await methods.create.call(hookContext(state, { fetched: 0 }));
  const trigger = orishaTrigger();
  const headers = { 'x-event-type': 'item.created', 'x-secret': state.webhookSecret as string, 'x-administration-code': ADM };
  const options = { fetchFullRecord: false, ignoreOwnChanges: true };
  expect((await deliverTo(trigger, state, { ...headers, 'x-event-id': 'o-1', 'x-triggeredby-id': who.clientId }, options)).result).toEqual({});
  expect((await deliverTo(trigger, state, { ...headers, 'x-event-id': 'o-2', 'x-triggeredby-id': 'a-person' }, options)).result.workflowData).toHaveLength(1);
  expect((await deliverTo(trigger, state, { ...headers, 'x-event-id': 'o-3', 'x-triggeredby-id': who.clientId }, { fetchFullRecord: false })).result.workflowData).toHaveLength(1);
});

test('auto-disabled after 100 failures while n8n was away: the next activation check enables it again and states the gap', async () => {
  const state: Record<string, unknown> = {};
  await methods.create.call(hookContext(state, { fetched: 0 }));
  const { client } = connect(sandbox, ADM, who);
  // n8n's URL is not reachable from here: every delivery fails, as while n8n is down.
  for (let i = 0; i < 100; i += 1) await client.call({ method: 'POST', path: `/administrations/${ADM}/items`, body: { ItemCode: `I${i}` } });
  await sandbox.settle();
  const disabled = await client.webhook(state.webhookId as string);
  expect(disabled).toMatchObject({ enabled: false, failureCount: 100 });
  const logs: string[] = [];
  expect(await methods.checkExists.call(hookContext(state, { fetched: 0 }, undefined, {}, logs))).toBe(true);
  expect(await client.webhook(state.webhookId as string)).toMatchObject({ enabled: true, failureCount: 0 });
  expect(logs).toContain(
    `Orisha Commerce Trigger: Orisha Commerce had disabled webhook ${disabled.id} after 100 failed deliveries; it is enabled again. Events since ${disabled.disabledAt} until now were not delivered and may have been missed: customer.updated, item.created.`,
  );
  expect(await client.webhooks()).toHaveLength(1);
  // Gone at Orisha: checkExists says so and n8n registers anew.
  await client.deleteWebhook(state.webhookId as string);
  expect(await methods.checkExists.call(hookContext(state, { fetched: 0 }))).toBe(false);
  expect(state.webhookId).toBeUndefined();
}, 60_000);
