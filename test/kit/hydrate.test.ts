// The kit's hydration: codes → the full record by a read operation named as data.
import { hydrate, hydrationParams, type TriggerItem } from '@distribu/shared/kit';

const item: TriggerItem = { id: 'e1', event: 'thing.made', timestamp: '', ThingCode: 'T-1', OwnerCode: 'O-9' };
const spec = { operation: 'thing.get', params: { owner: 'OwnerCode', thing: 'ThingCode' } };
class Missing extends Error {}
const notFound = { isNotFound: (e: unknown) => e instanceof Missing, describe: (e: unknown) => `Thing says: ${(e as Error).message}` };

test('reads the operation with parameters from the item and adds the record', async () => {
  const calls: unknown[] = [];
  const out = await hydrate(item, spec, async (op, params) => (calls.push([op, params]), { name: 'Thing' }), notFound);
  expect(calls).toEqual([['thing.get', { owner: 'O-9', thing: 'T-1' }]]);
  expect(out).toEqual({ ...item, record: { name: 'Thing' }, recordStatus: 'fetched' });
  expect(item).not.toHaveProperty('record');
});

test('no spec (a deletion): the item as it is, no read', async () => {
  const read = jest.fn();
  expect(await hydrate(item, null, read, notFound)).toBe(item);
  expect(read).not.toHaveBeenCalled();
});

test('not found: record null and says so; another failure keeps the item and says why in the provider words', async () => {
  expect(await hydrate(item, spec, async () => { throw new Missing(); }, notFound)).toEqual({ ...item, record: null, recordStatus: 'not-found' });
  expect(await hydrate(item, spec, async () => { throw new Error('boom'); }, notFound)).toEqual({ ...item, record: null, recordStatus: 'failed', recordError: 'Thing says: boom' });
});

test('a missing or empty code: no read, record null', async () => {
  const read = jest.fn();
  expect(await hydrate({ ...item, OwnerCode: '' }, spec, read, notFound)).toMatchObject({ record: null, recordStatus: 'no-code' });
  expect(hydrationParams({ ...item, OwnerCode: 7 }, spec)).toEqual({ owner: '7', thing: 'T-1' });
  expect(read).not.toHaveBeenCalled();
});
