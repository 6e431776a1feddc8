import fc from 'fast-check';
import { catalog } from '@distribu/shared/catalog';
import { startSandbox, type Sandbox } from '../../sandbox/src';
import { actions } from '../../sandbox/src/controls/actions';
import { ORDER_STATUSES } from '../../sandbox/src/domain/orders';
import { call } from './support/http';
import { rawCall } from './support/raw';

// Names from a request never reach Object.prototype (`constructor` is not an action), and every
// timeout and delay is a whole number in a stated range: both answer a 4xx `{"error"}`, never a 500.

let sb: Sandbox;
const control = (method: string, path: string, body?: unknown) => call(sb.url, method, `/_sandbox${path}`, { body });
const settings = async () => (await control('GET', '/settings')).body;
beforeAll(async () => {
  sb = await startSandbox({ port: 0, seed: true });
});
afterAll(() => sb.close());

const PROTOTYPE_NAMES = [
  'constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf',
  'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupGetter__',
];

describe('names from requests are looked up as own properties only', () => {
  test.each(PROTOTYPE_NAMES)('"%s" as an action, event, variant, status, from, preset or delay key is refused', async (name) => {
    const refused = async (res: { status: number; body: { error?: unknown } }, status: number) => {
      expect(res.status).toBe(status);
      expect(typeof res.body.error).toBe('string');
    };
    const path = encodeURIComponent(name);
    await refused(await control('POST', `/actions/${path}`, {}), 404);
    await refused(await control('POST', `/events/${path}`, {}), 404);
    await refused(await control('POST', '/events/order.created', { variant: name }), 400);
    await refused(await control('POST', '/events/order.status_changed', { status: name }), 400);
    await refused(await control('POST', '/events/order.cancelled', { from: name }), 400);
    await refused(await call(sb.url, 'GET', `/api/v1/reports/sales?preset=${path}`, { key: sb.apiKey }), 400);
    // A JSON object whose own key is the name (JSON.parse makes "__proto__" an own key too).
    await refused(await call(sb.url, 'POST', '/_sandbox/settings', { rawBody: `{"delays": {"${name}": 5}}`, headers: { 'content-type': 'application/json' } }), 400);
    expect((await settings()).delays).toEqual({});
  });

  test('no order is left in a status that does not exist', async () => {
    const orders = (await call(sb.url, 'GET', '/api/v1/orders?limit=100', { key: sb.apiKey })).body.data as Array<{ status: string }>;
    for (const o of orders) expect(ORDER_STATUSES).toContain(o.status);
  });

  test('any other unknown action, event or variant name is a 4xx with an error string', async () => {
    const known = new Set([...Object.keys(actions), ...catalog.map((e) => e.name)]);
    const name = fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), fc.string({ minLength: 1, maxLength: 20 })).filter((n) => !known.has(n));
    await fc.assert(
      fc.asyncProperty(name, fc.constantFrom('action', 'event', 'variant'), async (n, where) => {
        const res =
          where === 'variant'
            ? await control('POST', '/events/invoice.paid', { variant: n })
            : await control('POST', `/${where === 'action' ? 'actions' : 'events'}/${encodeURIComponent(n)}`, {});
        expect([400, 404]).toContain(res.status);
        expect(typeof res.body.error).toBe('string');
      }),
      { numRuns: 150 },
    );
  });
});

describe('timeouts and delays are whole numbers in a stated range', () => {
  test.each([1.5, 5e9, 0, -1, '100', null])('deliveryTimeoutMs %p is refused with the range', async (value) => {
    const res = await control('POST', '/settings', { deliveryTimeoutMs: value });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('Validation failed. deliveryTimeoutMs: must be a whole number of milliseconds from 1 to 600000.');
  });

  test('the largest deliveryTimeoutMs is accepted; delays per event are checked the same way', async () => {
    expect((await control('POST', '/settings', { deliveryTimeoutMs: 600_000 })).body.deliveryTimeoutMs).toBe(600_000);
    for (const ms of [1.5, 5e9, -1]) {
      const res = await control('POST', '/settings', { delays: { 'order.created': ms } });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('Validation failed. delays: order.created must be a whole number of milliseconds from 0 to 600000.');
    }
    await control('POST', '/settings', { deliveryTimeoutMs: 10_000 });
  });

  test('a refused settings request changes nothing', async () => {
    const before = await settings();
    const res = await control('POST', '/settings', { deliveryTimeoutMs: 2000, storeSlug: 'other', delays: { 'order.created': 1.5 } });
    expect(res.status).toBe(400);
    expect(await settings()).toEqual(before);
  });

  test('rotation grace: fractions of a second are fine, beyond a year or not finite is refused', async () => {
    const hook = await call(sb.url, 'POST', '/api/v1/webhooks', { key: sb.apiKey, body: { url: 'http://127.0.0.1:9/g', events: ['order.created'] } });
    const id = hook.body.data.id;
    expect((await control('POST', `/webhooks/${id}/rotate-secret`, { graceSeconds: 0.25 })).status).toBe(200);
    for (const graceSeconds of [1e300, 31_536_001, -1, '60']) {
      const res = await control('POST', `/webhooks/${id}/rotate-secret`, { graceSeconds });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('Validation failed. graceSeconds: must be a number of seconds from 0 to 31536000.');
    }
    await call(sb.url, 'DELETE', `/api/v1/webhooks/${id}`, { key: sb.apiKey });
  });

  test('a timeout fault with the longest delay really holds the call (no timer overflow answering at once)', async () => {
    await control('POST', '/faults', { status: 'timeout', delayMs: 600_000 });
    const res = await rawCall(sb.url, 'GET', '/api/v1/orders', { key: sb.apiKey, timeoutMs: 400 });
    expect(res.status).toBeUndefined();
    expect(res.error).toBe('client timeout');
  });

  test('startSandbox refuses a deliveryTimeoutMs out of range', async () => {
    await expect(startSandbox({ port: 0, deliveryTimeoutMs: 1.5 })).rejects.toThrow('deliveryTimeoutMs must be a whole number of milliseconds from 1 to 600000.');
    await expect(startSandbox({ port: 0, deliveryTimeoutMs: 5e9 })).rejects.toThrow(RangeError);
  });
});
