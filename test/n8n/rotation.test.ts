// Secret rotation through webhook() against the sandbox (in process): the heal, what is refused
// afterwards, test mode, a failed heal and its retry limit, concurrent deliveries.
import { createHmac } from 'node:crypto';
import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';
import { DistribuTrigger } from '../../n8n-node/nodes/DistribuTrigger/DistribuTrigger.node';
import { logged, makeContext, PROD_URL, TEST_URL, type ContextOptions } from './support/context';
import { SandboxApi } from './support/sandbox-api';

const NEW_UNKNOWN = 'whsec_rotated_in_dashboard_unknown';
const node = new DistribuTrigger();
const hmac = (body: string, secret: string) => createHmac('sha256', secret).update(body).digest('hex');
const api = new SandboxApi();
let seq = 0;

beforeEach(() => {
  api.reset();
});
afterAll(() => api.close());

function body(): string {
  seq += 1;
  return JSON.stringify({ event: 'order.created', timestamp: new Date().toISOString(), data: { id: `o_${seq}`, total: 1 } });
}

/** A webhook this node registered, then rotated in the dashboard (grace one hour). */
function rotated(url = PROD_URL) {
  const grace = new Date(Date.now() + 3_600_000).toISOString();
  const hook = api.add({ url, secretRotationGraceExpiresAt: grace });
  const staticData: IDataObject = { webhookId: hook.id, webhookSecret: hook.secret };
  return { hook, grace, staticData };
}

async function deliver(staticData: IDataObject, raw: string, headers: Record<string, string>, opts: Partial<ContextOptions> = {}) {
  seq += 1;
  const { ctx, logger, response } = makeContext({ api, mode: 'webhook', workflowId: `rotation-${seq}`, staticData, rawBody: raw, headers, ...opts });
  const result = (await node.webhook.call(ctx)) as IWebhookResponseData;
  return { items: result.workflowData?.[0] ?? [], response, logger };
}

