// Generates mcp/generated/orisha-tools.json: one read-only MCP tool per operation of Orisha Commerce's catalog
// (shared/src/providers/orisha/operations.ts), its JSON Schemas from the catalog's zod schemas. `npm run generate` writes it.
import { orishaOperationJsonSchemas, orishaOperations } from '../../shared/src/providers/orisha/operations';
import { toolName, type DistribuTool } from '../src/tool-types';

export function orishaToolsJson(): string {
  const tools: DistribuTool[] = orishaOperations.map((op) => {
    const { input, output } = orishaOperationJsonSchemas(op);
    return {
      name: toolName(op.key),
      operation: op.key,
      title: op.label,
      description: `${op.label} in Orisha Commerce. ${op.description}`,
      inputSchema: input,
      outputSchema: output,
      annotations: { title: op.label, readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    };
  });
  return `${JSON.stringify({ tools }, null, 2)}\n`;
}
