// Listing readiness (Zapier's checks T004/T006: a sample's keys must appear in every response):
// every documented payload variant of every event is really produced in the sandbox (storefront
// and API orders, basic and full status changes, details and activation product updates, API
// and storefront customers, returns by staff and by customers, customer updates with and without
// a status change, ...), delivered to a subscribed Zap and run through `perform`. The trigger's
// static sample and its test step (`performList`) may only carry keys that every one of those
// live items carries, unless the trigger's own options (Fetch Full, Update Type) add them.
import { events, type RuntimeEvent } from '@distribu/shared/runtime';
import { hookBundle } from '../../scripts/zapier/bundle';
import { appTester, trigger } from './support/app-tester';
import { fireAndCatch, liveSuite, subscribeZap } from './support/live';

const { live } = liveSuite();

/** Extra ways the same variant happens, beyond the producer's default. */
const EXTRA_OPTIONS: Record<string, Array<Record<string, unknown>>> = {
  'customer.updated': [{ change: 'details' }, { change: 'block' }],
  'order.status_changed': [{ status: 'SHIPPED' }, { status: 'DELIVERED' }, { status: 'CANCELLED' }],
  'order.cancelled': [{ from: 'SUBMITTED' }],
  'product.updated': [{ isActive: true }],
  'refund.processed': [{ method: 'MANUAL' }],
};

interface Fired {
  label: string;
  item: Record<string, unknown>;
  full: Record<string, unknown> | undefined;
}

const keysOf = (item: object) => Object.keys(item).sort();
const missingFrom = (item: object, keys: string[]) => keys.filter((k) => !Object.hasOwn(item, k));

/** Fires every variant (and extra case) of `event` at one Zap; each delivery through perform, plain and with Fetch Full. */
async function fireAll(event: RuntimeEvent): Promise<Fired[]> {
  const { path, subscribeData } = await subscribeZap(live(), `variants-${event.key}`, event.key);
  const op = trigger(event.key);
  const cases = [...event.variants.map((variant) => ({ variant })), ...(EXTRA_OPTIONS[event.name] ?? []).map((o) => ({ variant: event.variants[0]!, ...o }))];
  const fired: Fired[] = [];
  for (const { variant, ...options } of cases) {
    const before = live().catcher.at(path).length;
    await live().client.fire(event.name, { variant, ...options });
    const got = live().catcher.at(path);
    if (got.length <= before) throw new Error(`no ${event.name} ${variant} delivery reached the Zap`);
    const delivery = got[got.length - 1]!;
    const [item] = await appTester(op.perform, hookBundle(delivery, subscribeData, { authData: live().authData }));
    // The same delivery again is an exact replay (ignored), so Fetch Full runs under a second subscription id.
    const again = { ...subscribeData, id: `${subscribeData.id}-full` };
    const [full] = event.recordPath
      ? await appTester(op.perform, hookBundle(delivery, again, { authData: live().authData, inputData: { fetchFullRecord: true } }))
      : [undefined];
    if (!item) throw new Error(`perform returned nothing for ${event.name} ${variant}`);
    fired.push({ label: `${variant} ${JSON.stringify(options)}`, item, full });
  }
  await appTester(op.performUnsubscribe, { authData: live().authData, subscribeData }); // Distribu allows 10 webhooks
  return fired;
}

const fired = new Map<string, Fired[]>();
beforeAll(async () => {
  for (const event of events) fired.set(event.key, await fireAll(event));
}, 120_000);

describe.each(events.map((e) => [e.key, e] as const))('%s: every live variant', (key, event) => {
  test('was produced and delivered (variants really differ where the catalog says they do)', () => {
    const items = fired.get(key)!;
    expect(items.length).toBeGreaterThanOrEqual(event.variants.length);
    for (const { item } of items) expect(item).toMatchObject({ event: event.name, itemSource: 'delivery' });
    // Where the catalog's variants differ in keys, the live deliveries do too (each variant really happened).
    const catalogShapes = new Set(Object.values(event.variantKeys).map((keys) => [...keys].sort().join()));
    if (catalogShapes.size > 1) expect(new Set(items.map(({ item }) => keysOf(item).join())).size).toBeGreaterThan(1);
  });

  test('carries every key of the static sample', () => {
    const sampleKeys = Object.keys(trigger(key).sample);
    for (const { label, item } of fired.get(key)!) expect({ label, missing: missingFrom(item, sampleKeys) }).toEqual({ label, missing: [] });
  });

  test('carries every key of the test step (performList), and with Fetch Full every key of the Fetch Full test step', async () => {
    const op = trigger(key);
    const authData = live().authData;
    const listed = await appTester(op.performList, { authData, meta: { limit: 5 } });
    expect(listed.length).toBeGreaterThan(0);
    const listedKeys = [...new Set(listed.flatMap((i: object) => Object.keys(i)))];
    for (const { label, item } of fired.get(key)!) expect({ label, missing: missingFrom(item, listedKeys) }).toEqual({ label, missing: [] });
    if (!event.recordPath) return;
    const full = await appTester(op.performList, { authData, meta: { limit: 5 }, inputData: { fetchFullRecord: true } });
    const fullKeys = [...new Set(full.flatMap((i: object) => Object.keys(i)))];
    for (const { label, full: item } of fired.get(key)!) expect({ label, missing: missingFrom(item!, fullKeys) }).toEqual({ label, missing: [] });
  });
});

