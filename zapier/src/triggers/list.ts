import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  recordMatches,
  recordToItem,
  withFullRecord,
  type ApiRecord,
  type RuntimeEvent,
  type TriggerItem,
} from '@distribu/shared/runtime';
import { withRunErrors } from '../errors';
import { distribuClient } from '../transport';
import { FETCH_FULL_RECORD, STATUS_FILTER, chosenStatuses, isOn, passesStatusFilter } from './input-fields';
import { withItemSource } from './item-source';
import { recordItemFor, testStepKeys } from './test-step';

const DEFAULT_LIMIT = 10;
const PAGE_SIZE = 100;
/** Pages read at most when a filter (e.g. low stock) may skip most records: bounds the test step's time. */
const MAX_PAGES = 5;

function wantedCount(bundle: Bundle): number {
  const limit = Number(bundle.meta?.limit);
  return Number.isFinite(limit) && limit > 0 ? Math.min(limit, PAGE_SIZE) : DEFAULT_LIMIT;
}

/**
 * Recent records as items `perform` could emit (Zapier's test step and sample loading call only
 * this), with only the keys every live delivery carries (test-step.ts) plus, with "Fetch Full",
 * the record's own fields, as a live run would add them. Where Distribu has no REST resource
 * (returns, refunds, billing) or the account has no matching data, the catalog sample stands in.
 * Newest first; each item's Item Source says `record` or `sample`.
 */
export async function listRecent(z: ZObject, bundle: Bundle, event: RuntimeEvent): Promise<TriggerItem[]> {
  const list = event.list;
  const sample = [withItemSource(event.sample, 'sample')];
  if (!list) return sample;
  const client = distribuClient(z, bundle);
  const wanted = wantedCount(bundle);
  // A filter may skip most records, so read more pages to find enough.
  const needsScan = Boolean(list.where) || chosenStatuses(bundle.inputData?.[STATUS_FILTER]).length > 0;
  const records: ApiRecord[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < (needsScan ? MAX_PAGES : 1); page += 1) {
    const result = await withRunErrors(z, () =>
      client.list(list.path, { ...list.query, limit: needsScan ? PAGE_SIZE : wanted, cursor }),
    );
    records.push(...result.data.filter((r) => recordMatches(list, r)));
    cursor = result.pagination.nextCursor ?? undefined;
    if (!result.pagination.hasMore || !cursor || records.length >= wanted) break;
  }
  const full = isOn(bundle.inputData?.[FETCH_FULL_RECORD]);
  const keys = testStepKeys(event, bundle.inputData);
  const items = records
    .map((record) => {
      const item = recordItemFor(event, recordToItem(event, record), keys);
      return withItemSource(full ? withFullRecord(item, record) : item, 'record');
    })
    .filter((item) => passesStatusFilter(item, bundle.inputData))
    .sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp))
    .slice(0, wanted);
  return items.length ? items : sample;
}
