import { createHmac } from 'node:crypto';
import { normalizeDelivery } from '@distribu/shared/runtime';
import { DistribuTrigger } from '../../n8n-node/nodes/DistribuTrigger/DistribuTrigger.node';
import { logged, makeContext, type ContextOptions } from './support/context';
import { SandboxApi } from './support/sandbox-api';

const SECRET = 'whsec_current_AbCdEfGhIjKlMnOpQrStUv';
const OLD_SECRET = 'whsec_previous_0123456789abcdefghij';
const node = new DistribuTrigger();

// Independent of the shared `sign`: Distribu's documented HMAC-SHA256, lowercase hex, over the raw bytes.
const hmac = (body: string | Buffer, secret: string) => createHmac('sha256', secret).update(body).digest('hex');

const now = () => new Date().toISOString();
/** Hand-formatted like a real sender (spacing, key order, escapes) so re-serializing it changes the bytes. */
function orderShipped(timestamp = now(), orderId = 'clx_order_1'): string {
  return `{"event": "order.shipped", "timestamp": "${timestamp}", "data": {"id": "${orderId}", "previousStatus": "CONFIRMED", "total": 131.25, "customerId": "clx_cust_1", "tracking": {"carrier": "UPS", "number": "1Z999", "url": null}, "note": "Caf\\u00e9 \u2615"}}`;
}

let api: SandboxApi;
beforeEach(() => {
  api = new SandboxApi();
});
afterEach(() => api.close());

let workflows = 0;
/** Each call is its own workflow unless told: the replay memory is per workflow, and bodies repeat. */
function deliver(opts: Partial<ContextOptions> & { rawBody: string | Buffer }) {
  workflows += 1;
  const context = makeContext({
    api,
    mode: 'webhook',
    workflowId: `workflow-${workflows}`,
    events: ['order.shipped', 'order.created'],
    staticData: { webhookId: 'wh_1', webhookSecret: SECRET },
    ...opts,
  });
  return { ...context, result: node.webhook.call(context.ctx) };
}

async function expectRefused(run: ReturnType<typeof deliver>, status = 401) {
  await expect(run.result).resolves.toEqual({ noWebhookResponse: true });
  expect(run.response).toEqual({ statusCode: status, sent: status === 401 ? 'Unauthorized' : 'Bad Request', ended: true });
  expect(run.logger.warn).toHaveBeenCalledWith(expect.stringContaining('refused a delivery'));
  expect(logged(run.logger)).not.toContain(SECRET);
}

