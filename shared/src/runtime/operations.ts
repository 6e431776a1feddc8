// Distribu's operations and the rules the kit's REST executor (shared/src/kit/operations/rest.ts) applies to them:
// the low-stock filter, the order transitions and Distribu's words for a failure. No retries anywhere: a create
// that fails without a clear answer is reported, never repeated.
// A named import lets a bundle that never runs an operation (a trigger alone) leave the list out.
import { operations as generated } from '../../generated/operations.json';
import type { HostRunOptions } from '../kit/host';
import { runOperationWith, type OperationRules } from '../kit/operations/rest';
import type { Params } from '../kit/operations/request';
import type { DistribuClient } from './client';
import { redactSecrets } from './errors';
import { explainFailure } from './operation-errors';
import type { RuntimeOperation } from './operation-types';
import { isLowStock } from './order-rules';
import { inDistribuName } from './paginate';

export { DEFAULT_LIMIT, simplify } from '../kit/operations/results';
export { runOperationWith, type OperationRules };

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

/** Distribu's answer to a create or update: `{data: record}`, or the record bare. */
export function recordOf(body: unknown): Record<string, unknown> {
  const value = body && typeof body === 'object' && 'data' in body ? (body as { data: unknown }).data : body;
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Distribu's rules: its name and secrets, the low-stock filter and the order transitions (order-rules.ts). */
export const distribuOperationRules: OperationRules<DistribuClient> = {
  provider: 'Distribu',
  redact: redactSecrets,
  recordOf,
  localFilters: { lowStockOnly: (record) => typeof record.stock === 'number' && isLowStock(record.stock) },
  // The page bound keeps its Distribu class (DistribuPageLimitError, same words).
  explainFailure: async (client, op, values, error, createSent) => inDistribuName(await explainFailure(client, op, values, error, createSent)),
};

/** How a host asks for a list's records (Return All, Limit, told when the Limit left some). */
export type RunOptions = HostRunOptions;

/**
 * Runs one operation: checks `params` against the operation's inputs (an input error before any call),
 * sends the REST call(s), and returns the records (one for everything but Get Many). Failures come back in
 * plain words: the transition that is not allowed and the allowed ones, the missing scope, whether a create
 * happened.
 */
export function runOperation(client: DistribuClient, op: RuntimeOperation, params: Params, options: RunOptions = {}): Promise<Record<string, unknown>[]> {
  return runOperationWith(distribuOperationRules, client, op, params, options);
}
