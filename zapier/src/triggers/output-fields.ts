import type { OutputField, RuntimeEvent } from '@distribu/shared/runtime';

export interface ZapierOutputField {
  key: string;
  label: string;
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'datetime';
  required?: boolean;
}

/**
 * Catalog key → Zapier's nested key syntax: `tracking.carrier` → `tracking__carrier`,
 * `items[].productName` → `items[]productName`.
 */
export function zapierKey(catalogKey: string): string {
  return catalogKey.replace(/\[\]\./g, '[]').replace(/\./g, '__');
}

function isTopLevel(catalogKey: string): boolean {
  return !catalogKey.includes('.') && !catalogKey.includes('[]');
}

/**
 * The catalog's fields as Zapier output fields. Objects and arrays are described by their
 * children, so the parents themselves are left out; only top-level fields can be required
 * (a child of a nullable or optional parent may be absent).
 */
export function outputFieldsFor(event: Pick<RuntimeEvent, 'fields'>): ZapierOutputField[] {
  const parents = new Set(
    event.fields.filter((f) => event.fields.some((c) => c.key.startsWith(`${f.key}.`) || c.key.startsWith(`${f.key}[].`))).map((f) => f.key),
  );
  return event.fields
    .filter((f) => !parents.has(f.key))
    .map((f: OutputField) => {
      const field: ZapierOutputField = { key: zapierKey(f.key), label: f.label };
      if (f.type !== 'object' && f.type !== 'array') field.type = f.type;
      if (f.required && !f.nullable && isTopLevel(f.key)) field.required = true;
      return field;
    });
}
