// Orisha's late-delivery rule (shared/src/providers/orisha/late.ts): a delivery is late when its record was already
// emitted at the same or a newer ModifiedAt; deletions, records gone and items without a readable ModifiedAt are
// never late and change nothing; the memory is bounded and survives a JSON round trip (n8n's static data).
import { DEFAULT_RECORD_VERSIONS, judgeLateOrisha, ORISHA_LATE_DESCRIPTION, recordKeyOf, type RecordVersions } from '../../../shared/src/providers/orisha';
import type { TriggerItem } from '../../../shared/src/kit';

let n = 0;
const fetched = (event: string, codes: Record<string, string>, ModifiedAt: unknown): TriggerItem => ({
  id: `e-${++n}`, event, timestamp: '', ...codes, recordStatus: 'fetched', record: { ...codes, ModifiedAt },
});
const C2 = { CustomerCode: 'C2' };
const T1 = '2026-12-07T10:00:00.000Z';
const T2 = '2026-12-07T10:00:05.000Z';

test('a creation arriving after its update (both read on arrival, same ModifiedAt) is late; the update was not', () => {
  const store: RecordVersions = {};
  expect(judgeLateOrisha(store, fetched('customer.updated', C2, T2))).toEqual({ late: false });
  const late = judgeLateOrisha(store, fetched('customer.created', C2, T2));
  expect(late).toEqual({
    late: true,
    reason: `customer.created arrived after this trigger had already emitted customer C2 as modified at ${T2} (the record read now is modified at ${T2})`,
  });
});

test('a record read older than the one emitted is late; a genuine later update is not, and becomes the new mark', () => {
  const store: RecordVersions = {};
  expect(judgeLateOrisha(store, fetched('customer.updated', C2, T2)).late).toBe(false);
  expect(judgeLateOrisha(store, fetched('customer.updated', C2, T1)).late).toBe(true);
  const T3 = '2026-12-07T10:00:09.000Z';
  const newest = fetched('customer.updated', C2, T3);
  expect(judgeLateOrisha(store, newest).late).toBe(false);
  expect(judgeLateOrisha(store, fetched('customer.updated', C2, T2)).late).toBe(true);
  expect(store.records).toEqual([{ key: recordKeyOf(newest), modifiedAt: T3, eventId: newest.id }]);
});

test('the same event delivered again (a retry of a delivery n8n did not run) is not late against itself; another event is', () => {
  const store: RecordVersions = {};
  const update = fetched('customer.updated', C2, T2);
  expect(judgeLateOrisha(store, update).late).toBe(false);
  expect(judgeLateOrisha(store, { ...update }).late).toBe(false);
  expect(judgeLateOrisha(store, fetched('customer.updated', C2, T2)).late).toBe(true);
});

test('records are told apart by resource and every code: another customer, an item with the same code, another address', () => {
  const store: RecordVersions = {};
  expect(judgeLateOrisha(store, fetched('customer.updated', C2, T2)).late).toBe(false);
  expect(judgeLateOrisha(store, fetched('customer.created', { CustomerCode: 'C3' }, T1)).late).toBe(false);
  expect(judgeLateOrisha(store, fetched('item.created', { ItemCode: 'C2' }, T1)).late).toBe(false);
  expect(judgeLateOrisha(store, fetched('customer.address.updated', { CustomerCode: 'C2', AddressCode: 'A1' }, T2)).late).toBe(false);
  expect(judgeLateOrisha(store, fetched('customer.address.created', { CustomerCode: 'C2', AddressCode: 'A2' }, T1)).late).toBe(false);
  expect(judgeLateOrisha(store, fetched('customer.address.created', { CustomerCode: 'C2', AddressCode: 'A1' }, T1)).late).toBe(true);
  // Codes that hold the separator do not collide.
  expect(recordKeyOf(fetched('customer.address.created', { CustomerCode: 'C2/A', AddressCode: 'B' }, T1))).not.toBe(
    recordKeyOf(fetched('customer.address.created', { CustomerCode: 'C2', AddressCode: 'A/B' }, T1)),
  );
});

