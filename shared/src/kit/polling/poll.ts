/**
 * Change detection for polling triggers, for any provider whose API lists records in cursor pages: a
 * poller that compares the REST lists with what it remembered catches up on whatever happened while
 * the host was down (and on what no webhook reports). How each event is found is data in the catalog (`list.poll`, see PollSpec); this
 * file only applies it. The state is a small JSON object the host keeps between polls (n8n's
 * workflow static data); it is replaced only when a poll succeeds, so a failed poll (429, network)
 * is simply repeated by the next one.
 */
import { readPages, type ApiRecord, type ListQuery, type PagedClient } from '../api/pages';
import type { PollSpec, RuntimeEvent } from '../catalog';
import { contentDigestId } from '../inbound/event-id';
import type { TriggerItem } from '../types';
import { recordMatches, recordToItem } from './records';

/** Records per list call (the most a cursor page holds in the APIs polled so far). */
export const POLL_PAGE_SIZE = 100;
/** Pages one poll reads at most; the rest is read by the next polls. */
export const DEFAULT_MAX_PAGES = 10;
/** Records remembered per poller (status or updatedAt per id): about 60 bytes each in the state. */
export const DEFAULT_MAX_REMEMBERED = 2000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** A point in a newest-first list: a createdAt and the ids already handled at exactly that time. */
interface Mark {
  at: string;
  ids: string[];
}

/** What a poller keeps between polls (JSON, bounded; see DEFAULT_MAX_REMEMBERED). */
export interface PollState {
  v: 1;
  event: string;
  /** `created`: the newest record handled. Others: newest createdAt / updatedAt of the last full pass. */
  mark?: Mark;
  /** A read the page cap cut short: where the next poll continues. */
  resume?: { cursor: string; query: ListQuery; floor?: Mark };
  /** Snapshot kinds: id → [remembered value, pass in which it was last seen]. */
  seen?: Record<string, [string, number]>;
  /** Snapshot kinds: the number of the current pass over the list. */
  pass?: number;
  /** Snapshot kinds: the first pass, which only remembers (emits nothing). */
  baselining?: boolean;
  /** Snapshot kinds: the newest time seen so far in the current pass (becomes `mark` at its end). */
  passMark?: string;
}

export interface PollOptions {
  maxPages?: number;
  /** Records per list call (default POLL_PAGE_SIZE; tests use small pages). */
  pageSize?: number;
  maxRemembered?: number;
  /** `changed` only: days back from now whose records are compared (default: the catalog's). */
  lookbackDays?: number;
  /** The current time (tests). */
  now?: () => Date;
}

/** Whose lists a poll reads: the provider's event catalog, and its name for messages. */
export interface PollSource {
  events: readonly RuntimeEvent[];
  provider: string;
}

export interface PollResult {
  /** New changes, oldest first, in the webhook trigger's item shape. */
  items: TriggerItem[];
  /** The state to keep for the next poll. */
  state: PollState;
  /** True on the first poll (or a restarted baseline): what exists now was remembered, not emitted. */
  baseline: boolean;
  /** Set when the page cap stopped this poll before the end: a plain sentence for the user. */
  capped?: string;
}

/** The poll spec of an event in the provider's catalog, or an error in the provider's name. */
export function pollableEvent(name: string, source: PollSource): RuntimeEvent & { list: NonNullable<RuntimeEvent['list']> & { poll: PollSpec } } {
  const event = source.events.find((e) => e.name === name);
  if (!event?.list?.poll) throw new Error(`${name} cannot be polled: ${source.provider}'s API has no list that shows it.`);
  return event as ReturnType<typeof pollableEvent>;
}

/** The events a polling trigger offers, in catalog order. */
export function pollableEvents(events: readonly RuntimeEvent[]): RuntimeEvent[] {
  return events.filter((event) => event.list?.poll);
}

const time = (iso: unknown): number => (typeof iso === 'string' ? Date.parse(iso) : Number.NaN);

