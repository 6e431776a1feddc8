// Hidden triggers that feed the record dropdowns (customers, products, orders) of the actions and
// searches, so no input asks anyone to type an ID. Each lists one page of Distribu's records;
// Zapier's "Load more" asks for the next page by number (bundle.meta.page, from 0). Distribu pages
// by cursor, so page N follows the cursors from the first page: no state kept between calls (z.cursor
// would keep it, but only for an hour, and core's local test stand-in for it does not store cursors).
import type { Bundle, ZObject } from 'zapier-platform-core';
import { readPages, type ApiRecord, type RecordPicker, type RuntimeOperation } from '@distribu/shared/runtime';
import { withRunErrors } from '../errors';
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

/** "Load more" stops offering records after this many pages (100 × 50 = 5,000 records). */
export const MAX_DROPDOWN_PAGES = 50;

async function listChoices(z: ZObject, bundle: Bundle, picker: RecordPicker): Promise<Array<ApiRecord & { label: string }>> {
  const page = Number(bundle.meta?.page ?? 0);
  if (!Number.isInteger(page) || page < 0 || page >= MAX_DROPDOWN_PAGES) return [];
  const size = DROPDOWN_PAGE.size;
  const { records } = await withRunErrors(z, () =>
    readPages(distribuClient(z, bundle), { path: picker.path, query: {}, pageSize: size, wanted: (page + 1) * size }),
  );
  // Past the last page: an empty page, and Zapier stops offering "Load more".
  return records.slice(page * size).map((record) => ({ ...record, label: choiceLabel(record, picker) }));
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
  return { ...record, label: choiceLabel(record, picker) };
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