describe('a delivery that verifies only through X-Webhook-Signature-Old', () => {
  it('runs, and registers a fresh webhook at the same URL before answering; the next delivery that starts no run removes the rotated one', async () => {
    const { hook, grace, staticData } = rotated();
    const raw = body();
    const run = await deliver(staticData, raw, { 'x-webhook-signature': hmac(raw, NEW_UNKNOWN), 'x-webhook-signature-old': hmac(raw, hook.secret) });
    expect(run.items).toHaveLength(1);
    expect(api.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `GET /api/v1/webhooks/${hook.id}`,
      'GET /api/v1/webhooks',
      'POST /api/v1/webhooks',
      'GET /api/v1/webhooks',
    ]);
    const fresh = api.webhooks.find((h) => h.id !== hook.id)!;
    // The rotated webhook stays until n8n has provably saved the new secret.
    expect(api.webhooks).toEqual([hook, expect.objectContaining({ url: PROD_URL, events: ['order.created'] })]);
    expect(staticData).toEqual({
      webhookId: fresh.id,
      webhookSecret: fresh.secret,
      webhookUrl: PROD_URL,
      webhookEvents: ['order.created'],
      previousSecrets: [{ secret: hook.secret, until: Date.parse(grace), webhookId: hook.id }],
    });
    expect(logged(run.logger)).not.toMatch(/whsec_/);

    // The next event runs through one webhook; its second copy (both webhooks deliver it) starts no run, so n8n saves
    // what it writes: it sees the saved state (in n8n: loaded from its database) and removes the rotated webhook.
    const next = body();
    const headers = { 'x-webhook-signature': hmac(next, fresh.secret) };
    const sameWorkflow = { workflowId: `rotation-next-${seq}` };
    expect((await deliver(staticData, next, headers, sameWorkflow)).items).toHaveLength(1);
    expect(api.callsTo('DELETE')).toHaveLength(0);
    expect((await deliver(staticData, next, headers, sameWorkflow)).items).toHaveLength(0);
    expect(api.calls.at(-1)).toMatchObject({ method: 'DELETE', path: `/api/v1/webhooks/${hook.id}` });
    expect(api.webhooks).toEqual([fresh]);
    expect(staticData.previousSecrets).toEqual([{ secret: hook.secret, until: Date.parse(grace) }]);
    const later = body();
    await deliver(staticData, later, { 'x-webhook-signature': hmac(later, fresh.secret) });
    expect(api.callsTo('DELETE')).toHaveLength(1);
  });

  it('afterwards: the new secret verifies, the old one only in -Old, and the old one as the current signature is a forgery', async () => {
    const { hook, staticData } = rotated();
    const first = body();
    await deliver(staticData, first, { 'x-webhook-signature': hmac(first, NEW_UNKNOWN), 'x-webhook-signature-old': hmac(first, hook.secret) });
    const fresh = String(staticData.webhookSecret);

    const viaNew = body();
    expect((await deliver(staticData, viaNew, { 'x-webhook-signature': hmac(viaNew, fresh) })).items).toHaveLength(1);
    const inFlight = body();
    expect((await deliver(staticData, inFlight, { 'x-webhook-signature': hmac(inFlight, NEW_UNKNOWN), 'x-webhook-signature-old': hmac(inFlight, hook.secret) })).items).toHaveLength(1);

    const forged = body();
    const run = await deliver(staticData, forged, { 'x-webhook-signature': hmac(forged, hook.secret) });
    expect(run.items).toHaveLength(0);
    expect(run.response.statusCode).toBe(401);
    expect(run.logger.warn).toHaveBeenCalledWith(expect.stringContaining('rotated away'));
    // Nothing more was registered: one heal.
    expect(api.callsTo('POST')).toHaveLength(1);
  });

  it('after the grace window the old secret is refused in -Old too', async () => {
    const staticData: IDataObject = {
      webhookId: 'wh_new',
      webhookSecret: 'whsec_new_known',
      previousSecrets: [{ secret: 'whsec_old_known', until: Date.now() - 1_000 }],
    };
    const raw = body();
    const run = await deliver(staticData, raw, { 'x-webhook-signature': hmac(raw, NEW_UNKNOWN), 'x-webhook-signature-old': hmac(raw, 'whsec_old_known') });
    expect(run.response.statusCode).toBe(401);
    expect(run.logger.warn).toHaveBeenCalledWith(expect.stringContaining('grace period'));
    expect(api.calls).toHaveLength(0);
  });

  it('in "Listen for test event" runs but heals nothing (n8n keeps no test-mode data)', async () => {
    const { hook, staticData } = rotated(TEST_URL);
    const raw = body();
    const run = await deliver(staticData, raw, { 'x-webhook-signature': hmac(raw, NEW_UNKNOWN), 'x-webhook-signature-old': hmac(raw, hook.secret) }, { mode: 'manual', url: TEST_URL });
    expect(run.items).toHaveLength(1);
    expect(api.calls).toHaveLength(0);
    expect(staticData).toEqual({ webhookId: hook.id, webhookSecret: hook.secret });
    expect(run.logger.warn).toHaveBeenCalledWith(expect.stringContaining('test webhook was rotated'));
  });

  it('when the heal fails (all 10 webhooks in use) still runs, keeps the state, and tries again at most once a minute', async () => {
    const { hook, staticData } = rotated();
    for (let i = 0; i < 9; i += 1) api.add({ url: `https://elsewhere.example.com/${i}` });
    const raw = body();
    const run = await deliver(staticData, raw, { 'x-webhook-signature': hmac(raw, NEW_UNKNOWN), 'x-webhook-signature-old': hmac(raw, hook.secret) });
    expect(run.items).toHaveLength(1);
    expect(staticData).toEqual({ webhookId: hook.id, webhookSecret: hook.secret });
    expect(run.logger.warn).toHaveBeenCalledWith(expect.stringContaining('at most 10 webhooks'));
    const callsAfterFirst = api.calls.length;
    const again = body();
    expect((await deliver(staticData, again, { 'x-webhook-signature': hmac(again, NEW_UNKNOWN), 'x-webhook-signature-old': hmac(again, hook.secret) })).items).toHaveLength(1);
    expect(api.calls).toHaveLength(callsAfterFirst);
    expect(api.webhooks).toHaveLength(10);
  });

  it('arriving twice at once heals once', async () => {
    const { hook, staticData } = rotated();
    const [a, b] = [body(), body()];
    const runs = await Promise.all(
      [a, b].map((raw) => deliver(staticData, raw, { 'x-webhook-signature': hmac(raw, NEW_UNKNOWN), 'x-webhook-signature-old': hmac(raw, hook.secret) })),
    );
    expect(runs.map((r) => r.items.length)).toEqual([1, 1]);
    expect(api.callsTo('POST')).toHaveLength(1);
    expect(api.webhooks.map((h) => h.id)).toEqual([hook.id, staticData.webhookId]);
  });
});
