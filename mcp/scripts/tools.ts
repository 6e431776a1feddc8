// Generates mcp/generated/tools.json: one MCP tool per operation of the catalog (shared/src/operations),
// from the same zod schemas, descriptions and samples as the connectors. `npm run generate` writes it;
// adding an operation to the catalog adds its tool here with no other code.
import { inputJsonSchema, outputJsonSchema } from '@distribu/shared/build';
import { operationKey, operations, type OperationEntry } from '@distribu/shared/operations';
import { DEFAULT_LIMIT } from '@distribu/shared/runtime';
import { withSection } from '../../n8n-node/scripts/readme-sections';
import { LIST_LIMIT_MAX, toolName, type DistribuTool } from '../src/tool-types';
import { DIST0_TOOLS_MARKERS, dist0McpTools } from './dist0-tools';

type Schema = Record<string, unknown>;

const READS = new Set(['get', 'getMany', 'report']);

/** zod writes ±(2^53 - 1) as the bounds of every integer: no limit worth telling a model. */
const unbounded = (n: unknown) => typeof n === 'number' && Math.abs(n) >= Number.MAX_SAFE_INTEGER;

/** zod's date-or-date-time union (two long regex patterns) → the two JSON Schema formats it means. */
function isDateUnion(s: Schema): boolean {
  const options = s.anyOf as Schema[] | undefined;
  return !!options && options.length === 2 && options.every((o) => o.type === 'string' && typeof o.pattern === 'string') && options[0]!.format === 'date';
}

/** The schema as a model and any JSON Schema validator read it: no dialect, no noise. */
export function tidy(s: Schema): Schema {
  // Each branch typed: converters such as n8n's (JSON Schema → zod) drop a branch without a type.
  if (isDateUnion(s)) return { type: 'string', anyOf: [{ type: 'string', format: 'date' }, { type: 'string', format: 'date-time' }], description: s.description };
  const out: Schema = {};
  // `X or null`: zod puts X's description inside the branch; a reader looks for it on the field.
  const described = (s.anyOf as Schema[] | undefined)?.find((o) => o.type !== 'null' && o.description);
  if (!s.description && described) out.description = described.description;
  for (const [key, value] of Object.entries(s)) {
    if (key === '$schema' || ((key === 'minimum' || key === 'maximum') && unbounded(value))) continue;
    // zod's own regex for a format (email): the format says it, in words every validator knows.
    if (key === 'pattern' && s.format) continue;
    if (key === 'properties') out[key] = Object.fromEntries(Object.entries(value as Record<string, Schema>).map(([k, v]) => [k, tidy(v)]));
    else if (key === 'items' || key === 'additionalProperties') out[key] = value && typeof value === 'object' ? tidy(value as Schema) : value;
    else if (key === 'anyOf' || key === 'allOf' || key === 'oneOf') out[key] = (value as Schema[]).map(tidy);
    else out[key] = value;
  }
  return out;
}

/** A list tool's `limit` argument; `provider` is who may have more. */
export const limitInputOf = (provider: string) => ({
  type: 'integer',
  minimum: 1,
  maximum: LIST_LIMIT_MAX,
  default: DEFAULT_LIMIT,
  description: `How many records to return at most, newest first: a whole number from 1 to ${LIST_LIMIT_MAX}, default ${DEFAULT_LIMIT}. The result's hasMore says whether ${provider} had more.`,
});
const limitInput = limitInputOf('Distribu');

function inputSchema(entry: OperationEntry): Schema {
  const { title: _title, description: _description, ...schema } = tidy(inputJsonSchema(entry));
  if (!('pagination' in entry && entry.pagination)) return schema;
  return { ...schema, properties: { ...(schema.properties as Schema), limit: limitInput } };
}

/** A tool's output schema: the record, or `{records, hasMore}` for a list. */
export function outputSchemaOf(provider: string, recordSchema: Schema, sample: unknown, list: boolean): Schema {
  const { title: _title, ...record } = tidy(recordSchema);
  if (!list) return { ...record, examples: [sample] };
  return {
    type: 'object',
    properties: {
      records: { type: 'array', items: record, description: 'The records found, newest first.' },
      hasMore: { type: 'boolean', description: `True when ${provider} had more records than the limit let through: raise limit or narrow the filters to see them.` },
    },
    required: ['records', 'hasMore'],
    examples: [{ records: [sample], hasMore: false }],
  };
}

