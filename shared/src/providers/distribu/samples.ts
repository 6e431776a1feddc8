// Distribu's recent records as trigger items (a Zapier trigger's test step: the host's `samples`), with only the keys
// every live delivery carries plus, with Fetch Full, the record's own fields, as a live run would add them.
import type { SampleOptions } from '../../kit/host';
import type { ApiRecord, DistribuClient } from '../../runtime/client';
import { recordMatches, recordToItem, withFullRecord } from '../../runtime/records';
import { operations } from '../../runtime/operations';
import type { RuntimeEvent, TriggerItem } from '../../runtime/types';

const PAGE_SIZE = 100;
/** Pages read at most when a filter (e.g. low stock) may skip most records: bounds the test step's time. */
const MAX_PAGES = 5;

/**
 * The keys a test-step item may carry: Zapier requires that every key of a sample or test item
 * appears in every live item of the trigger. Those are the keys every variant's deliveries carry,
 * or, when the user narrowed the trigger to one variant ("Update Type", "Source"), that variant's.
 */
export function testStepKeys(event: RuntimeEvent, variant: string | undefined): Set<string> {
  if (variant) return new Set(event.variantKeys[variant] ?? []);
  const lists = Object.values(event.variantKeys);
  return new Set(lists[0]?.filter((key) => lists.every((keys) => keys.includes(key))) ?? []);
}

/**
 * A REST record's item cut to `keys`; a field of the record (as the operation catalog documents it)
 * that Distribu left out, as it may leave out an empty one, is null, as a delivery sends it. The variant marker (`source`,
 * `updateType`) is left out: a record does not say how it was created or changed, so it cannot claim one.
 */
export function recordItemFor(event: RuntimeEvent, item: TriggerItem, keys: Set<string>): TriggerItem {
  const marker = event.discriminator?.key;
  const out = Object.fromEntries(Object.entries(item).filter(([key]) => keys.has(key) && key !== marker)) as TriggerItem;
  const documented = recordFields(event.resource);
  for (const key of keys) {
    const source = event.list?.from[key] ?? key;
    if (key !== marker && !(key in out) && event.list?.keys.includes(key) && documented.has(source)) out[key] = null;
  }
  return out;
}

/** The top-level fields of a REST record of this kind, as the operation catalog's read documents them. */
function recordFields(resource: string): Set<string> {
  const read = operations.find((op) => op.resource === resource && op.kind === 'get');
  return new Set((read?.outputFields ?? []).map((f) => f.key).filter((key) => !key.includes('.') && !key.includes('[]')));
}

/**
 * Up to `limit` recent records of the event's REST list as items (more pages, up to MAX_PAGES, when a filter may skip
 * most of them); none where Distribu has no REST resource for the event (returns, refunds, billing), without making
 * the client (so without touching the connection).
 */
export async function distribuSamples(client: () => DistribuClient, event: RuntimeEvent | undefined, limit: number, options: SampleOptions = {}): Promise<TriggerItem[]> {
  const list = event?.list;
  if (!event || !list) return [];
  const api = client();
  const scan = Boolean(list.where) || options.filtered === true;
  const records: ApiRecord[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < (scan ? MAX_PAGES : 1); page += 1) {
    const result = await api.list(list.path, { ...list.query, limit: scan ? PAGE_SIZE : limit, cursor });
    records.push(...result.data.filter((r) => recordMatches(list, r)));
    cursor = result.pagination.nextCursor ?? undefined;
    if (!result.pagination.hasMore || !cursor || records.length >= limit) break;
  }
  const keys = testStepKeys(event, options.variant);
  return records.map((record) => {
    const item = recordItemFor(event, recordToItem(event, record), keys);
    return options.fullRecord ? withFullRecord(item, record) : item;
  });
}