/** Newer than the mark: a later createdAt, or the same one with an id not yet handled. */
function isAfter(record: ApiRecord, mark: Mark | undefined): boolean {
  if (!mark) return true;
  const at = time(record.createdAt);
  const markAt = time(mark.at);
  return at > markAt || (at === markAt && !mark.ids.includes(record.id));
}

function isBefore(record: ApiRecord, mark: Mark | undefined): boolean {
  return !!mark && time(record.createdAt) < time(mark.at);
}

/** The mark for a newest-first list's first record (with every id that shares its createdAt). */
function markOf(records: ApiRecord[]): Mark | undefined {
  const first = records[0];
  if (!first) return undefined;
  const at = String(first.createdAt);
  return { at, ids: records.filter((r) => r.createdAt === at).map((r) => r.id) };
}

/** One item per change: the id digests the event, the record and the change, so it never repeats. */
function itemFor(event: RuntimeEvent, record: ApiRecord, change: string): TriggerItem {
  return { ...recordToItem(event, record), id: contentDigestId(`${event.name}\n${record.id}\n${change}`) };
}

interface Read {
  records: ApiRecord[];
  /** Where to go on when the page budget ran out with more to read. */
  cursor?: string;
}

/** Reads newest-first pages from `cursor` until `stop` says so, the end, or the page budget. */
async function readList(
  client: PagedClient,
  path: string,
  query: ListQuery,
  budget: { pages: number; size: number },
  cursor: string | undefined,
  stop: (record: ApiRecord) => boolean = () => false,
): Promise<Read> {
  const records: ApiRecord[] = [];
  for (;;) {
    if (budget.pages <= 0) return { records, cursor };
    budget.pages -= 1;
    const page = await client.list(path, { ...query, limit: budget.size, ...(cursor ? { cursor } : {}) });
    for (const record of page.data) {
      if (stop(record)) return { records };
      records.push(record);
    }
    const next = page.pagination.nextCursor;
    if (!page.pagination.hasMore || !next) return { records };
    // A cursor that does not move would read the same page until the budget: an unusable answer.
    if (next === cursor) throw client.malformed();
    cursor = next;
  }
}

function cappedMessage(event: RuntimeEvent, maxPages: number): string {
  return `Read ${maxPages} ${maxPages === 1 ? 'page' : 'pages'} of ${event.list!.path.slice(1)} (the most one poll reads); the rest follows at the next poll.`;
}

/** New Order, New Customer: records newer than the newest one already handled. */
async function pollCreated(
  client: PagedClient,
  event: ReturnType<typeof pollableEvent>,
  spec: Extract<PollSpec, { detect: 'created' }>,
  state: PollState,
  maxPages: number,
  pageSize: number,
): Promise<PollResult> {
  const { path } = event.list;
  const budget = { pages: maxPages, size: pageSize };
  if (!state.mark) {
    // Baseline: the newest record only; everything older counts as already seen.
    const page = await client.list(path, { ...event.list.query, limit: pageSize });
    return { items: [], state: { v: 1, event: event.name, mark: markOf(page.data) ?? { at: '', ids: [] } }, baseline: true };
  }
  // Both reads are newest first; each is reversed so items come out oldest first.
  const found: ApiRecord[] = [];
  const next: PollState = { ...state };
  // First the older part a capped poll left behind, then what is new since.
  if (state.resume) {
    const { cursor, query, floor } = state.resume;
    const read = await readList(client, path, query, budget, cursor, (r) => isBefore(r, floor));
    found.push(...read.records.filter((r) => isAfter(r, floor)).reverse());
    next.resume = read.cursor ? { cursor: read.cursor, query, floor } : undefined;
  }
  if (!next.resume && budget.pages > 0) {
    const floor = state.mark.at ? state.mark : undefined;
    const query: ListQuery = { ...event.list.query, ...(spec.since && floor ? { [spec.since]: floor.at } : {}) };
    const read = await readList(client, path, query, budget, undefined, (r) => isBefore(r, floor));
    found.push(...read.records.filter((r) => isAfter(r, floor)).reverse());
    next.mark = markOf(read.records) ?? state.mark;
    if (read.cursor) next.resume = { cursor: read.cursor, query, ...(floor ? { floor } : {}) };
  }
  if (!next.resume) delete next.resume;
  const items = found.map((r) => itemFor(event, r, String(r.createdAt)));
  return { items, state: next, baseline: false, ...(next.resume ? { capped: cappedMessage(event, maxPages) } : {}) };
}

