import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  recordMatches,
  recordToItem,
  withFullRecord,
  type ApiRecord,
  type RuntimeEvent,
  type TriggerItem,
} from '@distribu/shared/runtime';
import { withZapierErrors } from '../errors';
import { distribuClient } from '../transport';
import { FETCH_FULL_RECORD, STATUS_FILTER, chosenStatuses, isOn, passesStatusFilter } from './input-fields';

const DEFAULT_LIMIT = 10;
const PAGE_SIZE = 100;
/** Pages read at most when a filter (e.g. low stock) may skip most records: bounds the test step's time. */
const MAX_PAGES = 5;

function wantedCount(bundle: Bundle): number {
  const limit = Number(bundle.meta?.limit);
  return Number.isFinite(limit) && limit > 0 ? Math.min(limit, PAGE_SIZE) : DEFAULT_LIMIT;
}

/**
 * Recent records in exactly the shape `perform` emits (Zapier's test step and sample loading
 * call only this). Where Distribu has no REST resource (returns, refunds, billing) or the
 * account has no matching data, the catalog sample stands in. Newest first.
 */
export async function listRecent(z: ZObject, bundle: Bundle, event: RuntimeEvent): Promise<TriggerItem[]> {
  const list = event.list;
  if (!list) return [event.sample];
  const client = distribuClient(z, bundle);
  const wanted = wantedCount(bundle);
  // A filter may skip most records, so read more pages to find enough.
  const needsScan = Boolean(list.where) || chosenStatuses(bundle.inputData?.[STATUS_FILTER]).length > 0;
  const records: ApiRecord[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < (needsScan ? MAX_PAGES : 1); page += 1) {
    const result = await withZapierErrors(z, () =>
      client.list(list.path, { ...list.query, limit: needsScan ? PAGE_SIZE : wanted, cursor }),
    );
    records.push(...result.data.filter((r) => recordMatches(list, r)));
    cursor = result.pagination.nextCursor ?? undefined;
    if (!result.pagination.hasMore || !cursor || records.length >= wanted) break;
  }
  const full = isOn(bundle.inputData?.[FETCH_FULL_RECORD]);
  const items = records
    .map((record) => (full ? withFullRecord(recordToItem(event, record), record) : recordToItem(event, record)))
    .filter((item) => passesStatusFilter(item, bundle.inputData))
    .sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp))
    .slice(0, wanted);
  return items.length ? items : [event.sample];
}
