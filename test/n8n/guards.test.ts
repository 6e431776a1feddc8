// Replays and out-of-order deliveries through webhook(): what starts a run, what is marked, what is
// dropped, and that the memory is scoped per workflow and mode.
import { createHmac } from 'node:crypto';
import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';
import { DistribuTrigger } from '../../n8n-node/nodes/DistribuTrigger/DistribuTrigger.node';
import { makeContext, type ContextOptions } from './support/context';
import { SandboxApi } from './support/sandbox-api';

const SECRET = 'whsec_guards_AbCdEfGhIjKlMnOpQrStUv';
const node = new DistribuTrigger();
const hmac = (body: string) => createHmac('sha256', SECRET).update(body).digest('hex');
let workflows = 0;
let workflowId: string;

// The guards make no API call; the sandbox stands behind the context all the same.
const api = new SandboxApi();
afterAll(() => api.close());

beforeEach(() => {
  workflows += 1;
  workflowId = `guards-${workflows}`;
});

function statusChanged(orderId: string, status: string, timestamp: string): string {
  return JSON.stringify({ event: 'order.status_changed', timestamp, data: { id: orderId, status, previousStatus: 'SUBMITTED', total: 10, customerId: 'c1', tracking: null } });
}

async function deliver(body: string, opts: Partial<ContextOptions> = {}) {
  const { ctx, logger, answer } = makeContext({
    api,
    mode: 'webhook',
    workflowId,
    events: ['order.status_changed', 'invoice.paid'],
    staticData: { webhookId: 'wh_1', webhookSecret: SECRET },
    rawBody: body,
    headers: { 'x-webhook-signature': hmac(body) },
    ...opts,
  });
  const result = (await node.webhook.call(ctx)) as IWebhookResponseData;
  return { items: (result.workflowData?.[0] ?? []).map((i) => i.json as IDataObject), result, logger, answer };
}

const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();

describe('exact replays', () => {
  it('start no second run within the replay window: 200, no execution, a log line', async () => {
    const body = statusChanged('o1', 'CONFIRMED', at(5));
    expect((await deliver(body)).items).toHaveLength(1);
    const again = await deliver(body);
    expect(again.result).toEqual({});
    expect(again.logger.info).toHaveBeenCalledWith(expect.stringMatching(/started no execution: event evt_[0-9a-f]+ was already received/));
  });

  it('start no second run with the timestamp check turned off either', async () => {
    const body = statusChanged('o1', 'CONFIRMED', '2026-01-01T00:00:00.000Z');
    const options = { replayWindow: 0 };
    expect((await deliver(body, { options })).items).toHaveLength(1);
    expect((await deliver(body, { options })).items).toHaveLength(0);
  });

  it('are remembered per workflow and per mode: the same event reaching another workflow or a test listener runs there', async () => {
    const body = statusChanged('o1', 'CONFIRMED', at(5));
    expect((await deliver(body)).items).toHaveLength(1);
    expect((await deliver(body, { workflowId: `${workflowId}-other` })).items).toHaveLength(1);
    expect((await deliver(body, { mode: 'manual' })).items).toHaveLength(1);
  });

  it('are forgotten when n8n answers the delivery with an error (it created no run): the next attempt runs', async () => {
    const body = statusChanged('o1', 'CONFIRMED', at(5));
    const first = await deliver(body);
    expect(first.items).toHaveLength(1);
    first.answer(500);
    expect(first.logger.warn).toHaveBeenCalledWith(expect.stringMatching(/n8n answered event evt_[0-9a-f]+ with HTTP 500 and ran nothing; its next delivery will run\./));
    const retried = await deliver(body);
    expect(retried.items).toHaveLength(1);
    retried.answer(200);
    expect((await deliver(body)).result).toEqual({});
  });

  it('are told apart by their exact bytes: a new event for the same resource runs', async () => {
    expect((await deliver(statusChanged('o1', 'CONFIRMED', at(5)))).items).toHaveLength(1);
    expect((await deliver(statusChanged('o1', 'SHIPPED', at(4)))).items).toHaveLength(1);
  });
});

describe('Out-of-Order Deliveries', () => {
  const shipped = () => statusChanged('o1', 'SHIPPED', at(10));
  const confirmedEarlier = () => statusChanged('o1', 'CONFIRMED', at(20));

  it('Emit (the default) passes a stale delivery on unmarked', async () => {
    expect((await deliver(shipped())).items).toHaveLength(1);
    const stale = await deliver(confirmedEarlier());
    expect(stale.items).toEqual([expect.objectContaining({ status: 'CONFIRMED' })]);
    expect(stale.items[0]).not.toHaveProperty('outOfOrder');
  });

  it('Emit and Mark adds outOfOrder to every item of a resource, true for the stale one', async () => {
    const options = { outOfOrder: 'mark' };
    expect((await deliver(shipped(), { options })).items).toEqual([expect.objectContaining({ status: 'SHIPPED', outOfOrder: false })]);
    expect((await deliver(confirmedEarlier(), { options })).items).toEqual([expect.objectContaining({ status: 'CONFIRMED', outOfOrder: true })]);
    // Another order is judged on its own.
    expect((await deliver(statusChanged('o2', 'CONFIRMED', at(30)), { options })).items).toEqual([expect.objectContaining({ outOfOrder: false })]);
  });

  it('Drop answers 200 and starts no run for the stale one; an equal timestamp is in order', async () => {
    const options = { outOfOrder: 'drop' };
    const when = at(10);
    expect((await deliver(statusChanged('o1', 'SHIPPED', when), { options })).items).toHaveLength(1);
    const stale = await deliver(confirmedEarlier(), { options });
    expect(stale.result).toEqual({});
    expect(stale.logger.info).toHaveBeenCalledWith(expect.stringContaining('older than one already received for order:o1'));
    expect((await deliver(statusChanged('o1', 'DELIVERED', when), { options })).items).toHaveLength(1);
  });

  it('never judges an event without a resource id (invoice.paid)', async () => {
    const options = { outOfOrder: 'drop' };
    const invoice = (id: string, secondsAgo: number) =>
      JSON.stringify({ event: 'invoice.paid', timestamp: at(secondsAgo), data: { invoiceId: id, amount: 1 } });
    expect((await deliver(invoice('in_1', 5), { options })).items).toHaveLength(1);
    expect((await deliver(invoice('in_2', 50), { options })).items).toHaveLength(1);
  });
});