/** What a snapshot kind remembers of a record, and whether (and as what change) it is emitted. */
interface Verdict {
  remember?: string;
  emit?: { change: string; previous?: string };
}

function judge(
  event: ReturnType<typeof pollableEvent>,
  spec: Exclude<PollSpec, { detect: 'created' }>,
  record: ApiRecord,
  known: string | undefined,
  mark: Mark | undefined,
): Verdict {
  const updatedAt = String(record.updatedAt ?? '');
  // A record first seen after the previous full pass's newest time changed since it.
  const newSince = (at: unknown) => !!mark && time(at) > time(mark.at);
  switch (spec.detect) {
    case 'changed': {
      const value = String(record[spec.field]);
      const before = known ?? (newSince(record.createdAt) ? spec.initial : undefined);
      const remember = spec.final.includes(value) ? undefined : value;
      if (before === undefined || before === value) return { remember };
      return { remember, emit: { change: `${value}\n${updatedAt}`, previous: before } };
    }
    case 'updated': {
      const changed = known === undefined ? newSince(updatedAt) : time(updatedAt) > time(known);
      return { remember: updatedAt, ...(changed ? { emit: { change: updatedAt } } : {}) };
    }
    case 'entered': {
      // Only records inside the range are remembered (few): one not remembered was outside.
      if (!recordMatches(event.list, record)) return {};
      return { remember: 'in', ...(known === undefined && mark ? { emit: { change: updatedAt } } : {}) };
    }
  }
}

/** Order Status Changed, Product Updated, Product Low Stock: the list compared with what was remembered. */
async function pollSnapshot(
  client: PagedClient,
  event: ReturnType<typeof pollableEvent>,
  spec: Exclude<PollSpec, { detect: 'created' }>,
  state: PollState,
  options: Required<Pick<PollOptions, 'maxPages' | 'maxRemembered' | 'pageSize'>> & PollOptions,
): Promise<PollResult> {
  const baselining = state.seen === undefined || state.baselining === true;
  // Entries seen in the pass under way carry its number (1); a finished pass resets them all to 0.
  const pass = state.resume ? (state.pass ?? 1) : 1;
  const seen: Record<string, [string, number]> = { ...state.seen };
  let query: ListQuery;
  if (state.resume) query = state.resume.query;
  else {
    query = { ...event.list.query };
    if (spec.detect === 'changed') {
      const days = options.lookbackDays ?? spec.lookbackDays;
      query[spec.since] = new Date((options.now?.() ?? new Date()).getTime() - days * DAY_MS).toISOString();
    }
  }
  const read = await readList(client, event.list.path, query, { pages: options.maxPages, size: options.pageSize }, state.resume?.cursor);
  const timeKey = spec.detect === 'changed' ? 'createdAt' : 'updatedAt';
  let passMark = (state.resume && state.passMark) || '';
  const items: TriggerItem[] = [];
  for (const record of read.records) {
    const at = String(record[timeKey] ?? '');
    if (time(at) > time(passMark) || !passMark) passMark = at;
    const verdict = judge(event, spec, record, seen[record.id]?.[0], baselining ? undefined : state.mark);
    delete seen[record.id];
    if (verdict.remember !== undefined) seen[record.id] = [verdict.remember, pass];
    if (verdict.emit && !baselining) {
      const source = spec.detect === 'changed' ? { ...record, [spec.previous]: verdict.emit.previous ?? null } : record;
      items.push(itemFor(event, source as ApiRecord, verdict.emit.change));
    }
  }
  const next: PollState = { v: 1, event: event.name, seen, ...(state.mark ? { mark: state.mark } : {}) };
  if (read.cursor) {
    Object.assign(next, { resume: { cursor: read.cursor, query }, pass, passMark, ...(baselining ? { baselining: true } : {}) });
  } else {
    // The pass is complete: what it did not see has left the list (or the window) and is forgotten.
    for (const [id, [, lastPass]] of Object.entries(seen)) if (lastPass !== pass) delete seen[id];
    for (const [id, [value]] of Object.entries(seen)) seen[id] = [value, 0];
    next.pass = 0;
    // An empty list has no newest time: then "now" separates what existed from what is new.
    next.mark = { at: passMark || (options.now?.() ?? new Date()).toISOString(), ids: [] };
  }
  bound(seen, pass, options.maxRemembered);
  // The list is newest first; emit oldest first, as the webhooks would have arrived.
  items.reverse();
  return { items, state: next, baseline: baselining, ...(read.cursor ? { capped: cappedMessage(event, options.maxPages) } : {}) };
}

