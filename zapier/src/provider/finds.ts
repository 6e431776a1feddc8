// A provider's Zapier searches from its operation catalog (the operations with a Zapier key that read), matched as
// its Zapier rules say (host.zapierActions.searches), and its Find or Create pairings. A search returns a list, best
// match first, and an empty list when nothing matches (Zapier then says "nothing found", or runs the create of a
// find-or-create). Every search reads a bounded number of the provider's pages, within the step's time budget.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { ApiError, buildRequest, InputError, validateParams, type ApiRecord, type RuntimeOperation, type ZapierSearchRule } from '@distribu/shared/kit';
import { actionDefinition, searchFor } from './actions';
import { offeredOf } from './offered';
import { inputFieldsFor, isOn, staticFields, type ZapierActionField } from './input-fields';
import { presentRecords } from './records';
import { inZapierWords } from './errors';
import { runStep, stepClient, type ActionHost, type StepClient } from './steps';

/** A search reads at most this many pages of this size: the newest records (lists come newest first). Tests make pages smaller. */
export const SEARCH_READ = { pageSize: 100, maxPages: 10 };

/** How many records a search returns (Zapier uses the first; the rest are there to look at). */
export const SEARCH_RESULTS = 10;

type Item = Record<string, unknown>;
type TermRule = Extract<ZapierSearchRule, { kind: 'term' }>;
type IdRule = Extract<ZapierSearchRule, { kind: 'id' }>;

/** Trimmed, lowercased, inner spaces collapsed: "  Acme   Corp " and "acme corp" are one name. */
const normal = (value: unknown) => (typeof value === 'string' ? value.trim().replace(/\s+/g, ' ').toLowerCase() : undefined);
const looksLikeEmail = (text: string) => /^[^\s@]+@[^\s@]+$/.test(text);

/** The search term first, required and labelled for what it matches; the catalog's other inputs, then the search's own. */
function searchInputs(host: ActionHost, op: RuntimeOperation, rule: ZapierSearchRule | undefined): ZapierActionField[] {
  const fields = staticFields(inputFieldsFor(op, searchFor(host)));
  if (!rule) return fields;
  if (rule.kind === 'id') {
    // By its ID (the dropdown) or by the alternate field: either one.
    const newest = (SEARCH_READ.pageSize * SEARCH_READ.maxPages).toLocaleString('en-US');
    const alternate = { ...rule.alternate.field, helpText: rule.alternate.field.helpText.replace('{newest}', newest) };
    return [...fields.map((f) => (f.key === rule.id.key ? { ...f, required: false, helpText: rule.id.helpText } : f)), alternate];
  }
  const termField = fields.find((f) => f.key === rule.term.key)!;
  const own = rule.whole ? [rule.whole.partial] : [];
  return [{ ...termField, label: rule.term.label, helpText: rule.term.helpText, required: true }, ...fields.filter((f) => f !== termField), ...own];
}

/** The provider's list for this search's inputs, newest first: records kept by `keep`, at most `wanted`, within SEARCH_READ. */
async function readMatching(client: StepClient, op: RuntimeOperation, params: Item, keep: (record: ApiRecord) => boolean, wanted = SEARCH_RESULTS): Promise<ApiRecord[]> {
  const request = buildRequest(op, validateParams(op, params));
  const kept: ApiRecord[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < SEARCH_READ.maxPages; page += 1) {
    const { data, pagination } = await client.list(request.path, { ...request.query, limit: SEARCH_READ.pageSize, ...(cursor ? { cursor } : {}) });
    kept.push(...data.filter(keep));
    if (kept.length >= wanted || !pagination.hasMore || !pagination.nextCursor || pagination.nextCursor === cursor) break;
    cursor = pagination.nextCursor;
  }
  return kept.slice(0, wanted);
}

