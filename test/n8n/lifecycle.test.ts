import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { WEBHOOK_CAP_MESSAGE } from '@distribu/shared/runtime';
import { DistribuTrigger } from '../../n8n-node/nodes/DistribuTrigger/DistribuTrigger.node';
import { API_KEY, BASE_URL, logged, makeContext, PROD_URL, TEST_URL } from './support/context';
import { SandboxApi } from './support/sandbox-api';

const methods = new DistribuTrigger().webhookMethods.default;
const checkExists = (ctx: never) => methods.checkExists.call(ctx);
const create = (ctx: never) => methods.create.call(ctx);
const remove = (ctx: never) => methods.delete.call(ctx);

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

let api: SandboxApi;
beforeEach(() => {
  api = new SandboxApi();
});
afterEach(() => api.close());

describe('checkExists', () => {
  it('returns false without asking Distribu when nothing is stored', async () => {
    const { ctx } = makeContext({ api });
    await expect(checkExists(ctx)).resolves.toBe(false);
    expect(api.calls).toHaveLength(0);
  });

  it('returns false and forgets an id whose secret was lost (create then replaces the webhook)', async () => {
    const { ctx, staticData, logger } = makeContext({ api, staticData: { webhookId: 'wh_9' } });
    await expect(checkExists(ctx)).resolves.toBe(false);
    expect(staticData).toEqual({});
    expect(api.calls).toHaveLength(0);
    expect(logger.warn).toHaveBeenCalled();
  });

  it('returns true for the stored webhook when Distribu still has it as registered', async () => {
    const hook = api.add({ url: PROD_URL, events: ['order.shipped', 'order.created'] });
    const staticData = { webhookId: hook.id, webhookSecret: hook.secret };
    const { ctx } = makeContext({ api, staticData, events: ['order.created', 'order.shipped'] });
    await expect(checkExists(ctx)).resolves.toBe(true);
    expect(api.calls.map((c) => `${c.method} ${c.path}`)).toEqual([`GET /api/v1/webhooks/${hook.id}`]);
    expect(api.calls[0]!.credential).toBe('distribuApi');
    expect(staticData).toEqual({ webhookId: hook.id, webhookSecret: hook.secret });
  });

  it('forgets the webhook and returns false when Distribu answers 404', async () => {
    const staticData = { webhookId: 'wh_gone', webhookSecret: 'whsec_x', webhookUrl: PROD_URL, webhookEvents: ['order.created'] };
    const { ctx } = makeContext({ api, staticData });
    await expect(checkExists(ctx)).resolves.toBe(false);
    expect(staticData).toEqual({});
  });

  it('repairs a webhook whose URL changed (e.g. a new WEBHOOK_URL) instead of making a second one', async () => {
    const hook = api.add({ url: PROD_URL.replace('https://n8n.example.com/', 'http://old-host:5678/hooks/') });
    const staticData = { webhookId: hook.id, webhookSecret: hook.secret };
    const { ctx } = makeContext({ api, staticData });
    await expect(checkExists(ctx)).resolves.toBe(true);
    expect(api.callsTo('PATCH')).toEqual([expect.objectContaining({ body: { url: PROD_URL } })]);
    expect(api.webhooks).toHaveLength(1);
    expect(api.webhooks[0]!.url).toBe(PROD_URL);
    expect(staticData).toMatchObject({ webhookUrl: PROD_URL, webhookEvents: ['order.created'] });
  });

  it("never touches a stored webhook that points at another node's URL (static data copied from another workflow)", async () => {
    const other = api.add({ url: 'https://n8n.example.com/webhook/0000aaaa-0000-4000-8000-000000000009/webhook', isActive: false });
    const staticData = { webhookId: other.id, webhookSecret: other.secret };
    const { ctx } = makeContext({ api, staticData });
    await expect(checkExists(ctx)).resolves.toBe(false);
    expect(staticData).toEqual({});
    expect(api.calls.map((c) => c.method)).toEqual(['GET']);
    expect(api.webhooks).toEqual([other]);
  });

  it('repairs the event list when the selection changed, ignoring order', async () => {
    const hook = api.add({ url: PROD_URL, events: ['order.created'] });
    const { ctx } = makeContext({
      api,
      staticData: { webhookId: hook.id, webhookSecret: hook.secret },
      events: ['return.created', 'order.created'],
    });
    await expect(checkExists(ctx)).resolves.toBe(true);
    expect(api.callsTo('PATCH')).toEqual([
      expect.objectContaining({ body: { events: ['order.created', 'return.created'] } }),
    ]);
    expect(api.webhooks[0]!.events).toEqual(['order.created', 'return.created']);
  });

  it('re-enables a webhook that was disabled in the dashboard', async () => {
    const hook = api.add({ url: PROD_URL, isActive: false });
    const { ctx } = makeContext({ api, staticData: { webhookId: hook.id, webhookSecret: hook.secret } });
    await expect(checkExists(ctx)).resolves.toBe(true);
    expect(api.callsTo('PATCH')).toEqual([expect.objectContaining({ body: { isActive: true } })]);
    expect(api.webhooks[0]!.isActive).toBe(true);
  });

  it('replaces a webhook whose secret was rotated in the dashboard: the new one exists before the rotated one goes', async () => {
    const grace = new Date(Date.now() + 3_600_000).toISOString();
    const hook = api.add({ url: PROD_URL, secretRotationGraceExpiresAt: grace });
    const other = api.add({ url: 'https://elsewhere.example.com/1' });
    const staticData: IDataObject = { webhookId: hook.id, webhookSecret: hook.secret };
    const { ctx } = makeContext({ api, staticData });
    await expect(checkExists(ctx)).resolves.toBe(false);
    // Nothing removed yet: the rotated webhook keeps delivering until create has made the new one.
    expect(api.callsTo('DELETE')).toHaveLength(0);
    expect(staticData).toEqual({ webhookId: hook.id, webhookSecret: hook.secret });
    await create(ctx);
    expect(api.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `GET /api/v1/webhooks/${hook.id}`,
      'GET /api/v1/webhooks',
      'GET /api/v1/webhooks',
      'POST /api/v1/webhooks',
      'GET /api/v1/webhooks',
      `DELETE /api/v1/webhooks/${hook.id}`,
    ]);
    const fresh = api.webhooks.find((h) => h.url === PROD_URL)!;
    expect(api.webhooks).toEqual([other, fresh]);
    expect(staticData).toMatchObject({
      webhookId: fresh.id,
      webhookSecret: fresh.secret,
      // The rotated-away secret: accepted only in X-Webhook-Signature-Old, only until the grace end.
      previousSecrets: [{ secret: hook.secret, until: Date.parse(grace) }],
    });
  });

  it('returns false when the webhook disappears while being repaired', async () => {
    const hook = api.add({ url: PROD_URL, isActive: false });
    api.fail(404, { method: 'PATCH' });
    const staticData = { webhookId: hook.id, webhookSecret: hook.secret };
    const { ctx } = makeContext({ api, staticData });
    await expect(checkExists(ctx)).resolves.toBe(false);
    expect(staticData).toEqual({});
  });

  it('surfaces other errors as NodeApiError in plain words and keeps the stored webhook', async () => {
    const hook = api.add({ url: PROD_URL });
    const staticData = { webhookId: hook.id, webhookSecret: hook.secret };
    api.fail(500);
    const { ctx } = makeContext({ api, staticData });
    const error = await rejection(checkExists(ctx));
    expect(error).toBeInstanceOf(NodeApiError);
    expect((error as NodeApiError).httpCode).toBe('500');
    expect(error.message).toMatch(/Distribu had a server error \(HTTP 500\)/);
    expect(staticData).toEqual({ webhookId: hook.id, webhookSecret: hook.secret });
  });

  it('names the missing scope on 403', async () => {
    const hook = api.add({ url: PROD_URL });
    api.fail(403);
    const { ctx } = makeContext({ api, staticData: { webhookId: hook.id, webhookSecret: hook.secret } });
    const error = await rejection(checkExists(ctx));
    expect(error).toBeInstanceOf(NodeApiError);
    expect(error.message).toContain('lacks the "webhooks:read" scope');
  });

  it('refuses an empty event selection with a NodeOperationError', async () => {
    const hook = api.add({ url: PROD_URL });
    const { ctx } = makeContext({ api, events: [], staticData: { webhookId: hook.id, webhookSecret: hook.secret } });
    const error = await rejection(checkExists(ctx));
    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error.message).toBe('Select at least one event');
  });
});

