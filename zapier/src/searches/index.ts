// Zapier searches, generated from the shared operation catalog, and Find or Create Customer.
// A search returns a list, best match first, and an empty list when nothing matches (Zapier then
// says "nothing found", or runs the create of a find-or-create). Every search reads a bounded number
// of Distribu's pages, within the step's time budget.
import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  DistribuApiError,
  DistribuInputError,
  buildRequest,
  getOperation,
  runOperation,
  validateParams,
  type ApiRecord,
  type RuntimeOperation,
} from '@distribu/shared/runtime';
import { inputFieldsFor, staticFields, type ZapierActionField } from '../operations/input-fields';
import { runError, withRunErrors } from '../errors';
import { presentRecords } from '../operations/outputs';
import { distribuClient } from '../transport';
import { FIND_OR_CREATE_CUSTOMER, ORDER_PO_NUMBER, PARTIAL_NAMES, SEARCH_READ, SEARCH_TERMS } from '../operations/wording';
import { actionDefinition, searchFor, zapierSearches } from '../operations/zapier-operations';

/** How many records a search returns (Zapier uses the first; the rest are there to look at). */
export const SEARCH_RESULTS = 10;

type Item = Record<string, unknown>;

/** Trimmed, lowercased, inner spaces collapsed: "  Acme   Corp " and "acme corp" are one name. */
const normal = (value: unknown) => (typeof value === 'string' ? value.trim().replace(/\s+/g, ' ').toLowerCase() : undefined);
const looksLikeEmail = (text: string) => /^[^\s@]+@[^\s@]+$/.test(text);
const isOn = (value: unknown) => value === true || value === 'true' || value === 'yes';

/** The search term first, required and labelled for what it matches; the catalog's other inputs, then the search's own. */
function searchInputs(op: RuntimeOperation): ZapierActionField[] {
  const fields = staticFields(inputFieldsFor(op, searchFor));
  const key = op.zapierKey!;
  if (key === 'find_order') {
    // By its ID (the dropdown) or by PO number: either one.
    return [...fields.map((f) => (f.key === 'orderId' ? { ...f, required: false, helpText: 'Choose the order from the list, or use the order ID from an earlier step. Leave empty to find it by PO number.' } : f)), ORDER_PO_NUMBER];
  }
  const term = SEARCH_TERMS[key];
  if (!term) return fields;
  const termField = fields.find((f) => f.key === term.key)!;
  const own = key === 'find_customer' ? [PARTIAL_NAMES] : [];
  return [{ ...termField, label: term.label, helpText: term.helpText, required: true }, ...fields.filter((f) => f !== termField), ...own];
}

/** Distribu's list for this search's inputs, newest first: records kept by `keep`, at most `wanted`, within SEARCH_READ. */
async function readMatching(
  z: ZObject,
  bundle: Bundle,
  op: RuntimeOperation,
  params: Item,
  keep: (record: ApiRecord) => boolean,
  wanted = SEARCH_RESULTS,
): Promise<ApiRecord[]> {
  return withRunErrors(z, async () => {
    const request = buildRequest(op, validateParams(op, params));
    const client = distribuClient(z, bundle);
    const kept: ApiRecord[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < SEARCH_READ.maxPages; page += 1) {
      const { data, pagination } = await client.list(request.path, { ...request.query, limit: SEARCH_READ.pageSize, ...(cursor ? { cursor } : {}) });
      kept.push(...data.filter(keep));
      if (kept.length >= wanted || !pagination.hasMore || !pagination.nextCursor || pagination.nextCursor === cursor) break;
      cursor = pagination.nextCursor;
    }
    return kept.slice(0, wanted);
  });
}

/** Records whose SKU, email or name equals the term (ignoring case) first, the others after, in Distribu's order. */
function exactFirst(records: Item[], term: string): Item[] {
  const exact = (r: Item) => ['sku', 'email', 'name'].some((k) => normal(r[k]) === term);
  return [...records.filter(exact), ...records.filter((r) => !exact(r))];
}

