import type { TriggerItem } from '@distribu/shared/runtime';

/**
 * Where a Zapier item comes from, on every item so that a test step's keys stay within a live
 * run's keys: `delivery` (a verified webhook: a live run), `record` (the test step built it from
 * one of the account's Distribu records) or `sample` (the test step found nothing to read and
 * shows example data, not the account's). Users see it as "Item Source" and can filter on it.
 */
export const ITEM_SOURCE = 'itemSource';
export type ItemSource = 'delivery' | 'record' | 'sample';

export const itemSourceField = {
  key: ITEM_SOURCE,
  label: 'Item Source (delivery, record or sample)',
  type: 'string' as const,
  required: true,
};

/** The item with its source; a payload field of the same name (none is documented) is kept as sent. */
export function withItemSource(item: TriggerItem, source: ItemSource): TriggerItem {
  return Object.hasOwn(item, ITEM_SOURCE) ? item : { ...item, [ITEM_SOURCE]: source };
}
