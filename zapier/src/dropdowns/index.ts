// Hidden triggers that feed the record dropdowns (customers, products, orders) of the actions and
// searches, so no input asks anyone to type an ID. Each lists one page of Distribu's records;
// Zapier's "Load more" asks for the next page by number (bundle.meta.page, from 0) and, because the
// trigger says `canPaginate`, gives every page of one dropdown the same cursor store (z.cursor).
// Distribu pages by cursor: each page stores the cursor of the next, so every page is read once.
// Where z.cursor cannot be reached (outside Zapier), page N follows the cursors from the first page.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { readPages, type ApiRecord, type DistribuClient, type RecordPicker, type RuntimeOperation } from '@distribu/shared/runtime';
import { withRunErrors } from '../errors';
import { customerNames } from '../operations/outputs';
import { nounOf, zapierCreates, zapierSearches } from '../operations/zapier-operations';
import { distribuClient } from '../transport';
import { dropdownKey } from './keys';
import { startStep } from '../time-budget';

/** Records per dropdown page: Distribu's largest page (tests make it smaller to page through a few records; same code path). */
export const DROPDOWN_PAGE = { size: 100 };

/** What the dropdown shows: the picker's label fields that are set, e.g. `Acme Foods · buyer@acme.com`. */
export function choiceLabel(record: Record<string, unknown>, picker: RecordPicker): string {
  const parts = picker.labelKeys.map((key) => record[key]).filter((v) => typeof v === 'string' && v.trim() !== '');
  return [...new Set(parts as string[])].join(' · ') || String(record.id);
}

/**
 * An order as a person knows it: its PO number, its customer and its date, e.g.
 * `PO-12345 · Acme Restaurant Group · 2026-04-16`; without a PO number and a customer, its date and total.
 */
export function orderLabel(order: Record<string, unknown>, customerName: string | null): string {
  const date = typeof order.createdAt === 'string' ? order.createdAt.slice(0, 10) : '';
  const po = typeof order.poNumber === 'string' && order.poNumber.trim() ? order.poNumber.trim() : '';
  if (!po && !customerName) return `Order of ${date || 'unknown date'}, total ${String(order.total ?? '?')}`;
  return [po, customerName, date].filter(Boolean).join(' · ');
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
async function readPage(z: ZObject, client: DistribuClient, picker: RecordPicker, page: number): Promise<{ records: ApiRecord[]; next: string | null }> {
  const size = DROPDOWN_PAGE.size;
  const stored = page === 0 ? { page: 0, cursor: null } : await storedCursor(z, page);
  if (stored && (page === 0 || stored.cursor)) {
    const { data, pagination } = await client.list(picker.path, { limit: size, ...(stored.cursor ? { cursor: stored.cursor } : {}) });
    return { records: data, next: pagination.hasMore ? pagination.nextCursor : null };
  }
  if (stored) return { records: [], next: null }; // the previous page was the last
  const { records } = await readPages(client, { path: picker.path, query: {}, pageSize: size, wanted: (page + 1) * size });
  return { records: records.slice(page * size), next: null };
}

async function listChoices(z: ZObject, bundle: Bundle, picker: RecordPicker): Promise<Array<ApiRecord & { label: string }>> {
  const page = Number(bundle.meta?.page ?? 0);
  if (!Number.isInteger(page) || page < 0 || page >= MAX_DROPDOWN_PAGES) return [];
  return withRunErrors(z, async () => {
    const client = distribuClient(z, bundle);
    const { records, next } = await readPage(z, client, picker, page);
    await storeCursor(z, { page: page + 1, cursor: next });
    if (picker.resource !== 'order') return records.map((record) => ({ ...record, label: choiceLabel(record, picker) }));
    const names = await customerNames(z, client, records.map((r) => r.customerId));
    return records.map((record) => ({ ...record, label: orderLabel(record, names.get(String(record.customerId)) ?? null) }));
  });
}

const operationsShown = [...zapierCreates, ...zapierSearches];

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
function sampleOf(picker: RecordPicker): Record<string, unknown> {
  const read = operationsShown.find((op) => op.resource === picker.resource && (op.kind === 'get' || op.kind === 'getMany'));
  const record = read?.sample ?? { id: 'clx9jz1aa0000qz8r4h5kd2wm' };
  return { ...record, label: picker.resource === 'order' ? orderLabel(record, 'Acme Restaurant Group') : choiceLabel(record, picker) };
}

export function makeDropdownTrigger(picker: RecordPicker) {
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
      perform: (z: ZObject, bundle: Bundle) => listChoices(z, startStep(bundle), picker),
      sample: sampleOf(picker),
      outputFields: [
        { key: 'id', label: `${noun} ID`, type: 'string' as const, required: true },
        { key: 'label', label: 'Label', type: 'string' as const, required: true },
      ],
    },
  };
}

export const dropdownTriggers = Object.fromEntries(pickers(operationsShown).map((picker) => [dropdownKey(picker.resource), makeDropdownTrigger(picker)]));