/**
 * Find Customer: an email finds the customer with exactly that address; a name finds the customers
 * with exactly that name (ignoring case and extra spaces), or, with Match Partial Names, those whose
 * name or email contains it (exact ones first). Distribu's `search` narrows the list by "contains".
 */
async function findCustomers(z: ZObject, bundle: Bundle, op: RuntimeOperation): Promise<Item[]> {
  const term = normal(bundle.inputData?.search) ?? '';
  // Distribu's "contains" gets the term as compared: "  Acme   Corp " finds "Acme Corp".
  const params: Item = { ...bundle.inputData, search: term };
  if (looksLikeEmail(term)) return readMatching(z, bundle, op, params, (r) => normal(r.email) === term);
  if (isOn(params[PARTIAL_NAMES.key])) return exactFirst(await readMatching(z, bundle, op, params, () => true, SEARCH_READ.pageSize), term).slice(0, SEARCH_RESULTS);
  return readMatching(z, bundle, op, params, (r) => normal(r.name) === term);
}

/**
 * Find Order: by its ID (one read; not there is an empty list) or by PO number. Distribu cannot
 * filter orders by PO number, so the newest SEARCH_READ pages are read and compared (whole
 * number, ignoring case and spaces around it).
 */
async function findOrders(z: ZObject, bundle: Bundle, op: RuntimeOperation): Promise<Item[]> {
  const params = bundle.inputData ?? {};
  const po = normal(params[ORDER_PO_NUMBER.key]);
  const orderId = typeof params.orderId === 'string' ? params.orderId.trim() : '';
  if (orderId) {
    const found = await withRunErrors(z, async () => {
      try {
        return await runOperation(distribuClient(z, bundle), op, { orderId });
      } catch (error) {
        // Not there (deleted, another company's): a search that finds nothing returns an empty list.
        if (error instanceof DistribuApiError && error.status === 404) return [];
        throw error;
      }
    });
    return po ? found.filter((order) => normal(order.poNumber) === po) : found;
  }
  if (!po) throw runError(z, new DistribuInputError('Choose an Order, or enter a PO Number to find the order by.', 'orderId'));
  return readMatching(z, bundle, getOperation('order.getAll')!, {}, (r) => normal(r.poNumber) === po);
}

async function find(z: ZObject, bundle: Bundle, op: RuntimeOperation): Promise<Item[]> {
  if (op.zapierKey === 'find_customer') return findCustomers(z, bundle, op);
  if (op.zapierKey === 'find_order') return findOrders(z, bundle, op);
  const params = bundle.inputData ?? {};
  const term = normal(params.search) ?? '';
  // One full page, so a record whose SKU or name is exactly the term comes first even when it is not among the newest ten.
  return exactFirst(await readMatching(z, bundle, op, params, () => true, SEARCH_READ.pageSize), term).slice(0, SEARCH_RESULTS);
}

/** One search: a list, best match first, as operations/outputs.ts presents it. */
export function makeSearch(op: RuntimeOperation) {
  return actionDefinition(op, searchInputs(op), async (z: ZObject, bundle: Bundle) => presentRecords(z, bundle, distribuClient(z, bundle), op, await find(z, bundle, op)));
}

export const searches = Object.fromEntries(zapierSearches.map((op) => [op.zapierKey!, makeSearch(op)]));

/**
 * Find or Create Customer: Zapier runs Find Customer and, when it finds nothing, Create Customer.
 * Zapier requires the pairing's key to be the search's key.
 */
export const searchOrCreates = {
  find_customer: {
    key: 'find_customer',
    display: { label: FIND_OR_CREATE_CUSTOMER.label, description: FIND_OR_CREATE_CUSTOMER.description },
    search: 'find_customer',
    create: 'create_customer',
  },
};
