// Runs a catalog operation against Distribu: the write side's executor, shared by both connectors.
// No retries anywhere: a create that fails without a clear answer is reported, never repeated.
// A named import lets a bundle that never runs an operation (a trigger alone) leave the list out.
import { operations as generated } from '../../generated/operations.json';
import { DEFAULT_LIMIT, simplify } from '../kit/operations/results';
import type { DistribuClient } from './client';
import { DistribuNetworkError } from './errors';
import { explainFailure } from './operation-errors';
import { buildRequest, DistribuInputError, validateParams, type Params } from './operation-request';
import type { RuntimeOperation } from './operation-types';
import { isLowStock } from './order-rules';
import { readPages } from './paginate';
import { recordOf, upsertRecord } from './upsert';

/** Every operation as the connectors see it at run time (generated from the zod operation catalog). */
export const operations: readonly RuntimeOperation[] = generated as unknown as RuntimeOperation[];

/** `order.create` → its operation, or undefined. */
export function getOperation(key: string): RuntimeOperation | undefined {
  return operations.find((op) => op.key === key);
}

/** The operations of one resource (`order`), in catalog order. */
export function operationsOf(resource: string): RuntimeOperation[] {
  return operations.filter((op) => op.resource === resource);
}

export { DEFAULT_LIMIT, simplify };

/**
 * A provider's rules the executor applies, as parameters: client-side filters of `local` inputs, and
 * the failure explanation in the provider's words. `runOperation` applies Distribu's.
 */
export interface OperationRules {
  /** `local` input key → the records it keeps when on (`lowStockOnly` → stock within the low-stock range). */
  localFilters: Readonly<Record<string, (record: Record<string, unknown>) => boolean>>;
  explainFailure(client: DistribuClient, op: RuntimeOperation, values: Params, error: unknown, createSent: boolean): Promise<unknown>;
}

/** Distribu's rules: the low-stock filter and the order transitions (order-rules.ts). */
export const distribuOperationRules: OperationRules = {
  localFilters: { lowStockOnly: (record) => typeof record.stock === 'number' && isLowStock(record.stock) },
  explainFailure,
};

export interface RunOptions {
  /** Get Many: read every page. */
  returnAll?: boolean;
  /** Get Many without Return All: at most this many records (default 50). */
  limit?: number;
  /** Get Many: called when the Limit stopped the reading while Distribu had more records (a host may say so). */
  onMore?: () => void;
}

/** Client-side filters (`local` inputs) that are on, from the provider's rules. */
function localFilter(rules: OperationRules, op: RuntimeOperation, values: Params): ((record: Record<string, unknown>) => boolean) | undefined {
  const on = op.inputs.filter((input) => input.local && values[input.key] === true).map((input) => input.key);
  if (on.length === 0) return undefined;
  const missing = on.filter((key) => !Object.hasOwn(rules.localFilters, key));
  if (missing.length > 0) throw new Error(`No client-side filter is defined for ${missing.join(', ')}.`);
  const filters = on.map((key) => rules.localFilters[key]!);
  return (record) => filters.every((keep) => keep(record));
}

function wantedCount(options: RunOptions): number {
  if (options.returnAll) return Number.POSITIVE_INFINITY;
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) throw new DistribuInputError(`Limit must be a whole number of at least 1; got ${limit}.`, 'limit');
  return limit;
}

async function getMany(rules: OperationRules, client: DistribuClient, op: RuntimeOperation, values: Params, options: RunOptions): Promise<Record<string, unknown>[]> {
  const request = buildRequest(op, values);
  const wanted = wantedCount(options);
  const keep = localFilter(rules, op, values);
  const maxPageSize = op.maxPageSize ?? 100;
  // A filter applied here drops records, so every page is read at full size.
  const pageSize = keep ? maxPageSize : Math.min(wanted, maxPageSize);
  const { records, more } = await readPages(client, { path: request.path, query: request.query ?? {}, pageSize, wanted, keep });
  if (more) options.onMore?.();
  return records;
}

async function perform(
  rules: OperationRules,
  client: DistribuClient,
  op: RuntimeOperation,
  values: Params,
  options: RunOptions,
  attempt: { createSent: boolean },
): Promise<Record<string, unknown>[]> {
  if (op.paginated) return getMany(rules, client, op, values, options);
  const request = buildRequest(op, values);
  if (op.upsert) return [await upsertRecord(client, op, request.body as Params, attempt)];
  attempt.createSent = !op.retrySafe;
  const record = recordOf((await client.call(request)).body);
  if (Object.keys(record).length === 0) throw new DistribuNetworkError('malformed');
  return [record];
}

/**
 * Runs one operation: checks `params` against the operation's inputs (a DistribuInputError before
 * any call), sends the REST call(s), and returns the records (one for everything but Get Many).
 * Failures come back in plain words: the transition that is not allowed and the allowed ones, the
 * missing scope, whether a create happened.
 */
export function runOperation(
  client: DistribuClient,
  op: RuntimeOperation,
  params: Params,
  options: RunOptions = {},
): Promise<Record<string, unknown>[]> {
  return runOperationWith(distribuOperationRules, client, op, params, options);
}

/** `runOperation` with a provider's rules: the executor every host calls for a provider. */
export async function runOperationWith(
  rules: OperationRules,
  client: DistribuClient,
  op: RuntimeOperation,
  params: Params,
  options: RunOptions = {},
): Promise<Record<string, unknown>[]> {
  const values = validateParams(op, params);
  if (op.paginated) wantedCount(options);
  // Whether a create went out: then a failure without a clear answer leaves its outcome unknown.
  const attempt = { createSent: false };
  try {
    return await perform(rules, client, op, values, options, attempt);
  } catch (error) {
    throw await rules.explainFailure(client, op, values, error, attempt.createSent);
  }
}
