// Build time only (zod): dist0's operations catalog as the zod-free runtime operations every host reads
// (shared/generated/dist0-operations.json, written by `npm run generate`): the n8n action node's parameters
// and its AI tool, the MCP tools, the docs. Each capability is one operation; a list's `page`/`pageSize` are
// left to the host's Return All / Limit (run.ts reads the pages).
import { z } from 'zod';
import { flattenInputs } from '../../build/operations';
import { flattenFields, type JsonSchema } from '../../build/fields';
import type { RuntimeOperation } from '../../kit/catalog';
import { DIST0_MAX_PAGE_SIZE } from './assumed-api';
import { dist0Operations, type Dist0Operation } from './operations';

/** Words for enum values in a host's dropdown, in the enum's order (`pains.list`'s sort: PAIN_SORTS). */
const ENUM_LABELS: Record<string, string[]> = { sort: ['Newest First', 'Most Mentioned First'] };

/** The paging inputs the host's Return All / Limit stand for. */
export const DIST0_PAGING_INPUTS = ['page', 'pageSize'] as const;

/** n8n's operation name within the resource: `get`, `getMany`, or the capability's verb (`getMemory`, `getSources`). */
function operationName(op: Dist0Operation): string {
  if (op.kind === 'getMany') return 'getMany';
  const verb = op.capability.split('.')[1]!;
  return verb === 'get' ? 'get' : `get${verb.charAt(0).toUpperCase()}${verb.slice(1)}`;
}

const words = (resource: string) => resource.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** n8n's action string, in sentence case: "Get many pains", "Get a pain", "Get project memory". */
function action(op: Dist0Operation): string {
  const noun = words(op.resource);
  if (op.kind === 'getMany') return `Get many ${noun}s`;
  if (op.capability.endsWith('.get')) return `Get ${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
  return op.label.charAt(0) + op.label.slice(1).toLowerCase();
}

/** JSON Schema of a capability's input as a host asks for it (without the paging inputs). */
export function dist0InputJsonSchema(op: Dist0Operation): Record<string, unknown> {
  const input = op.kind === 'getMany' ? op.input.omit({ page: true, pageSize: true }) : op.input;
  return { ...(z.toJSONSchema(input, { io: 'input' }) as Record<string, unknown>), title: `${op.label}: input`, description: op.description };
}

/** JSON Schema of one record a capability returns. */
export function dist0OutputJsonSchema(op: Dist0Operation): Record<string, unknown> {
  return { ...(z.toJSONSchema(op.output, { io: 'output' }) as Record<string, unknown>), title: `${op.label}: output` };
}

export function dist0RuntimeOperation(op: Dist0Operation): RuntimeOperation {
  const schema = dist0InputJsonSchema(op) as JsonSchema;
  const specs = Object.fromEntries(Object.keys(schema.properties ?? {}).map((key) => [key, { simple: true, ...(ENUM_LABELS[key] ? { enumLabels: ENUM_LABELS[key] } : {}) }]));
  return {
    key: op.capability,
    resource: op.resource,
    operation: operationName(op),
    kind: op.kind,
    label: op.label,
    action: action(op),
    description: op.description,
    // Every capability is the one endpoint; `key` names it.
    method: 'POST',
    path: '/invoke',
    scope: '',
    retrySafe: true,
    paginated: op.kind === 'getMany',
    maxPageSize: op.kind === 'getMany' ? DIST0_MAX_PAGE_SIZE : null,
    inputs: flattenInputs(schema, specs, 'body'),
    outputFields: flattenFields(dist0OutputJsonSchema(op) as JsonSchema),
    simpleKeys: [],
    sample: op.sample,
    notes: [],
  };
}

export function dist0RuntimeOperations(): { operations: RuntimeOperation[] } {
  return { operations: dist0Operations.map(dist0RuntimeOperation) };
}