function outputSchema(entry: OperationEntry): Schema {
  return outputSchemaOf('Distribu', outputJsonSchema(entry), entry.sample, 'pagination' in entry && !!entry.pagination);
}

function description(entry: OperationEntry): string {
  const creates = entry.kind === 'create' || entry.kind === 'upsert';
  // The catalog's description says it for every create; a tool must never lose that sentence.
  if (creates && !/never retried/.test(entry.description)) throw new Error(`${operationKey(entry)}: a create's description must say it is never retried.`);
  const notes = 'notes' in entry && entry.notes ? entry.notes : [];
  const scopes = [entry.scope, ...('extraScopes' in entry && entry.extraScopes ? entry.extraScopes : [])];
  const list = 'pagination' in entry && entry.pagination ? [`Returns at most limit records (default ${DEFAULT_LIMIT}) in records, and hasMore.`] : [];
  return [entry.description, ...notes, ...list, `Needs an API key with the ${scopes.map((s) => `"${s}"`).join(' and ')} scope${scopes.length > 1 ? 's' : ''}.`].join(' ');
}

function annotations(entry: OperationEntry): DistribuTool['annotations'] {
  const effects = 'effects' in entry ? entry.effects : undefined;
  const readOnly = READS.has(entry.kind);
  if (!readOnly && !effects) throw new Error(`${operationKey(entry)} changes something: state its effects (destructive, idempotent) in the catalog.`);
  return {
    title: entry.label,
    readOnlyHint: readOnly,
    destructiveHint: readOnly ? false : effects!.destructive,
    idempotentHint: readOnly ? true : effects!.idempotent,
    // A closed world: each tool reads or changes the company's own Distribu records, nothing beyond.
    openWorldHint: false,
  };
}

/** The MCP tool of one catalog entry; throws when the entry lacks a fact an agent must get. */
export function mcpTool(entry: OperationEntry): DistribuTool {
  return {
    name: toolName(operationKey(entry)),
    operation: operationKey(entry),
    title: entry.label,
    description: description(entry),
    inputSchema: inputSchema(entry),
    outputSchema: outputSchema(entry),
    annotations: annotations(entry),
  };
}

export function mcpTools(): DistribuTool[] {
  return operations.map(mcpTool);
}

const TOOLS_MARKERS = { START: '<!-- tools:start (generated by `npm run generate`) -->', END: '<!-- tools:end -->' };

/** A tool's annotations in the words of MCP's hints. */
function effectWords(a: DistribuTool['annotations']): string {
  if (a.readOnlyHint) return 'read-only';
  return `${a.destructiveHint ? 'destructive' : 'additive'}, ${a.idempotentHint ? 'idempotent' : 'not idempotent'}`;
}

/** The README's tools table: one row per tool, from the same generated tools. */
export function toolsTable(tools: DistribuTool[]): string {
  const first = (text: string) => text.slice(0, text.indexOf('. ') + 1 || undefined);
  const rows = tools.map((t) => {
    const inputs = Object.keys((t.inputSchema.properties ?? {}) as object);
    const required = new Set((t.inputSchema.required ?? []) as string[]);
    const args = inputs.map((k) => (required.has(k) ? `**\`${k}\`**` : `\`${k}\``)).join(', ') || 'none';
    return `| \`${t.name}\` | ${t.title} | ${first(t.description)} | ${args} | ${effectWords(t.annotations)} |`;
  });
  return ['| Tool | Title | What it does | Arguments (**required**) | Annotations |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** The MCP package's generated files, by path from the repository root: the tools and the README's table. */
export function mcpGeneratedFiles(readme: string): Record<string, string> {
  const tools = mcpTools();
  const dist0 = dist0McpTools();
  return {
    'mcp/generated/tools.json': `${JSON.stringify({ tools }, null, 2)}\n`,
    'mcp/generated/dist0-tools.json': `${JSON.stringify({ tools: dist0 }, null, 2)}\n`,
    'mcp/README.md': withSection(withSection(readme, TOOLS_MARKERS, toolsTable(tools)), DIST0_TOOLS_MARKERS, toolsTable(dist0)),
  };
}
