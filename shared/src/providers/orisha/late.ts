// Late deliveries for Orisha Commerce. Orisha sends no event time and promises no delivery order, but its
// records carry `ModifiedAt`, and Fetch Full Record reads the record on arrival. A delivery is late when the
// record it names (by its codes) was already emitted by this trigger at the same or a newer `ModifiedAt`: a
// `*.created` arriving after its `*.updated` is, a genuine later update is not. Zod-free: it runs in the hosts.
import type { TriggerItem } from '../../kit/types';
import { orishaEvent } from './events';

/** What the host persists (n8n's workflow static data): the newest `ModifiedAt` emitted per record, least recently emitted first. */
export interface RecordVersions {
  records?: unknown;
}

export const DEFAULT_RECORD_VERSIONS = 1_000;

export type LateVerdict = { late: false } | { late: true; reason: string };

interface Entry {
  key: string;
  modifiedAt: string;
  /** The event that emitted it: that event delivered again (a retry of a delivery that did not run) is not late. */
  eventId?: string;
}

/** One record by its event's resource and codes; undefined when the event is unknown or a code is missing. */
export function recordKeyOf(item: TriggerItem): string | undefined {
  const spec = orishaEvent(item.event);
  if (!spec) return undefined;
  const codes = spec.codes.map((code) => item[code]);
  if (!codes.every((code): code is string => typeof code === 'string' && code !== '')) return undefined;
  // JSON keeps codes apart whatever characters they hold.
  return JSON.stringify([spec.resource, ...codes]);
}

/** The fetched record's `ModifiedAt` when it is a readable time; undefined for a deletion, a 404, a failed read or no field. */
function modifiedAtOf(item: TriggerItem): { text: string; ms: number } | undefined {
  if (item.recordStatus !== 'fetched') return undefined;
  const record = item.record as Record<string, unknown> | null | undefined;
  const text = record && typeof record === 'object' ? record.ModifiedAt : undefined;
  if (typeof text !== 'string') return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : { text, ms };
}

function entriesOf(store: RecordVersions): Entry[] {
  if (!Array.isArray(store.records)) return [];
  return (store.records as unknown[]).filter(
    (e): e is Entry => !!e && typeof e === 'object' && typeof (e as Entry).key === 'string' && typeof (e as Entry).modifiedAt === 'string',
  );
}

const nameOf = (key: string) => {
  const [resource, ...codes] = JSON.parse(key) as string[];
  return `${resource} ${codes.join('/')}`;
};

/**
 * Judges one hydrated item and, when it is not late and has a version, remembers that version (bounded: the
 * record emitted longest ago is forgotten first). Items without a readable `ModifiedAt` (deletions, records gone,
 * failed reads, Fetch Full Record off) are never late and change nothing.
 */
export function judgeLateOrisha(store: RecordVersions, item: TriggerItem, max: number = DEFAULT_RECORD_VERSIONS): LateVerdict {
  const key = recordKeyOf(item);
  const version = modifiedAtOf(item);
  if (!key || !version) return { late: false };
  const entries = entriesOf(store);
  const index = entries.findIndex((e) => e.key === key);
  const seen = index >= 0 ? entries[index]! : undefined;
  const seenMs = seen ? Date.parse(seen.modifiedAt) : Number.NaN;
  if (seen && seen.eventId !== item.id && !Number.isNaN(seenMs) && seenMs >= version.ms) {
    return {
      late: true,
      reason: `${item.event} arrived after this trigger had already emitted ${nameOf(key)} as modified at ${seen.modifiedAt} (the record read now is modified at ${version.text})`,
    };
  }
  if (index >= 0) entries.splice(index, 1);
  entries.push({ key, modifiedAt: version.text, eventId: item.id });
  const limit = Number.isInteger(max) && max >= 1 ? max : DEFAULT_RECORD_VERSIONS;
  store.records = entries.length > limit ? entries.slice(entries.length - limit) : entries;
  return { late: false };
}

/** The trigger option's description, in Orisha's terms. */
export const ORISHA_LATE_DESCRIPTION =
  'Orisha Commerce sends no event time and may deliver late. A delivery is late when the record it names (by its codes) was already emitted by this trigger with the same or a newer ModifiedAt, e.g. a creation arriving after its update. ' +
  `Needs Fetch Full Record (ModifiedAt comes from the record): with it off, nothing is marked or dropped. Deletions are never late. Remembered in the workflow's static data, also across restarts, for the ${DEFAULT_RECORD_VERSIONS.toLocaleString('en-US')} records emitted most recently.`;
