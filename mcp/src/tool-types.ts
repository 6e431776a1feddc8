// The shape of one generated tool (mcp/generated/tools.json), shared by the generator and the server.

/** Get Many tools return at most this many records per call: one page of Distribu, plenty for a model's context. */
export const LIST_LIMIT_MAX = 100;

/** `order.updateStatus` → `order_update_status`: grouped by resource, unique as the catalog keys are. */
export function toolName(operationKey: string): string {
  return operationKey.replace(/\./g, '_').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

export interface DistribuTool {
  /** The MCP tool name (`order_create`). */
  name: string;
  /** The catalog operation it runs (`order.create`). */
  operation: string;
  title: string;
  /** The catalog's description for agents, its notes, and the scope the key needs. */
  description: string;
  /** JSON Schema of the arguments (every property described). */
  inputSchema: Record<string, unknown>;
  /** JSON Schema of structuredContent: the record, or `{records, hasMore}` for a list. */
  outputSchema: Record<string, unknown>;
  annotations: { title: string; readOnlyHint: boolean; destructiveHint: boolean; idempotentHint: boolean; openWorldHint: boolean };
}
