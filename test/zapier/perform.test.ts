// The hook `perform` under zapier-platform-core, fed bundles shaped as hooks.zapier.com builds
// them from deliveries signed here with Distribu's documented scheme (each event's catalog
// samples). The end-to-end version with real sandbox deliveries is hooks.e2e.test.ts.
import { createHmac } from 'node:crypto';
import { events, normalizeDelivery } from '@distribu/shared/runtime';
import { startSandbox } from '../../sandbox/src';
import { appTester, trigger } from './support/app-tester';
import { hookBundle, zapierHeaders } from '../../scripts/zapier/bundle';

const SECRET = 'whsec_unit_3q2-xL0q9sJb8wzP1vYkR7nTgH5m';
const OTHER_SECRET = 'whsec_someone_elses_secret_000000000000';

function hmac(body: string, secret: string) {
  return createHmac('sha256', secret).update(body, 'utf8').digest('hex');
}

/** The envelope as sent now: a sample's own timestamp is older than the replay window. */
function fresh(envelope: unknown): Record<string, unknown> {
  return { ...(envelope as Record<string, unknown>), timestamp: new Date().toISOString() };
}

function delivery(envelope: unknown, headers: Record<string, string> = {}, secret = SECRET) {
  const body = JSON.stringify(fresh(envelope));
  const event = (envelope as { event: string }).event;
  return {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'x-webhook-event': event,
      'x-webhook-signature': hmac(body, secret),
      ...headers,
    },
  };
}

/** Each run its own subscription: the same delivery twice to one subscription is an exact replay. */
let subscriptions = 0;
const sub = (secret: string | null = SECRET) => ({ id: `wh_${(subscriptions += 1)}`, ...(secret ? { secret } : {}) });
/** Nothing listens here: a failed verification's webhook check fails at once, without leaving the machine. */
const OFFLINE = { apiKey: 'dk_unit_key', baseUrl: 'http://127.0.0.1:9' };
const bundleOf = (captured: Parameters<typeof hookBundle>[0], subscribeData: Record<string, unknown>, extra: Parameters<typeof hookBundle>[2] = {}) =>
  hookBundle(captured, subscribeData, { authData: OFFLINE, ...extra });

let logs: string[] = [];
beforeEach(() => {
  logs = [];
  jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    logs.push(args.map(String).join(' '));
  });
});
afterEach(() => jest.restoreAllMocks());

describe('Zapier header renaming (as hooks.zapier.com delivers)', () => {
  test('Http- prefix and Camel-Case, except Content-Type and Content-Length', () => {
    expect(zapierHeaders({ 'x-webhook-signature': 'a', 'content-type': 'application/json', 'content-length': '2', 'user-agent': 'u' })).toEqual({
      'Http-X-Webhook-Signature': 'a',
      'Content-Type': 'application/json',
      'Content-Length': '2',
      'Http-User-Agent': 'u',
    });
  });
});

describe.each(events.map((e) => [e.key, e] as const))('%s perform', (key, event) => {
  const op = () => trigger(key);

  test.each(event.samples.map((s) => [s.variant, s] as const))('accepts a signed %s delivery and returns the shared item', async (_variant, sample) => {
    const captured = delivery(sample.envelope);
    const items = await appTester(op().perform, bundleOf(captured, sub()));
    const expected = normalizeDelivery(captured.body);
    if (!expected.ok) throw new Error('sample does not normalize');
    expect(items).toEqual([{ ...expected.item, itemSource: 'delivery' }]); // the shared item, and where it came from
    const item = items[0];
    expect(item.id).toMatch(/^evt_[0-9a-f]{32}$/);
    expect(item.event).toBe(event.name);
    if (event.idKey) expect(item[event.idKey]).toBe((sample.envelope.data as { id: string }).id);
    expect(item).not.toHaveProperty('querystring');
  });

  test('a tampered body returns [] and logs why, without the secret', async () => {
    const captured = delivery(event.samples[0]!.envelope);
    captured.body = captured.body.replace(/"timestamp":"[^"]+"/, '"timestamp":"2030-01-01T00:00:00.000Z"');
    const items = await appTester(op().perform, bundleOf(captured, sub()));
    expect(items).toEqual([]);
    expect(logs.join('\n')).toMatch(/does not match/);
    expect(logs.join('\n')).not.toContain(SECRET);
  });

  test('a delivery signed with another secret (forged) returns []', async () => {
    const captured = delivery(event.samples[0]!.envelope, {}, OTHER_SECRET);
    expect(await appTester(op().perform, bundleOf(captured, sub()))).toEqual([]);
  });
});

