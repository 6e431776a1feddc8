import { catalog } from '../catalog';
import { operations, operationKey } from '../operations';
import { eventsMarkdown } from './docs';
import { inputJsonSchema, outputJsonSchema, runtimeOperations } from './operations';
import { operationsMarkdown } from './operations-docs';
import { dist0RuntimeOperations } from '../providers/dist0/runtime-catalog';
import { itemJsonSchema, runtimeCatalog } from './runtime-catalog';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Every generated file, by path from the repository root. `npm run generate` writes them; a test compares. */
export function generatedFiles(): Record<string, string> {
  const runtime = runtimeCatalog();
  const files: Record<string, string> = {
    'shared/generated/catalog.json': json(runtime),
    'docs/events.md': eventsMarkdown(runtime.events),
  };
  for (const entry of catalog) files[`shared/generated/schemas/${entry.name}.json`] = json(itemJsonSchema(entry));
  const ops = runtimeOperations();
  files['shared/generated/operations.json'] = json(ops);
  files['docs/operations.md'] = operationsMarkdown(ops.operations);
  // dist0's read API, zod-free, for its hosts (shared/src/providers/dist0/host.ts).
  files['shared/generated/dist0-operations.json'] = json(dist0RuntimeOperations());
  for (const entry of operations) {
    const key = operationKey(entry);
    files[`shared/generated/schemas/operations/${key}.input.json`] = json(inputJsonSchema(entry));
    files[`shared/generated/schemas/operations/${key}.output.json`] = json(outputJsonSchema(entry));
  }
  return files;
}

// The MCP server's generator (mcp/scripts) writes its tools from the same JSON Schemas.
export { inputJsonSchema, outputJsonSchema } from './operations';