/** Records equal to the term on one of `keys` (ignoring case) first, the others after, in the provider's order. */
function exactFirst(records: Item[], term: string, keys: readonly string[]): Item[] {
  const exact = (r: Item) => keys.some((k) => normal(r[k]) === term);
  return [...records.filter(exact), ...records.filter((r) => !exact(r))];
}

/**
 * A search by term: an email finds the records with exactly that address; with `whole`, a name finds the records
 * with exactly that name, or, with its partial option on, those the list's search finds (exact ones first);
 * otherwise one full page, so a record exactly equal to the term comes first even when it is not among the newest.
 */
async function findByTerm(client: StepClient, op: RuntimeOperation, rule: TermRule, input: Item): Promise<Item[]> {
  const term = normal(input[rule.term.key]) ?? '';
  const params: Item = rule.sendAsCompared ? { ...input, [rule.term.key]: term } : input;
  if (rule.emailKey && looksLikeEmail(term)) return readMatching(client, op, params, (r) => normal(r[rule.emailKey!]) === term);
  if (rule.whole && !isOn(params[rule.whole.partial.key])) return readMatching(client, op, params, (r) => normal(r[rule.whole!.key]) === term);
  return exactFirst(await readMatching(client, op, params, () => true, SEARCH_READ.pageSize), term, rule.exactKeys).slice(0, SEARCH_RESULTS);
}

/**
 * A search by id (one read; not there is an empty list) or by the alternate field, which the list cannot filter
 * by: the newest SEARCH_READ pages are read and compared (whole value, ignoring case and spaces around it).
 */
async function findById(host: ActionHost, client: StepClient, op: RuntimeOperation, rule: IdRule, input: Item): Promise<Item[]> {
  const wanted = normal(input[rule.alternate.field.key]);
  const raw = input[rule.id.key];
  const id = typeof raw === 'string' ? raw.trim() : '';
  const matches = (record: Item) => normal(record[rule.alternate.matchKey]) === wanted;
  if (id) {
    let found: Item[];
    try {
      found = await runStep(host, client, op, { [rule.id.key]: id });
    } catch (error) {
      // Not there (deleted, another account's): a search that finds nothing returns an empty list.
      if (error instanceof ApiError && error.status === 404) return [];
      throw error;
    }
    return wanted ? found.filter(matches) : found;
  }
  if (!wanted) throw new InputError(rule.alternate.missing, rule.id.key);
  const list = host.operations.find((o) => o.key === rule.alternate.list);
  if (!list) throw new Error(`${host.names.displayName}: no operation ${rule.alternate.list} to find ${op.resource} records by ${rule.alternate.field.label}.`);
  return readMatching(client, list, {}, matches);
}

/** One search: a list, best match first, as records.ts presents it. */
function makeSearch(host: ActionHost, op: RuntimeOperation) {
  const rule = host.zapierActions?.searches[op.zapierKey!];
  return actionDefinition(host, op, searchInputs(host, op, rule), (z: ZObject, bundle: Bundle) =>
    inZapierWords(z, host, async () => {
      const client = stepClient(z, host, bundle);
      const input = bundle.inputData ?? {};
      const found =
        rule?.kind === 'term' ? await findByTerm(client, op, rule, input) : rule?.kind === 'id' ? await findById(host, client, op, rule, input) : await runStep(host, client, op, input);
      return presentRecords(host, z, bundle, client, op, found);
    }),
  );
}

/** The provider's catalog searches, by Zapier key. */
export function catalogSearchesOf(host: ActionHost) {
  return Object.fromEntries(offeredOf(host).searches.map((op) => [op.zapierKey!, makeSearch(host, op)]));
}

/** Find or Create: Zapier runs the search and, when it finds nothing, the create. The pairing's key is the search's. */
export function searchOrCreatesOf(host: ActionHost) {
  return Object.fromEntries(
    (host.zapierActions?.searchOrCreates ?? []).map((pair) => [
      pair.search,
      { key: pair.search, display: { label: pair.label, description: pair.description }, search: pair.search, create: pair.create },
    ]),
  );
}
