// Zapier searches, generated from the shared operation catalog, and Find or Create Customer.
// A search returns a list, best match first, and an empty list when nothing matches (Zapier then
// says "nothing found", or runs the create of a find-or-create).
import type { Bundle, ZObject } from 'zapier-platform-core';
import { DistribuApiError, runOperation, type RuntimeOperation } from '@distribu/shared/runtime';
import { inputFieldsFor, type ZapierActionField } from '../operations/input-fields';
import { withRunErrors } from '../errors';
import { runForZapier } from '../operations/run';
import { distribuClient } from '../transport';
import { FIND_OR_CREATE_CUSTOMER, SEARCH_TERMS } from '../operations/wording';
import { actionDefinition, searchFor, zapierSearches } from '../operations/zapier-operations';

/** How many records a search returns (Zapier uses the first; the rest are there to look at). */
export const SEARCH_RESULTS = 10;
/** How many a text search reads before putting exact matches first: one full page. */
const SEARCH_READ = 100;

type Item = Record<string, unknown>;

const lower = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : undefined);
const looksLikeEmail = (text: string) => /^[^\s@]+@[^\s@]+$/.test(text);

/** The search term first, required and labelled for what it matches; the catalog's other inputs after it. */
function searchInputs(op: RuntimeOperation): ZapierActionField[] {
  const fields = inputFieldsFor(op, searchFor);
  const term = SEARCH_TERMS[op.zapierKey!];
  if (!term) return fields;
  const termField = fields.find((f) => f.key === term.key)!;
  return [{ ...termField, label: term.label, helpText: term.helpText, required: true }, ...fields.filter((f) => f !== termField)];
}

/** Records whose SKU, email or name equals the term (ignoring case) first, the others after, in Distribu's order. */
function exactFirst(records: Item[], term: string): Item[] {
  const exact = (r: Item) => ['sku', 'email', 'name'].some((k) => lower(r[k]) === term);
  return [...records.filter(exact), ...records.filter((r) => !exact(r))];
}

async function find(z: ZObject, bundle: Bundle, op: RuntimeOperation): Promise<Item[]> {
  const params = bundle.inputData ?? {};
  if (!op.paginated) {
    return withRunErrors(z, async () => {
      try {
        return await runOperation(distribuClient(z, bundle), op, params);
      } catch (error) {
        // Not there (deleted, another company's): a search that finds nothing returns an empty list.
        if (error instanceof DistribuApiError && error.status === 404) return [];
        throw error;
      }
    });
  }
  const term = lower(params.search) ?? '';
  // An email finds that customer only: a customer whose email merely contains it is another one.
  if (op.resource === 'customer' && looksLikeEmail(term)) {
    const records = await runForZapier(z, bundle, op, params, { returnAll: true });
    return records.filter((r) => lower(r.email) === term).slice(0, SEARCH_RESULTS);
  }
  const records = await runForZapier(z, bundle, op, params, { limit: SEARCH_READ });
  return exactFirst(records, term).slice(0, SEARCH_RESULTS);
}

/** One search: a list, best match first. */
export function makeSearch(op: RuntimeOperation) {
  return actionDefinition(op, searchInputs(op), (z: ZObject, bundle: Bundle) => find(z, bundle, op));
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
