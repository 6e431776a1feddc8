import generated from '../../generated/operations.json';
import type { RuntimeOperation } from './operation-types';

/** Every operation as the connectors see it at run time (generated from the zod operation catalog). */
export const operations: readonly RuntimeOperation[] = generated.operations as unknown as RuntimeOperation[];

const byKey = new Map(operations.map((op) => [op.key, op]));

/** `order.create` → its operation, or undefined. */
export function getOperation(key: string): RuntimeOperation | undefined {
  return byKey.get(key);
}

/** The operations of one resource (`order`), in catalog order. */
export function operationsOf(resource: string): RuntimeOperation[] {
  return operations.filter((op) => op.resource === resource);
}
