import type { ApiRecord } from './client';
import { DistribuApiError, networkErrorFrom } from './errors';
import { setField } from './normalize';
import type { RuntimeEvent, TriggerItem } from './types';

// A record as the item its webhook would have delivered: the kit's, for every provider.
export { recordMatches, recordToEnvelope, recordToItem } from '../kit/polling/records';

type Record_ = Record<string, unknown>;

/**
 * Where "fetch full record" reads an item's resource (`GET <path>/<id>`), or undefined when the
 * event's resource has no REST record (returns, refunds, invoices) or the item carries no id.
 */
export function fullRecordRef(
  event: Pick<RuntimeEvent, 'idKey' | 'recordPath'>,
  item: TriggerItem,
): { path: string; id: string } | undefined {
  const id = event.idKey ? item[event.idKey] : undefined;
  return event.recordPath && typeof id === 'string' ? { path: event.recordPath, id } : undefined;
}

/**
 * "Fetch full record": fills the fields a thin payload lacks from the REST record.
 * What the delivery said wins; the record's `id` is already under the item's named key.
 */
export function withFullRecord(item: TriggerItem, record: Record_): TriggerItem {
  const merged: TriggerItem = { ...item };
  for (const [key, value] of Object.entries(record)) {
    if (key !== 'id' && !Object.hasOwn(merged, key)) setField(merged, key, value);
  }
  return merged;
}

/** What "Fetch Full Record" made of one item. */
export interface FullRecordOutcome {
  /** Always the delivered item: with the record merged in, or with `fullRecordError`. */
  item: TriggerItem;
  /** Distribu refused the API key (401): a host that can ask the user to reconnect may do so instead. */
  authFailed: boolean;
}

/**
 * "Fetch Full Record", the one policy of both connectors: a delivered event is never lost to a
 * failed read. The item comes out with the record merged in, or as delivered plus
 * `fullRecordError` (the shared plain-words message). `authFailed` marks a refused key, the one
 * failure a host may turn into "reconnect" (Zapier does; see docs/normalization.md).
 */
export async function fetchFullRecord(
  client: { get(path: string, id: string): Promise<ApiRecord> },
  event: Pick<RuntimeEvent, 'idKey' | 'recordPath'> | undefined,
  item: TriggerItem,
  options: { log?: (line: string) => void } = {},
): Promise<FullRecordOutcome> {
  const ref = event && fullRecordRef(event, item);
  if (!ref) return { item, authFailed: false };
  try {
    return { item: withFullRecord(item, await client.get(ref.path, ref.id)), authFailed: false };
  } catch (error) {
    const message = error instanceof DistribuApiError ? error.message : networkErrorFrom(error).message;
    options.log?.(`Could not fetch the full record of ${item.event} ${ref.id}: ${message}`);
    return { item: { ...item, fullRecordError: message }, authFailed: error instanceof DistribuApiError && error.status === 401 };
  }
}
