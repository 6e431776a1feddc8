import type { FieldType, OutputField } from '../runtime/types';

/** The parts of a JSON Schema (as `z.toJSONSchema` writes it) that the generators read. */
export type JsonSchema = {
  title?: string;
  type?: string | string[];
  format?: string;
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
};

const WORDS: Record<string, string> = { id: 'ID', url: 'URL', po: 'PO', sku: 'SKU' };

/** `orderId` → `Order ID`, `items[].unitPrice` → `Items Unit Price`, `tracking.url` → `Tracking URL`. */
export function humanize(key: string): string {
  return key
    .replace(/\[\]/g, '')
    .split('.')
    .flatMap((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[\s_]+/))
    .map((w) => WORDS[w.toLowerCase()] ?? w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
}

/** Splits `X | null` into X and a nullable flag. */
function unwrapNull(s: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  if (s.anyOf) {
    const rest = s.anyOf.filter((o) => o.type !== 'null');
    if (rest.length === 1 && rest.length < s.anyOf.length) return { schema: { ...rest[0]!, description: s.description ?? rest[0]!.description }, nullable: true };
  }
  if (Array.isArray(s.type) && s.type.includes('null')) {
    const rest = s.type.filter((t) => t !== 'null');
    return { schema: { ...s, type: rest.length === 1 ? rest[0] : rest }, nullable: true };
  }
  if (s.type === 'null') return { schema: s, nullable: true };
  return { schema: s, nullable: false };
}

function typeOf(s: JsonSchema): FieldType {
  if (s.type === 'string' && s.format === 'date-time') return 'datetime';
  if (typeof s.type === 'string' && s.type !== 'null') return s.type as FieldType;
  if (s.const !== undefined) return typeof s.const === 'number' ? 'number' : typeof s.const === 'boolean' ? 'boolean' : 'string';
  if (s.enum) return 'string';
  return 'string';
}

/** One event item's fields, flattened; with several variants a field is required only if all have it. */
export function flattenFields(schema: JsonSchema): OutputField[] {
  const variants = schema.anyOf && schema.anyOf.every((v) => v.type === 'object') ? schema.anyOf : [schema];
  const seen = new Map<string, OutputField & { count: number }>();
  const walk = (s: JsonSchema, prefix: string, required: boolean) => {
    for (const [name, raw] of Object.entries(s.properties ?? {})) {
      const key = prefix + name;
      const { schema: prop, nullable } = unwrapNull(raw);
      const isRequired = required && (s.required ?? []).includes(name);
      const type = typeOf(prop);
      // A schema title (e.g. "Event ID" for the item's own `id`) names the field; otherwise the key does.
      const field: OutputField = { key, label: raw.title ?? prop.title ?? humanize(key), type, required: isRequired, nullable };
      if (prop.description) field.description = prop.description;
      const values = prop.enum ?? (prop.const !== undefined ? [prop.const] : undefined);
      if (values) field.enum = values.map(String);
      const prev = seen.get(key);
      if (prev) {
        prev.count += 1;
        prev.required &&= isRequired;
        prev.nullable ||= nullable;
        if (prev.enum && field.enum) prev.enum = [...new Set([...prev.enum, ...field.enum])];
      } else seen.set(key, { ...field, count: 1 });
      if (type === 'object') walk(prop, `${key}.`, isRequired);
      if (type === 'array' && prop.items?.type === 'object') walk(prop.items, `${key}[].`, false);
    }
  };
  for (const v of variants) walk(v, '', true);
  return [...seen.values()].map(({ count, ...f }) => ({ ...f, required: f.required && count === variants.length }));
}
