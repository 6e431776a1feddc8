// What a host does with the records an operation returned, for every provider.
import type { RuntimeOperation } from '../catalog';

/** How many records Get Many returns when neither Return All nor a Limit is given (n8n's own default). */
export const DEFAULT_LIMIT = 50;

/** Simplify: only the operation's `simpleKeys` (the record as is when it offers none). */
export function simplify(op: RuntimeOperation, record: Record<string, unknown>): Record<string, unknown> {
  if (op.simpleKeys.length === 0) return { ...record };
  const out: Record<string, unknown> = {};
  for (const key of op.simpleKeys) if (key in record) out[key] = record[key];
  return out;
}

/** How a host asks for a list's records: all of them, or up to a limit (and hears when the limit left some). */
export interface HostRunOptions {
  returnAll?: boolean;
  limit?: number;
  onMore?: () => void;
}