test('deletions and records gone keep their codes and are never late; they change nothing', () => {
  const store: RecordVersions = {};
  expect(judgeLateOrisha(store, fetched('customer.updated', C2, T2)).late).toBe(false);
  const before = JSON.stringify(store);
  const deleted: TriggerItem = { id: 'd-1', event: 'customer.deleted', timestamp: '', CustomerCode: 'C2' };
  expect(judgeLateOrisha(store, deleted)).toEqual({ late: false });
  const gone: TriggerItem = { id: 'd-2', event: 'customer.created', timestamp: '', CustomerCode: 'C2', recordStatus: 'not-found' };
  expect(judgeLateOrisha(store, gone)).toEqual({ late: false });
  const failed: TriggerItem = { id: 'd-3', event: 'customer.updated', timestamp: '', CustomerCode: 'C2', recordStatus: 'failed', recordError: 'Get customer C2 failed' };
  expect(judgeLateOrisha(store, failed)).toEqual({ late: false });
  expect(JSON.stringify(store)).toBe(before);
});

test('no readable ModifiedAt (missing, not a time, Fetch Full Record off) is never late and changes nothing', () => {
  const store: RecordVersions = {};
  expect(judgeLateOrisha(store, fetched('customer.updated', C2, T2)).late).toBe(false);
  const before = JSON.stringify(store);
  expect(judgeLateOrisha(store, fetched('customer.created', C2, undefined))).toEqual({ late: false });
  expect(judgeLateOrisha(store, fetched('customer.created', C2, 'yesterday'))).toEqual({ late: false });
  expect(judgeLateOrisha(store, fetched('customer.created', C2, 12))).toEqual({ late: false });
  expect(judgeLateOrisha(store, { id: 'thin', event: 'customer.created', timestamp: '', CustomerCode: 'C2' })).toEqual({ late: false });
  expect(judgeLateOrisha(store, fetched('no.such.event', C2, T1))).toEqual({ late: false });
  expect(JSON.stringify(store)).toBe(before);
});

test('bounded: the record emitted longest ago is forgotten first; emitting one again makes it the newest', () => {
  const store: RecordVersions = {};
  for (const code of ['A', 'B', 'C']) judgeLateOrisha(store, fetched('item.created', { ItemCode: code }, T2), 3);
  // A again, newer: A moves to the end, so D pushes out B.
  expect(judgeLateOrisha(store, fetched('item.created', { ItemCode: 'A' }, '2026-12-07T11:00:00.000Z'), 3).late).toBe(false);
  judgeLateOrisha(store, fetched('item.created', { ItemCode: 'D' }, T2), 3);
  const keys = (store.records as Array<{ key: string }>).map((e) => JSON.parse(e.key)[1]);
  expect(keys).toEqual(['C', 'A', 'D']);
  // B is forgotten: its old version is not late any more; C still is.
  expect(judgeLateOrisha(store, fetched('item.created', { ItemCode: 'C' }, T1), 3).late).toBe(true);
  expect(judgeLateOrisha(store, fetched('item.created', { ItemCode: 'B' }, T1), 3).late).toBe(false);
  expect(store.records).toHaveLength(3);
});

test('the default bound holds, the store survives a JSON round trip, and a damaged store starts afresh', () => {
  const store: RecordVersions = {};
  for (let i = 0; i < DEFAULT_RECORD_VERSIONS + 5; i++) judgeLateOrisha(store, fetched('item.created', { ItemCode: `I${i}` }, T2));
  expect(store.records).toHaveLength(DEFAULT_RECORD_VERSIONS);
  const restored = JSON.parse(JSON.stringify(store)) as RecordVersions;
  expect(judgeLateOrisha(restored, fetched('item.created', { ItemCode: `I${DEFAULT_RECORD_VERSIONS + 4}` }, T2)).late).toBe(true);
  expect(judgeLateOrisha(restored, fetched('item.created', { ItemCode: 'I0' }, T1)).late).toBe(false);
  const damaged: RecordVersions = { records: 'oops' };
  expect(judgeLateOrisha(damaged, fetched('item.created', { ItemCode: 'X' }, T1)).late).toBe(false);
  expect(damaged.records).toHaveLength(1);
});

test('the option description says what late means, that it needs Fetch Full Record, and how much it remembers', () => {
  expect(ORISHA_LATE_DESCRIPTION).toContain('same or a newer ModifiedAt');
  expect(ORISHA_LATE_DESCRIPTION).toContain('Needs Fetch Full Record');
  expect(ORISHA_LATE_DESCRIPTION).toContain('1,000 records');
});
