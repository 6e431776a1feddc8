// performList (Zapier's test step and sample loading) against the sandbox's seeded data: items in
// exactly the delivery's shape, newest first, matching what the REST API holds; the catalog
// sample where Distribu has no REST resource or the account has no data.
import { events } from '@distribu/shared/runtime';
import { startSandbox, type Sandbox } from '../../sandbox/src';
import { appTester, trigger } from './support/app-tester';

let sb: Sandbox;
let empty: Sandbox;

async function rest(s: Sandbox, path: string) {
  const res = await fetch(`${s.url}/api/v1${path}`, { headers: { Authorization: `Bearer ${s.apiKey}` } });
  return (await res.json()) as any;
}

beforeAll(async () => {
  [sb, empty] = await Promise.all([startSandbox({ port: 0, seed: true }), startSandbox({ port: 0, seed: false })]);
});
afterAll(async () => {
  await Promise.all([sb?.close(), empty?.close()]);
});

const withList = events.filter((e) => e.list);
const withoutList = events.filter((e) => !e.list);

describe.each(withList.map((e) => [e.key, e] as const))('%s performList on seeded data', (key, event) => {
  test('REST records in the delivery shape, newest first', async () => {
    const op = trigger(key);
    const items = await appTester(op.performList, { authData: { apiKey: sb.apiKey, baseUrl: sb.url }, meta: { limit: 10 } });
    expect(items.length).toBeGreaterThan(0);
    expect(items).not.toContainEqual(op.sample); // real data, not the fallback
    const sampleKeys = new Set(Object.keys(op.sample));
    // A REST record does not say how it was created or changed (source, update type): items leave that out.
    const untold = new Set([event.discriminator?.key, 'source']);
    const required = op.outputFields.filter((f) => f.required && !untold.has(f.key)).map((f) => f.key);
    for (const item of items) {
      // no key the sample lacks (so none a thin delivery lacks), and every always-present field
      for (const k of Object.keys(item)) expect(sampleKeys.has(k)).toBe(true);
      for (const k of required) expect(item[k]).toBeDefined();
      expect(item.itemSource).toBe('record');
      expect(item.event).toBe(event.name);
      expect(item.id).toMatch(/^evt_[0-9a-f]{32}$/);
    }
    const times = items.map((i) => Date.parse(i.timestamp));
    expect(times.every((t) => Number.isFinite(t))).toBe(true);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    // the items are the account's records, filtered as the event says
    for (const item of items) {
      const record = (await rest(sb, `${event.recordPath}/${item[event.idKey!]}`)).data;
      expect(record.id).toBe(item[event.idKey!]);
      for (const [field, value] of Object.entries(event.list!.query)) expect(record[field]).toBe(value);
      if (event.list!.where) {
        const v = record[event.list!.where.field];
        expect(v).toBeGreaterThan(event.list!.where.gt!);
        expect(v).toBeLessThanOrEqual(event.list!.where.lte!);
      }
    }
    // ids are stable across polls
    const again = await appTester(op.performList, { authData: { apiKey: sb.apiKey, baseUrl: sb.url }, meta: { limit: 10 } });
    expect(again.map((i: any) => i.id)).toEqual(items.map((i: any) => i.id));
  });
});

test('order_status_changed performList honours the Status choice', async () => {
  const op = trigger('order_status_changed');
  const items = await appTester(op.performList, { authData: { apiKey: sb.apiKey, baseUrl: sb.url }, inputData: { status: ['DELIVERED'] } });
  expect(items.length).toBeGreaterThan(0);
  for (const item of items) expect(item.status).toBe('DELIVERED');
});

test('"Fetch Full Customer" in performList adds the REST fields, as perform would', async () => {
  const op = trigger('customer_created');
  const [item] = await appTester(op.performList, { authData: { apiKey: sb.apiKey, baseUrl: sb.url }, inputData: { fetchFullRecord: true } });
  const record = (await rest(sb, `/customers/${item.customerId}`)).data;
  expect(item).toHaveProperty('createdAt', record.createdAt);
  expect(item).not.toHaveProperty('id', record.id);
});

test.each(withoutList.map((e) => [e.key, e] as const))('%s: no REST resource, so performList gives the catalog sample', async (key, event) => {
  const items = await appTester(trigger(key).performList, { authData: { apiKey: sb.apiKey, baseUrl: sb.url } });
  expect(items).toEqual([{ ...event.sample, itemSource: 'sample' }]);
});

test.each(withList.map((e) => [e.key, e] as const))('%s: an account with no data gets the catalog sample', async (key, event) => {
  expect((await rest(empty, event.list!.path)).data).toEqual([]);
  const items = await appTester(trigger(key).performList, { authData: { apiKey: empty.apiKey, baseUrl: empty.url } });
  expect(items).toEqual([{ ...event.sample, itemSource: 'sample' }]);
});