test('the gaps the issue found are closed: thin deliveries lack these keys, and so do sample and test step', async () => {
  const thin: Array<[string, string, string[]]> = [
    ['order_created', 'storefront', ['notes', 'createdAt', 'updatedAt', 'items']],
    ['order_status_changed', 'basic', ['poNumber', 'notes', 'createdAt', 'updatedAt', 'items']],
    ['product_updated', 'activation', ['price', 'stock', 'category']],
    ['customer_created', 'storefront', ['status']],
    ['return_created', 'customer', ['actor']],
  ];
  for (const [key, variant, keys] of thin) {
    const item = fired.get(key)!.find((f) => f.label.startsWith(`${variant} `))!.item;
    expect({ key, variant, present: keys.filter((k) => Object.hasOwn(item, k)) }).toEqual({ key, variant, present: [] });
    const listed = await appTester(trigger(key).performList, { authData: live().authData });
    for (const shown of [trigger(key).sample, ...listed]) expect({ key, shown: keys.filter((k) => Object.hasOwn(shown, k)) }).toEqual({ key, shown: [] });
  }
  const unchanged = fired.get('customer_updated')!.find((f) => f.label.includes('details'))!.item;
  expect(unchanged).not.toHaveProperty('previousStatus');
  expect(trigger('customer_updated').sample).not.toHaveProperty('previousStatus');
});

describe('Update Type narrows Updated Product, in live runs and in the test step', () => {
  test('"details" runs only for details updates, and its test step may show their price, stock and category', async () => {
    const op = trigger('product_updated');
    const details = fired.get('product_updated')!.filter(({ item }) => item.updateType === 'details').map((f) => f.item);
    const activations = fired.get('product_updated')!.filter(({ item }) => item.updateType === 'activation').map((f) => f.item);
    expect(details.length).toBeGreaterThan(0);
    expect(activations.length).toBeGreaterThan(0);
    const listed = await appTester(op.performList, { authData: live().authData, inputData: { updateType: 'details' } });
    const listedKeys = [...new Set(listed.flatMap((i: object) => Object.keys(i)))];
    expect(listedKeys).toEqual(expect.arrayContaining(['price', 'stock', 'category']));
    for (const item of details) expect(missingFrom(item, listedKeys)).toEqual([]);
    // and without the choice, the test step shows none of them
    const any = await appTester(op.performList, { authData: live().authData, inputData: { updateType: 'any' } });
    for (const item of any) for (const k of ['price', 'stock', 'category', 'updateType']) expect(item).not.toHaveProperty(k);
  });

  test('a delivery of the other update type is skipped', async () => {
    const { path, subscribeData } = await subscribeZap(live(), 'update-type', 'product_updated');
    const op = trigger('product_updated');
    const run = async (variant: string, updateType: string) =>
      appTester(op.perform, hookBundle(await fireAndCatch(live(), 'product.updated', path, variant), subscribeData, { authData: live().authData, inputData: { updateType } }));
    expect(await run('activation', 'details')).toEqual([]);
    expect(await run('details', 'activation')).toEqual([]);
    expect(await run('activation', 'activation')).toEqual([expect.objectContaining({ updateType: 'activation' })]);
    expect(await run('details', 'any')).toEqual([expect.objectContaining({ updateType: 'details' })]);
  });
});

test('test-step items built from REST records say so, and never claim how the record was created', async () => {
  for (const key of ['order_created', 'customer_created']) {
    const listed = await appTester(trigger(key).performList, { authData: live().authData });
    for (const item of listed) {
      expect(item.itemSource).toBe('record');
      expect(item).not.toHaveProperty('source');
    }
  }
  // Where Distribu has no REST records, the test step shows the sample and says so.
  expect(await appTester(trigger('return_created').performList, { authData: live().authData })).toEqual([trigger('return_created').sample]);
  expect(trigger('return_created').sample.itemSource).toBe('sample');
});