describe('perform edge cases', () => {
  const created = events.find((e) => e.key === 'order_created')!;
  const statusChanged = events.find((e) => e.key === 'order_status_changed')!;

  test('no signature header, or no stored secret: [] (fails closed)', async () => {
    const captured = delivery(created.samples[0]!.envelope);
    delete (captured.headers as Record<string, string>)['x-webhook-signature'];
    expect(await appTester(trigger('order_created').perform, bundleOf(captured, sub()))).toEqual([]);
    expect(logs.join('\n')).toMatch(/no X-Webhook-Signature/);
    const signed = delivery(created.samples[0]!.envelope);
    expect(await appTester(trigger('order_created').perform, bundleOf(signed, sub(null)))).toEqual([]);
    expect(logs.join('\n')).toMatch(/No signing secret/);
  });

  test('during a secret rotation, a match on X-Webhook-Signature-Old is accepted', async () => {
    const body = JSON.stringify(fresh(created.samples[0]!.envelope));
    const captured = { method: 'POST', body, headers: { 'x-webhook-signature': hmac(body, 'whsec_new_one'), 'x-webhook-signature-old': hmac(body, SECRET) } };
    const items = await appTester(trigger('order_created').perform, bundleOf(captured, sub()));
    expect(items).toHaveLength(1);
  });

  test('a correctly signed delivery of another event returns [] on this trigger', async () => {
    const captured = delivery(created.samples[0]!.envelope);
    expect(await appTester(trigger('order_shipped').perform, bundleOf(captured, sub()))).toEqual([]);
    expect(logs.join('\n')).toMatch(/order\.created delivery: this trigger runs only for order\.shipped/);
  });

  test('a signed body that is not JSON returns []', async () => {
    const body = 'not json';
    const captured = { method: 'POST', body, headers: { 'x-webhook-signature': hmac(body, SECRET) } };
    expect(await appTester(trigger('order_created').perform, bundleOf(captured, sub()))).toEqual([]);
  });

  test('non-ASCII bodies verify over the raw string', async () => {
    const envelope = { ...created.samples[0]!.envelope, data: { ...created.samples[0]!.envelope.data, poNumber: 'PO-Café-東京-✓' } };
    const items = await appTester(trigger('order_created').perform, bundleOf(delivery(envelope), sub()));
    expect(items[0].poNumber).toBe('PO-Café-東京-✓');
  });

  test('the Status choice lets only the chosen statuses through', async () => {
    const envelope = statusChanged.samples[0]!.envelope; // status SHIPPED
    const captured = delivery(envelope);
    const run = (status: unknown) =>
      appTester(trigger('order_status_changed').perform, bundleOf(captured, sub(), { inputData: { status } }));
    expect(await run(['SHIPPED', 'DELIVERED'])).toHaveLength(1);
    expect(await run(['CANCELLED'])).toEqual([]);
    expect(await run('CANCELLED,SHIPPED')).toHaveLength(1);
    expect(await run([])).toHaveLength(1);
  });
});

describe('"Fetch Full" when the record is gone', () => {
  test('a 404 from GET /orders/{id} keeps the delivered item, with the reason in fullRecordError, and logs it', async () => {
    // The sandbox without the sample's order: GET /orders/{id} answers Distribu's 404.
    const sb = await startSandbox({ port: 0, seed: false, apiKey: 'dk_unit_key' });
    try {
      const created = events.find((e) => e.key === 'order_created')!;
      const captured = delivery(created.samples[0]!.envelope);
      const authData = { apiKey: 'dk_unit_key', baseUrl: sb.url };
      const items = await appTester(trigger('order_created').perform, bundleOf(captured, sub(), { authData, inputData: { fetchFullRecord: true } }));
      const expected = normalizeDelivery(captured.body);
      expect(expected.ok && items).toEqual([
        expected.ok && { ...expected.item, fullRecordError: expect.stringMatching(/^Distribu could not find it/), itemSource: 'delivery' },
      ]);
      // One call, made with the connection's key (a 404, not the 401 of a missing or wrong key).
      expect(sb.core.store.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
        `GET /api/v1/orders/${(created.samples[0]!.envelope.data as { id: string }).id} 404`,
      ]);
      expect(logs.join('\n')).toMatch(/Could not fetch the full record of order\.created/);
    } finally {
      await sb.close();
    }
  });
});

describe('the test step (performList) and the connection', () => {
  const plain = { apiKey: 'dk_unit_key', baseUrl: 'http://example.com' }; // refused: the key would cross the network in clear
  test('an event Distribu cannot list shows its sample without touching the connection', async () => {
    const invoice = events.find((e) => e.key === 'invoice_paid')!;
    expect(invoice.list).toBeNull();
    expect(await appTester(trigger('invoice_paid').performList, { authData: plain, inputData: {} } as never)).toEqual([{ ...invoice.sample, itemSource: 'sample' }]);
  });
  test('one it can list checks the Base URL before any call', async () => {
    await expect(appTester(trigger('order_created').performList, { authData: plain, inputData: {} } as never)).rejects.toThrow(/The Base URL must start with https:\/\//);
  });
});