describe('create', () => {
  it('registers this URL and the selected events, and stores the id and the one-time secret', async () => {
    const { ctx, staticData } = makeContext({ api, events: ['order.shipped', 'order.created', 'order.shipped'] });
    await expect(create(ctx)).resolves.toBe(true);
    expect(api.callsTo('POST')).toEqual([
      expect.objectContaining({
        path: '/api/v1/webhooks',
        body: { url: PROD_URL, events: ['order.created', 'order.shipped'], isActive: true },
      }),
    ]);
    const [hook] = api.webhooks;
    expect(staticData).toEqual({
      webhookId: hook!.id,
      webhookSecret: hook!.secret,
      webhookUrl: PROD_URL,
      webhookEvents: ['order.created', 'order.shipped'],
    });
  });

  it('uses the base URL from the credential', async () => {
    const { ctx } = makeContext({ api });
    await create(ctx);
    const call = (ctx as { helpers: { httpRequestWithAuthentication: jest.Mock } }).helpers.httpRequestWithAuthentication.mock
      .calls[0]!;
    expect(call[0]).toBe('distribuApi');
    expect(call[1]).toMatchObject({ url: `${BASE_URL}/api/v1/webhooks`, returnFullResponse: true, ignoreHttpStatusErrors: true });
  });

  it('gives every API call a 30-second timeout (n8n would wait 300 s)', async () => {
    const { ctx } = makeContext({ api });
    await create(ctx);
    await checkExists(ctx);
    await remove(ctx);
    const calls = (ctx as { helpers: { httpRequestWithAuthentication: jest.Mock } }).helpers.httpRequestWithAuthentication.mock.calls;
    expect(calls.length).toBeGreaterThanOrEqual(5);
    expect(calls.map((c) => (c[1] as { timeout?: number }).timeout)).toEqual(calls.map(() => 30_000));
  });

  it('removes an orphan at exactly this URL and never touches webhooks pointing elsewhere', async () => {
    const orphan = api.add({ url: PROD_URL });
    const testHook = api.add({ url: TEST_URL });
    const other = api.add({ url: 'https://hooks.zapier.com/hooks/standard/1/abc' });
    const similar = api.add({ url: `${PROD_URL}/extra` });
    const { ctx, staticData, logger } = makeContext({ api });
    await expect(create(ctx)).resolves.toBe(true);
    expect(api.callsTo('DELETE').map((c) => c.path)).toEqual([`/api/v1/webhooks/${orphan.id}`]);
    expect(api.webhooks.map((h) => h.id)).toEqual([testHook.id, other.id, similar.id, staticData.webhookId]);
    expect(api.webhooks.filter((h) => h.url === PROD_URL)).toHaveLength(1);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining(orphan.id));
    expect(logged(logger)).not.toContain(orphan.secret);
  });

  it('adopts the webhook it still owns at this URL instead of creating a second one', async () => {
    const hook = api.add({ url: PROD_URL, isActive: false });
    const staticData = { webhookId: hook.id, webhookSecret: hook.secret };
    const { ctx } = makeContext({ api, staticData });
    await expect(create(ctx)).resolves.toBe(true);
    expect(api.callsTo('POST')).toHaveLength(0);
    expect(api.callsTo('DELETE')).toHaveLength(0);
    expect(api.webhooks).toEqual([expect.objectContaining({ id: hook.id, isActive: true })]);
    expect(staticData).toMatchObject({ webhookId: hook.id, webhookSecret: hook.secret });
  });

  it('answers a full cap with the plain-words cap message and stores nothing', async () => {
    for (let i = 0; i < 10; i += 1) api.add({ url: `https://elsewhere.example.com/${i}` });
    const { ctx, staticData } = makeContext({ api });
    const error = await rejection(create(ctx));
    expect(error).toBeInstanceOf(NodeApiError);
    expect(error.message).toBe(WEBHOOK_CAP_MESSAGE);
    expect((error as NodeApiError).description).toContain('Execute step');
    expect(staticData).toEqual({});
    expect(api.webhooks).toHaveLength(10);
  });

  it('frees the slot of an orphan at this URL before creating, even at the cap', async () => {
    for (let i = 0; i < 9; i += 1) api.add({ url: `https://elsewhere.example.com/${i}` });
    api.add({ url: PROD_URL });
    const { ctx, staticData } = makeContext({ api });
    await expect(create(ctx)).resolves.toBe(true);
    expect(api.webhooks).toHaveLength(10);
    expect(api.webhooks.filter((h) => h.url === PROD_URL)).toEqual([expect.objectContaining({ id: staticData.webhookId })]);
  });

  it('explains a rejected API key without showing it', async () => {
    api.fail(401);
    const { ctx } = makeContext({ api });
    const error = await rejection(create(ctx));
    expect(error).toBeInstanceOf(NodeApiError);
    expect(error.message).toMatch(/did not accept the API key/);
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(API_KEY);
  });

  it('treats a create answer without id or secret as an unknown outcome and removes what it made', async () => {
    api.createAnswer = (created) => ({ data: { id: created.id } });
    const { ctx, staticData } = makeContext({ api });
    const error = await rejection(create(ctx));
    expect(error).toBeInstanceOf(NodeApiError);
    expect(error.message).toMatch(/did not confirm the webhook registration \(.*no id or signing secret\).*removed/);
    expect(staticData).toEqual({});
    expect(api.webhooks).toEqual([]);
  });

  it('accepts a bare (unwrapped) create answer', async () => {
    api.createAnswer = (created) => ({ ...created });
    const { ctx, staticData } = makeContext({ api });
    await create(ctx);
    expect(staticData).toMatchObject({ webhookId: api.webhooks[0]!.id, webhookSecret: api.webhooks[0]!.secret });
  });
});

