// A provider's REST record as the item its webhook would have delivered, for polling and samples.
import type { RuntimeEvent, RuntimeList } from '../catalog';
import { contentDigestId } from '../inbound/event-id';
import { toTriggerItem } from '../inbound/normalize';
import type { Envelope, TriggerItem } from '../types';

type Record_ = Record<string, unknown>;

/** Whether a REST record belongs in this event's list (e.g. low-stock products). */
export function recordMatches(list: RuntimeList, record: Record_): boolean {
  if (!list.where) return true;
  const value = record[list.where.field];
  if (typeof value !== 'number') return false;
  if (list.where.gt !== undefined && !(value > list.where.gt)) return false;
  if (list.where.lte !== undefined && !(value <= list.where.lte)) return false;
  return true;
}

/** The envelope the provider would have sent for this record, as far as the record tells. */
export function recordToEnvelope(event: RuntimeEvent, record: Record_): Envelope {
  const list = event.list;
  if (!list) throw new Error(`${event.name} has no REST list to read records from.`);
  const data: Record_ = {};
  for (const key of list.keys) {
    const source = list.from[key] ?? key;
    if (Object.hasOwn(record, source)) data[key] = record[source];
    else if (Object.hasOwn(list.defaults, key)) data[key] = list.defaults[key];
  }
  const timestamp = String(record.updatedAt ?? record.createdAt ?? '');
  return { event: event.name, timestamp, data };
}

/**
 * A REST record as a trigger item of exactly the delivery's shape (Zapier's performList,
 * backfills). Its id is derived from the synthesized envelope, so it is stable across polls.
 */
export function recordToItem(event: RuntimeEvent, record: Record_): TriggerItem {
  const envelope = recordToEnvelope(event, record);
  return toTriggerItem(envelope, contentDigestId(JSON.stringify(envelope)), event);
}