describe('webhook()', () => {
  it('emits one item in the shared trigger-item shape for a valid delivery', async () => {
    const body = orderShipped();
    const run = deliver({ rawBody: body, headers: { 'X-Webhook-Signature': hmac(body, SECRET) } });
    const result = await run.result;
    const expected = normalizeDelivery(body);
    if (!expected.ok) throw new Error('fixture must parse');
    expect(result).toEqual({ workflowData: [[{ json: expected.item }]] });
    // The shape, spelled out: the resource id under its own key, the payload's fields kept.
    expect(result.workflowData![0]![0]!.json).toMatchObject({
      id: expect.stringMatching(/^evt_[0-9a-f]{32}$/),
      event: 'order.shipped',
      orderId: 'clx_order_1',
      tracking: { carrier: 'UPS', number: '1Z999', url: null },
      note: 'Café ☕',
    });
    expect(run.response.statusCode).toBeUndefined();
    expect(api.calls).toHaveLength(0);
  });

  it('verifies the raw bytes, not re-serialized JSON', async () => {
    const body = orderShipped();
    const reserialized = JSON.stringify(JSON.parse(body));
    expect(reserialized).not.toBe(body);
    await expect(
      deliver({ rawBody: body, headers: { 'x-webhook-signature': hmac(body, SECRET) } }).result,
    ).resolves.toHaveProperty('workflowData');
    // A signature over the re-serialized form does not match the bytes Distribu sent.
    await expectRefused(deliver({ rawBody: body, headers: { 'x-webhook-signature': hmac(reserialized, SECRET) } }));
  });

  it('refuses a delivery without a signature (401, no execution)', async () => {
    await expectRefused(deliver({ rawBody: orderShipped() }));
  });

  it('refuses a wrong signature', async () => {
    const body = orderShipped();
    await expectRefused(deliver({ rawBody: body, headers: { 'x-webhook-signature': hmac(body, 'whsec_someone_else') } }));
  });

  it('refuses a tampered body carrying the original signature', async () => {
    const body = orderShipped();
    const tampered = body.replace('131.25', '1.25');
    await expectRefused(deliver({ rawBody: tampered, headers: { 'x-webhook-signature': hmac(body, SECRET) } }));
  });

  it('refuses every delivery when no secret is stored', async () => {
    const body = orderShipped();
    await expectRefused(
      deliver({ rawBody: body, staticData: {}, headers: { 'x-webhook-signature': hmac(body, SECRET) } }),
    );
  });

  it('refuses a request without a raw body', async () => {
    await expectRefused(deliver({ rawBody: undefined as never, headers: { 'x-webhook-signature': 'ab' } }));
  });

  it('reads the raw body on demand when n8n did not parse the content type', async () => {
    const body = orderShipped();
    const run = deliver({ rawBody: body, lazyRawBody: true, headers: { 'x-webhook-signature': hmac(body, SECRET), 'content-type': 'application/octet-stream' } });
    await expect(run.result).resolves.toHaveProperty('workflowData');
  });

  it('accepts X-Webhook-Signature-Old during a rotation grace window (the heal itself: rotation.test.ts)', async () => {
    const body = orderShipped();
    const run = deliver({
      rawBody: body,
      staticData: { webhookId: 'wh_1', webhookSecret: OLD_SECRET },
      headers: { 'X-Webhook-Signature': hmac(body, 'whsec_new_unknown_to_n8n'), 'X-Webhook-Signature-Old': hmac(body, OLD_SECRET) },
    });
    await expect(run.result).resolves.toHaveProperty('workflowData');
    expect(run.logger.warn).toHaveBeenCalledWith(expect.stringContaining('rotated'));
    expect(logged(run.logger)).not.toContain(OLD_SECRET);
  });

  it('answers 200 without an execution for an event that is not selected', async () => {
    const body = orderShipped();
    const run = deliver({ rawBody: body, events: ['order.created'], headers: { 'x-webhook-signature': hmac(body, SECRET) } });
    await expect(run.result).resolves.toEqual({});
    expect(run.response.statusCode).toBeUndefined();
  });

  it('takes the event from the signed body, not from the unsigned X-Webhook-Event header', async () => {
    const body = orderShipped();
    const run = deliver({
      rawBody: body,
      events: ['order.created'],
      headers: { 'x-webhook-signature': hmac(body, SECRET), 'x-webhook-event': 'order.created' },
    });
    await expect(run.result).resolves.toEqual({});
  });

  it('refuses a delivery whose signed timestamp is outside the replay window', async () => {
    const stale = orderShipped(new Date(Date.now() - 301_000).toISOString());
    const run = deliver({ rawBody: stale, headers: { 'x-webhook-signature': hmac(stale, SECRET) } });
    await expectRefused(run);
    expect(run.logger.warn).toHaveBeenCalledWith(expect.stringContaining('Replay Window'));
  });

  it('honours a custom replay window, and 0 turns the check off', async () => {
    const old = orderShipped('2026-04-17T09:10:00.000Z');
    const headers = { 'x-webhook-signature': hmac(old, SECRET) };
    await expectRefused(deliver({ rawBody: old, headers, options: { replayWindow: 3600 } }));
    await expect(deliver({ rawBody: old, headers, options: { replayWindow: 0 } }).result).resolves.toHaveProperty(
      'workflowData',
    );
    const recent = orderShipped(new Date(Date.now() - 1_000_000).toISOString());
    await expect(
      deliver({ rawBody: recent, headers: { 'x-webhook-signature': hmac(recent, SECRET) }, options: { replayWindow: 3600 } }).result,
    ).resolves.toHaveProperty('workflowData');
  });

  it('answers 400 for a signed body that is not a Distribu envelope', async () => {
    const body = '["not", "an", "envelope"]';
    await expectRefused(deliver({ rawBody: body, headers: { 'x-webhook-signature': hmac(body, SECRET) } }), 400);
  });

  describe('Fetch Full Record', () => {
    it("adds the record's other fields; what the delivery said wins", async () => {
      const order = api.addOrder({ poNumber: 'PO-1', lines: [{ name: 'Tea', price: 999, quantity: 1 }] });
      const body = orderShipped(now(), order.id);
      const run = deliver({ rawBody: body, headers: { 'x-webhook-signature': hmac(body, SECRET) }, options: { fetchFullRecord: true } });
      const result = await run.result;
      expect(result.workflowData![0]![0]!.json).toMatchObject({
        orderId: order.id,
        total: 131.25,
        poNumber: 'PO-1',
        items: [expect.objectContaining({ productName: 'Tea' })],
      });
      expect(api.calls.map((c) => `${c.method} ${c.path}`)).toEqual([`GET /api/v1/orders/${order.id}`]);
    });

    it('still emits the item, with the reason, when the record cannot be read', async () => {
      api.fail(403);
      const body = orderShipped();
      const run = deliver({ rawBody: body, headers: { 'x-webhook-signature': hmac(body, SECRET) }, options: { fetchFullRecord: true } });
      const json = (await run.result).workflowData![0]![0]!.json;
      expect(json).toMatchObject({ orderId: 'clx_order_1', fullRecordError: expect.stringContaining('"orders:read"') });
    });

    it('makes no call for events without a REST record', async () => {
      const body = `{"event":"refund.processed","timestamp":"${now()}","data":{"id":"rf_1","returnId":"ret_1","method":"CREDIT"}}`;
      const run = deliver({
        rawBody: body,
        events: ['refund.processed'],
        headers: { 'x-webhook-signature': hmac(body, SECRET) },
        options: { fetchFullRecord: true },
      });
      expect((await run.result).workflowData![0]![0]!.json).toMatchObject({ event: 'refund.processed', refundId: 'rf_1' });
      expect(api.calls).toHaveLength(0);
    });
  });
});
