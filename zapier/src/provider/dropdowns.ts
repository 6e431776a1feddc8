// Hidden triggers that feed the record dropdowns (customers, products, orders…) of a provider's actions and
// searches, so no input asks anyone to type an ID. Each lists one page of the provider's records;
// Zapier's "Load more" asks for the next page by number (bundle.meta.page, from 0) and, because the
// trigger says `canPaginate`, gives every page of one dropdown the same cursor store (z.cursor).
// Lists page by cursor: each page stores the cursor of the next, so every page is read once.
// Where z.cursor cannot be reached (outside Zapier), page N follows the cursors from the first page.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { readPages, type ApiRecord, type RecordPicker, type RuntimeOperation } from '@distribu/shared/kit';
import { startStep } from '../time-budget';
import { nounOf } from './actions';
import { offeredOf } from './offered';
import { dropdownKey } from './input-fields';
import { recordRules, relatedNames } from './records';
import { inZapierWords } from './errors';
import { stepClient, type ActionHost, type StepClient } from './steps';

/** Records per dropdown page: the usual largest page (tests make it smaller to page through a few records; same code path). */
export const DROPDOWN_PAGE = { size: 100 };

/** What the dropdown shows: the picker's label fields that are set, e.g. `Acme Foods · buyer@acme.com`. */
export function choiceLabel(record: Record<string, unknown>, picker: RecordPicker): string {
  const parts = picker.labelKeys.map((key) => record[key]).filter((v) => typeof v === 'string' && v.trim() !== '');
  return [...new Set(parts as string[])].join(' · ') || String(record.id);
}

/** "Load more" stops offering records after this many pages (100 × 50 = 5,000 records). */
export const MAX_DROPDOWN_PAGES = 50;

/** What z.cursor keeps between the pages of one dropdown: the page to read next and its cursor (null: no more). */
interface Stored {
  page: number;
  cursor: string | null;
}

/** core's RPC calls (z.cursor) have no timeout of their own; a dropdown page has the step's budget. */
const CURSOR_CALL_MS = 3_000;

function within<T>(call: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('z.cursor timed out')), CURSOR_CALL_MS);
  });
  return Promise.race([call(), late]).finally(() => clearTimeout(timer));
}

async function storedCursor(z: ZObject, page: number): Promise<Stored | undefined> {
  try {
    const raw = await within(() => z.cursor.get());
    const stored = typeof raw === 'string' && raw ? (JSON.parse(raw) as Stored) : undefined;
    return stored && stored.page === page ? stored : undefined;
  } catch {
    return undefined; // no cursor store here (outside Zapier), or not this page's
  }
}

async function storeCursor(z: ZObject, stored: Stored): Promise<void> {
  try {
    await within(() => z.cursor.set(JSON.stringify(stored)));
  } catch {
    // No cursor store: the next page follows the cursors from the first.
  }
}

/** Page `page` of the list: with its stored cursor when there is one, else by following the cursors from the first page. */
async function readPage(host: ActionHost, z: ZObject, client: StepClient, picker: RecordPicker, page: number): Promise<{ records: ApiRecord[]; next: string | null }> {
  const size = DROPDOWN_PAGE.size;
  const stored = page === 0 ? { page: 0, cursor: null } : await storedCursor(z, page);
  if (stored && (page === 0 || stored.cursor)) {
    const { data, pagination } = await client.list(picker.path, { limit: size, ...(stored.cursor ? { cursor: stored.cursor } : {}) });
    return { records: data, next: pagination.hasMore ? pagination.nextCursor : null };
  }
  if (stored) return { records: [], next: null }; // the previous page was the last
  const { records } = await readPages(client, { path: picker.path, query: {}, pageSize: size, wanted: (page + 1) * size }, host.names.displayName);
  return { records: records.slice(page * size), next: null };
}

/** The choices' labels: the provider's own label for this kind (given the related record's name), else the picker's label keys. */
async function labelled(host: ActionHost, z: ZObject, client: StepClient, picker: RecordPicker, records: ApiRecord[]): Promise<Array<ApiRecord & { label: string }>> {
  const { related, choiceLabel: own } = recordRules(host, picker.resource);
  if (!own) return records.map((record) => ({ ...record, label: choiceLabel(record, picker) }));
  const names = related ? await relatedNames(z, client, related, records.map((r) => r[related.idKey])) : new Map<string, string>();
  return records.map((record) => ({ ...record, label: own(record, (related && names.get(String(record[related.idKey]))) ?? null) }));
}

async function listChoices(host: ActionHost, z: ZObject, bundle: Bundle, picker: RecordPicker): Promise<Array<ApiRecord & { label: string }>> {
  const page = Number(bundle.meta?.page ?? 0);
  if (!Number.isInteger(page) || page < 0 || page >= MAX_DROPDOWN_PAGES) return [];
  return inZapierWords(z, host, async () => {
    const client = stepClient(z, host, bundle);
    const { records, next } = await readPage(host, z, client, picker, page);
    await storeCursor(z, { page: page + 1, cursor: next });
    return labelled(host, z, client, picker, records);
  });
}

/** Every record kind some action or search input picks, with its picker. */
function pickers(ops: RuntimeOperation[]): RecordPicker[] {
  const found = new Map<string, RecordPicker>();
  const visit = (inputs: RuntimeOperation['inputs']) => {
    for (const input of inputs) {
      if (input.picker) found.set(input.picker.resource, input.picker);
      if (input.items) visit(input.items);
    }
  };
  for (const op of ops) visit(op.inputs);
  return [...found.values()];
}

/** A record of this kind from the catalog (a read operation's sample), with its dropdown label. */
function sampleOf(host: ActionHost, shown: RuntimeOperation[], picker: RecordPicker): Record<string, unknown> {
  const read = shown.find((op) => op.resource === picker.resource && (op.kind === 'get' || op.kind === 'getMany'));
  const record = read?.sample ?? { id: '' };
  const { related, choiceLabel: own } = recordRules(host, picker.resource);
  return { ...record, label: own ? own(record, related?.example ?? null) : choiceLabel(record, picker) };
}

function makeDropdownTrigger(host: ActionHost, shown: RuntimeOperation[], picker: RecordPicker) {
  const noun = nounOf(picker.resource);
  const key = dropdownKey(picker.resource);
  return {
    key,
    noun,
    display: {
      label: `List ${noun}s`,
      description: `Triggers when a dropdown needs ${picker.resource}s: lists them, newest first, ${DROPDOWN_PAGE.size} at a time.`,
      hidden: true,
    },
    operation: {
      type: 'polling' as const,
      canPaginate: true,
      perform: (z: ZObject, bundle: Bundle) => listChoices(host, z, startStep(bundle), picker),
      sample: sampleOf(host, shown, picker),
      outputFields: [
        { key: 'id', label: `${noun} ID`, type: 'string' as const, required: true },
        { key: 'label', label: 'Label', type: 'string' as const, required: true },
      ],
    },
  };
}

/** The hidden dropdown triggers of the provider's creates and searches, by key (`customer_list`). */
export function dropdownTriggersOf(host: ActionHost) {
  const { creates, searches } = offeredOf(host);
  const shown = [...creates, ...searches];
  return Object.fromEntries(pickers(shown).map((picker) => [dropdownKey(picker.resource), makeDropdownTrigger(host, shown, picker)]));
}