describe('delete', () => {
  it('with nothing stored, removes the webhooks at its own URL only (what a create with a lost answer may have made)', async () => {
    const orphan = api.add({ url: PROD_URL });
    const testHook = api.add({ url: TEST_URL });
    const other = api.add({ url: `${PROD_URL}/extra` });
    const { ctx, staticData } = makeContext({ api });
    await expect(remove(ctx)).resolves.toBe(true);
    expect(api.callsTo('DELETE').map((c) => c.path)).toEqual([`/api/v1/webhooks/${orphan.id}`]);
    expect(api.webhooks).toEqual([testHook, other]);
    expect(staticData).toEqual({});
  });

  it('in test mode, with nothing stored, removes only what is at the test URL', async () => {
    const prod = api.add({ url: PROD_URL });
    const orphan = api.add({ url: TEST_URL });
    const { ctx } = makeContext({ api, url: TEST_URL, mode: 'manual' });
    await remove(ctx);
    expect(api.callsTo('DELETE').map((c) => c.path)).toEqual([`/api/v1/webhooks/${orphan.id}`]);
    expect(api.webhooks).toEqual([prod]);
  });

  it('deletes the stored webhook and forgets it', async () => {
    const hook = api.add({ url: PROD_URL });
    const keep = api.add({ url: 'https://elsewhere.example.com/1' });
    const staticData = { webhookId: hook.id, webhookSecret: hook.secret, webhookUrl: PROD_URL, webhookEvents: ['order.created'] };
    const { ctx } = makeContext({ api, staticData });
    await expect(remove(ctx)).resolves.toBe(true);
    expect(api.callsTo('DELETE').map((c) => c.path)).toEqual([`/api/v1/webhooks/${hook.id}`]);
    expect(api.webhooks).toEqual([keep]);
    expect(staticData).toEqual({});
  });

  it('also removes a rotated webhook it still tracks, even one under an older n8n address', async () => {
    const rotated = api.add({ url: PROD_URL.replace('https://n8n.example.com/', 'http://old-host:5678/') });
    const hook = api.add({ url: PROD_URL });
    const other = api.add({ url: 'https://elsewhere.example.com/2' });
    const staticData = {
      webhookId: hook.id,
      webhookSecret: hook.secret,
      previousSecrets: [{ secret: rotated.secret, until: Date.now() + 60_000, webhookId: rotated.id }],
    };
    const { ctx } = makeContext({ api, staticData });
    await remove(ctx);
    expect(api.webhooks).toEqual([other]);
    expect(staticData).toEqual({});
  });

  it('also removes a rotated webhook left at its URL when its removal failed earlier', async () => {
    const rotated = api.add({ url: PROD_URL });
    const hook = api.add({ url: PROD_URL });
    const { ctx, staticData } = makeContext({ api, staticData: { webhookId: hook.id, webhookSecret: hook.secret } });
    await remove(ctx);
    expect(api.callsTo('DELETE').map((c) => c.path)).toEqual([`/api/v1/webhooks/${hook.id}`, `/api/v1/webhooks/${rotated.id}`]);
    expect(api.webhooks).toEqual([]);
    expect(staticData).toEqual({});
  });

  it('counts a webhook already gone (404) as deleted', async () => {
    const staticData = { webhookId: 'wh_gone', webhookSecret: 'whsec_x' };
    const { ctx } = makeContext({ api, staticData });
    await expect(remove(ctx)).resolves.toBe(true);
    expect(staticData).toEqual({});
  });

  it('keeps the id when Distribu fails, so the next activation finds the webhook again', async () => {
    const hook = api.add({ url: PROD_URL });
    api.fail(500, { method: 'DELETE' });
    const staticData = { webhookId: hook.id, webhookSecret: hook.secret };
    const { ctx } = makeContext({ api, staticData });
    await expect(remove(ctx)).rejects.toBeInstanceOf(NodeApiError);
    expect(staticData).toEqual({ webhookId: hook.id, webhookSecret: hook.secret });
    // The next activation: checkExists sees it still registered and reuses it.
    await expect(checkExists(ctx)).resolves.toBe(true);
    expect(api.webhooks).toHaveLength(1);
  });
});

