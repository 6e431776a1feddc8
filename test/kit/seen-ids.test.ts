// The kit's persisted seen-id list: one run per event id, across a "restart" (the JSON round trip a
// host's storage makes), bounded, and robust to whatever the storage held before.
import { firstRun } from '@distribu/shared/kit';

test('an id runs once; the store survives a JSON round trip (a restart)', () => {
  const store = {};
  expect(firstRun(store, 'a')).toBe(true);
  expect(firstRun(store, 'a')).toBe(false);
  const restored = JSON.parse(JSON.stringify(store));
  expect(firstRun(restored, 'a')).toBe(false);
  expect(firstRun(restored, 'b')).toBe(true);
});

test('bounded: the oldest ids are forgotten first', () => {
  const store: { ids?: unknown } = {};
  for (let i = 0; i < 5; i += 1) firstRun(store, `e${i}`, 3);
  expect(store.ids).toEqual(['e2', 'e3', 'e4']);
  expect(firstRun(store, 'e4', 3)).toBe(false);
  expect(firstRun(store, 'e0', 3)).toBe(true);
});

test('junk in the store is dropped, not trusted', () => {
  const store: { ids?: unknown } = { ids: [1, null, 'x'] };
  expect(firstRun(store, 'x')).toBe(false);
  expect(firstRun({ ids: 'x' }, 'x')).toBe(true);
  expect(firstRun(store, 'y', Number.NaN)).toBe(true);
});
