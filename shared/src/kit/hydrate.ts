/**
 * Hydration: a delivery that carries only codes (or ids) becomes the full record by one read
 * operation, for any provider. Which operation and which item fields feed its parameters is data on
 * each event; an event without it (e.g. a deletion: nothing is left to read) keeps its codes only.
 */
import type { TriggerItem } from './types';

export interface HydrationSpec {
  /** The read operation's key in the provider's operation catalog. */
  operation: string;
  /** Operation parameter → the item field holding its value (e.g. `ItemCode` → `ItemCode`). */
  params: Record<string, string>;
}

/** Where the record goes on the item, and what says how the read went. */
export const RECORD_KEY = 'record';
export const RECORD_STATUS_KEY = 'recordStatus';
export const RECORD_ERROR_KEY = 'recordError';

/**
 * `fetched`: the record is there; `not-found`: the provider no longer has it (deleted since);
 * `no-code`: the delivery lacked a code; `failed`: the read failed (`recordError` says why). The item
 * is never dropped for a failed read: the event happened whatever the read says.
 */
export type RecordStatus = 'fetched' | 'not-found' | 'no-code' | 'failed';

export interface HydrationErrors {
  isNotFound(error: unknown): boolean;
  /** The failure in plain words, without secrets (the provider's voice). */
  describe(error: unknown): string;
}

/** The operation's parameters read from the item, or undefined when one is missing or empty. */
export function hydrationParams(item: TriggerItem, spec: HydrationSpec): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [param, fieldName] of Object.entries(spec.params)) {
    const value = Object.hasOwn(item, fieldName) ? item[fieldName] : undefined;
    if (typeof value === 'number' && Number.isFinite(value)) params[param] = String(value);
    else if (typeof value === 'string' && value !== '') params[param] = value;
    else return undefined;
  }
  return params;
}

/**
 * The item with `record` and `recordStatus` set (a new object; the item is not changed). Not found
 * gives `record: null`; any other failure `record: null` with `recordError` in the provider's words.
 */
export async function hydrate(
  item: TriggerItem,
  spec: HydrationSpec | null | undefined,
  read: (operation: string, params: Record<string, string>) => Promise<unknown>,
  errors: HydrationErrors,
): Promise<TriggerItem> {
  if (!spec) return item;
  const params = hydrationParams(item, spec);
  if (!params) return { ...item, [RECORD_KEY]: null, [RECORD_STATUS_KEY]: 'no-code' satisfies RecordStatus };
  try {
    const record = await read(spec.operation, params);
    return { ...item, [RECORD_KEY]: record, [RECORD_STATUS_KEY]: 'fetched' satisfies RecordStatus };
  } catch (error) {
    if (errors.isNotFound(error)) return { ...item, [RECORD_KEY]: null, [RECORD_STATUS_KEY]: 'not-found' satisfies RecordStatus };
    return { ...item, [RECORD_KEY]: null, [RECORD_STATUS_KEY]: 'failed' satisfies RecordStatus, [RECORD_ERROR_KEY]: errors.describe(error) };
  }
}
