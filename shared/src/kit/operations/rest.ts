// Runs a catalog operation against a provider's REST API, for any provider whose hosts do not run their own
// (`host.perform`): the inputs checked first, the REST call(s), the pages, and the provider's rules (client-side
// filters, its explanation of a failure). No retries anywhere: a create that fails without a clear answer is
// reported, never repeated.
import type { ApiRequest, ApiResponse } from '../api/client';
import { ApiError } from '../api/errors';
import { readPages, type ApiRecord, type PagedClient } from '../api/pages';
import type { RuntimeOperation } from '../catalog';
import { buildRequest, InputError, validateParams, type Params, type Redact } from './request';
import { DEFAULT_LIMIT, type HostRunOptions } from './results';

/** What the executor calls: one request as is, and cursor pages. */
export interface OperationClient extends PagedClient {
  call(request: ApiRequest): Promise<ApiResponse>;
}

/** A provider's rules the executor applies, as parameters. */
export interface OperationRules<Client extends OperationClient = OperationClient> {
  /** The provider's name, in the executor's own messages (the page bound). */
  provider: string;
  /** Redacts the provider's secrets in input errors (its voice's patterns). */
  redact?: Redact;
  /** The record in a create's or update's answer (`{}` when there is none). */
  recordOf(body: unknown): Record<string, unknown>;
  /** `local` input key → the records it keeps when on (a client-side filter). */
  localFilters: Readonly<Record<string, (record: Record<string, unknown>) => boolean>>;
  /** The error a host shows for a failed operation, in the provider's words (`createSent`: a create went out). */
  explainFailure(client: Client, op: RuntimeOperation, values: Params, error: unknown, createSent: boolean): Promise<unknown>;
}

/** Client-side filters (`local` inputs) that are on, from the provider's rules. */
function localFilter(rules: OperationRules<never>, op: RuntimeOperation, values: Params): ((record: Record<string, unknown>) => boolean) | undefined {
  const on = op.inputs.filter((input) => input.local && values[input.key] === true).map((input) => input.key);
  if (on.length === 0) return undefined;
  const missing = on.filter((key) => !Object.hasOwn(rules.localFilters, key));
  if (missing.length > 0) throw new Error(`No client-side filter is defined for ${missing.join(', ')}.`);
  const filters = on.map((key) => rules.localFilters[key]!);
  return (record) => filters.every((keep) => keep(record));
}

function wantedCount(options: HostRunOptions, redact?: Redact): number {
  if (options.returnAll) return Number.POSITIVE_INFINITY;
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) throw new InputError(`Limit must be a whole number of at least 1; got ${limit}.`, 'limit', redact);
  return limit;
}

async function getMany<Client extends OperationClient>(rules: OperationRules<Client>, client: Client, op: RuntimeOperation, values: Params, options: HostRunOptions): Promise<Record<string, unknown>[]> {
  const request = buildRequest(op, values);
  const wanted = wantedCount(options, rules.redact);
  const keep = localFilter(rules as OperationRules<never>, op, values);
  const maxPageSize = op.maxPageSize ?? 100;
  // A filter applied here drops records, so every page is read at full size.
  const pageSize = keep ? maxPageSize : Math.min(wanted, maxPageSize);
  const { records, more } = await readPages(client, { path: request.path, query: request.query ?? {}, pageSize, wanted, keep }, rules.provider);
  if (more) options.onMore?.();
  return records;
}

type Upsert = NonNullable<RuntimeOperation['upsert']>;

/** The record whose `by` field equals `value` ignoring case (search is a substring match: filter exactly). */
async function findExact(rules: OperationRules<never>, client: OperationClient, op: RuntimeOperation, spec: Upsert, value: string): Promise<ApiRecord | undefined> {
  const wanted = value.toLowerCase();
  const { records } = await readPages(
    client,
    {
      path: op.path,
      query: { [spec.searchParam]: value },
      pageSize: op.maxPageSize ?? 100,
      wanted: 1,
      keep: (record) => typeof record[spec.by] === 'string' && (record[spec.by] as string).toLowerCase() === wanted,
    },
    rules.provider,
  );
  return records[0];
}

async function update(rules: OperationRules<never>, client: OperationClient, spec: Upsert, found: ApiRecord, body: Params): Promise<Record<string, unknown>> {
  const { [spec.by]: _matched, ...changes } = body;
  // Nothing else to set: the found record is the answer, and the provider fires no event.
  if (Object.keys(changes).length === 0) return found;
  const path = spec.updatePath.replace('{id}', encodeURIComponent(found.id));
  return rules.recordOf((await client.call({ method: spec.updateMethod, path, body: changes })).body);
}

/**
 * Create or Update by a unique field (a customer's email): search, match exactly, then PATCH or POST. The
 * create is never repeated: if the provider refuses it because the record appeared meanwhile (a 422 "already
 * exists" from a parallel run), that record is updated instead.
 */
async function upsertRecord(rules: OperationRules<never>, client: OperationClient, op: RuntimeOperation, body: Params, attempt: { createSent: boolean }): Promise<Record<string, unknown>> {
  const spec = op.upsert!;
  const value = String(body[spec.by]);
  const found = await findExact(rules, client, op, spec, value);
  if (found) return update(rules, client, spec, found, body);
  try {
    attempt.createSent = true;
    return rules.recordOf((await client.call({ method: op.method, path: op.path, body })).body);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 422)) throw error;
    // Refused: nothing was created, whatever happens next.
    attempt.createSent = false;
    const appeared = await findExact(rules, client, op, spec, value);
    if (!appeared) throw error;
    return update(rules, client, spec, appeared, body);
  }
}

async function perform<Client extends OperationClient>(
  rules: OperationRules<Client>,
  client: Client,
  op: RuntimeOperation,
  values: Params,
  options: HostRunOptions,
  attempt: { createSent: boolean },
): Promise<Record<string, unknown>[]> {
  if (op.paginated) return getMany(rules, client, op, values, options);
  const request = buildRequest(op, values);
  if (op.upsert) return [await upsertRecord(rules as OperationRules<never>, client, op, request.body as Params, attempt)];
  attempt.createSent = !op.retrySafe;
  const record = rules.recordOf((await client.call(request)).body);
  if (Object.keys(record).length === 0) throw client.malformed();
  return [record];
}

/**
 * Runs one operation with a provider's rules: checks `params` against the operation's inputs (an InputError
 * before any call), sends the REST call(s), and returns the records (one for everything but Get Many). A
 * failure comes back as the provider's rules explain it.
 */
export async function runOperationWith<Client extends OperationClient>(
  rules: OperationRules<Client>,
  client: Client,
  op: RuntimeOperation,
  params: Params,
  options: HostRunOptions = {},
): Promise<Record<string, unknown>[]> {
  const values = validateParams(op, params, rules.redact);
  if (op.paginated) wantedCount(options, rules.redact);
  // Whether a create went out: then a failure without a clear answer leaves its outcome unknown.
  const attempt = { createSent: false };
  try {
    return await perform(rules, client, op, values, options, attempt);
  } catch (error) {
    throw await rules.explainFailure(client, op, values, error, attempt.createSent);
  }
}
