// The JSON Schemas of generated MCP tools, tidied for models and validators: shared by Distribu's tools
// (tools.ts) and dist0's (dist0-tools.ts).
import { DEFAULT_LIMIT } from '@distribu/shared/runtime';
import { LIST_LIMIT_MAX } from '../src/tool-types';

type Schema = Record<string, unknown>;

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