/**
 * Keeps at most `max` remembered records: those seen in the current pass first, in list order
 * (newest first), so the oldest records are forgotten. A forgotten record is judged like one never
 * seen (see `judge`): it is reported only when it changed after the previous full pass.
 */
function bound(seen: Record<string, [string, number]>, pass: number, max: number): void {
  const ids = Object.keys(seen);
  if (ids.length <= max) return;
  const current = ids.filter((id) => seen[id]![1] === pass);
  const older = ids.filter((id) => seen[id]![1] !== pass);
  for (const id of [...current, ...older].slice(max)) delete seen[id];
}

/**
 * One poll: reads what changed since `state` (undefined on the first poll, which sets the
 * baseline and emits nothing) and returns the items with the state to keep. Throws the client's
 * plain errors (a 429 carries the provider's retryAfter); the previous state then stays valid.
 */
export async function pollChanges(
  client: PagedClient,
  eventName: string,
  state: PollState | undefined,
  options: PollOptions & PollSource,
): Promise<PollResult> {
  const event = pollableEvent(eventName, options);
  const spec = event.list.poll;
  // A state kept for another event (the user switched it) is a fresh start.
  const current = state && state.v === 1 && state.event === event.name ? state : ({ v: 1, event: event.name } as PollState);
  const settings = {
    ...options,
    maxPages: Math.max(1, Math.floor(options.maxPages ?? DEFAULT_MAX_PAGES)),
    maxRemembered: Math.max(1, Math.floor(options.maxRemembered ?? DEFAULT_MAX_REMEMBERED)),
    pageSize: Math.min(POLL_PAGE_SIZE, Math.max(1, Math.floor(options.pageSize ?? POLL_PAGE_SIZE))),
  };
  if (spec.detect === 'created') return pollCreated(client, event, spec, current, settings.maxPages, settings.pageSize);
  return pollSnapshot(client, event, spec, current, settings);
}

/** A manual test run: the newest matching record as an item, so users can map its fields. */
export async function latestItem(client: PagedClient, eventName: string, source: PollSource & { maxPages?: number }): Promise<TriggerItem | undefined> {
  const event = pollableEvent(eventName, source);
  const { records } = await readPages(client, {
    path: event.list.path,
    query: { ...event.list.query },
    pageSize: POLL_PAGE_SIZE,
    wanted: 1,
    keep: (record) => recordMatches(event.list, record),
    maxPages: source.maxPages ?? DEFAULT_MAX_PAGES,
  }, source.provider);
  return records[0] && recordToItem(event, records[0]);
}