describe('production and "Listen for test event" side by side', () => {
  it('test mode registers a second webhook on the test URL with its own static data and removes only it', async () => {
    const prod = makeContext({ api });
    expect(await checkExists(prod.ctx)).toBe(false);
    await create(prod.ctx);
    const test = makeContext({ api, url: TEST_URL, mode: 'manual' });
    expect(await checkExists(test.ctx)).toBe(false);
    await create(test.ctx);
    expect(api.webhooks.map((h) => h.url)).toEqual([PROD_URL, TEST_URL]);
    expect(test.staticData.webhookSecret).not.toBe(prod.staticData.webhookSecret);
    await remove(test.ctx);
    expect(api.webhooks.map((h) => h.url)).toEqual([PROD_URL]);
    expect(await checkExists(prod.ctx)).toBe(true);
  });

  it('a restart or re-publish with stored state registers nothing new', async () => {
    const first = makeContext({ api });
    if (!(await checkExists(first.ctx))) await create(first.ctx);
    const again = makeContext({ api, staticData: first.staticData });
    if (!(await checkExists(again.ctx))) await create(again.ctx);
    expect(api.callsTo('POST')).toHaveLength(1);
    expect(api.webhooks).toHaveLength(1);
  });

  it('lost static data does not leave a duplicate: the leftover at this URL is replaced', async () => {
    const first = makeContext({ api });
    await create(first.ctx);
    const amnesiac = makeContext({ api });
    if (!(await checkExists(amnesiac.ctx))) await create(amnesiac.ctx);
    expect(api.webhooks).toHaveLength(1);
    expect(api.webhooks[0]!.id).toBe(amnesiac.staticData.webhookId);
  });
});
