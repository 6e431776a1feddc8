// A hook trigger's input and output fields, derived from the provider's event catalog (no event is named here): Fetch
// Full <Noun> where the provider's full record is opt-in, a choice of payload variant where the catalog names one per
// item (a discriminator with several variants), a status filter where every item carries a `status` of several
// values, and the catalog's item fields as output fields with where each item comes from. Help texts are for people
// who do not read APIs.
import type { HostEvent, HostProvider, OutputField, TriggerItem } from '@distribu/shared/kit';

export const FETCH_FULL_RECORD = 'fetchFullRecord';
export const STATUS_FILTER = 'status';
/** The "any variant" choice of the variant input (e.g. `updateType`, `source`). */
export const ANY_VARIANT = 'any';

export interface ZapierInputField {
  key: string;
  label: string;
  type?: 'boolean' | 'string';
  required: boolean;
  default?: string;
  list?: boolean;
  choices?: Array<{ value: string; label: string; sample: string }> | Record<string, string>;
  helpText: string;
}

export interface ZapierOutputField {
  key: string;
  label: string;
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'datetime';
  required?: boolean;
}

const ACRONYMS: Record<string, string> = { api: 'API' };

/** `SHIPPED` → `Shipped`, `activation` → `Activation`, `api` → `API`. */
function titleCase(value: string): string {
  return ACRONYMS[value] ?? value.charAt(0).toUpperCase() + value.slice(1).toLowerCase();
}

/** What the trigger calls its items (`Order`): the catalog's noun, else the resource. */
export const nounOf = (event: HostEvent) => event.noun ?? event.resource;

/** An event the catalog describes field by field: its trigger declares them, and the source of each item. */
export const isDescribed = (event: HostEvent | undefined): event is HostEvent & { fields: readonly OutputField[] } => Array.isArray(event?.fields);

/** The permission Fetch Full needs, where the user chooses it (a provider whose full record is opt-in). */
export function fullRecordChoice(host: HostProvider, event: HostEvent | undefined): { scope: string } | undefined {
  return event && host.hydrate && !host.hydrateByDefault ? host.fullRecord?.(event) : undefined;
}

/** The statuses a user may narrow the trigger to: where every item carries a `status` with several possible values. */
export function statusChoices(event: HostEvent): string[] {
  const field = event.fields?.find((f) => f.key === 'status');
  return field && field.required && !field.nullable && (field.enum?.length ?? 0) > 1 ? [...field.enum!] : [];
}

const variantsOf = (event: HostEvent) => (event.discriminator ? (event.variants ?? []) : []);

/** The optional inputs of one event's trigger (undefined for an event the catalog does not describe and that has none). */
export function inputFieldsFor(host: HostProvider, event: HostEvent): ZapierInputField[] | undefined {
  const fields: ZapierInputField[] = [];
  const name = host.names.displayName;
  const noun = nounOf(event).toLowerCase();
  const full = fullRecordChoice(host, event);
  if (full) {
    fields.push({
      key: FETCH_FULL_RECORD,
      label: `Fetch Full ${nounOf(event)}`,
      type: 'boolean',
      required: false,
      default: 'false',
      helpText:
        `Yes: also look up the whole ${noun} in ${name} and add the details the event itself leaves out. ` +
        `Your API key needs the \`${full.scope}\` permission, and each run makes one more request to ${name}.`,
    });
  }
  const variants = variantsOf(event);
  if (event.discriminator && variants.length > 1) {
    const label = event.discriminator.label;
    fields.push({
      key: event.discriminator.key,
      label,
      required: false,
      default: ANY_VARIANT,
      choices: [ANY_VARIANT, ...variants].map((v) => ({ value: v, label: titleCase(v), sample: v })),
      helpText:
        `Run for every ${event.label.toLowerCase()} event (Any), or only for one ${label.toLowerCase()}: ` +
        `${variants.map(titleCase).join(' or ')}. Each item says which in its ${label} field.`,
    });
  }
  const statuses = statusChoices(event);
  if (statuses.length) {
    fields.push({
      key: STATUS_FILTER,
      label: 'Status',
      required: false,
      list: true,
      choices: statuses.map((s) => ({ value: s, label: titleCase(s), sample: s })),
      helpText: `Only run for ${noun}s whose status (after the change) is one of these. Leave empty to run for every ${event.label.toLowerCase()} event.`,
    });
  }
  return fields.length > 0 || isDescribed(event) ? fields : undefined;
}

/** The variant the user narrowed the trigger to, or undefined for any (or an unknown value). */
export function chosenVariant(event: HostEvent | undefined, inputData: Record<string, unknown> | undefined): string | undefined {
  const key = event?.discriminator?.key;
  const value = key ? inputData?.[key] : undefined;
  return typeof value === 'string' && variantsOf(event!).includes(value) ? value : undefined;
}

/** The chosen statuses, however Zapier hands a list input over (array, or one comma-separated string). */
export function chosenStatuses(value: unknown): string[] {
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return raw.map((v) => String(v).trim()).filter(Boolean);
}

/** Whether an item passes the user's status filter (no filter: always). */
export function passesStatusFilter(item: Record<string, unknown>, inputData: Record<string, unknown> | undefined): boolean {
  const wanted = chosenStatuses(inputData?.[STATUS_FILTER]);
  return wanted.length === 0 || (typeof item.status === 'string' && wanted.includes(item.status));
}

/**
 * Catalog key → Zapier's nested key syntax: `tracking.carrier` → `tracking__carrier`,
 * `items[].productName` → `items[]productName`.
 */
export function zapierKey(catalogKey: string): string {
  return catalogKey.replace(/\[\]\./g, '[]').replace(/\./g, '__');
}

const isTopLevel = (catalogKey: string) => !catalogKey.includes('.') && !catalogKey.includes('[]');

/**
 * The catalog's fields as Zapier output fields. Objects and arrays are described by their children, so the parents
 * themselves are left out; only top-level fields can be required (a child of a nullable or optional parent may be absent).
 */
export function outputFieldsFor({ fields }: { fields: readonly OutputField[] }): ZapierOutputField[] {
  const parents = new Set(fields.filter((f) => fields.some((c) => c.key.startsWith(`${f.key}.`) || c.key.startsWith(`${f.key}[].`))).map((f) => f.key));
  return fields
    .filter((f) => !parents.has(f.key))
    .map((f) => {
      const field: ZapierOutputField = { key: zapierKey(f.key), label: f.label };
      if (f.type !== 'object' && f.type !== 'array') field.type = f.type;
      if (f.required && !f.nullable && isTopLevel(f.key)) field.required = true;
      return field;
    });
}

/**
 * Where a Zapier item comes from, on every item of a described event so that a test step's keys stay within a live
 * run's keys: `delivery` (a verified webhook: a live run), `record` (the test step built it from one of the account's
 * records) or `sample` (the test step found nothing to read and shows example data, not the account's). Users see it
 * as "Item Source" and can filter on it.
 */
export const ITEM_SOURCE = 'itemSource';
export type ItemSource = 'delivery' | 'record' | 'sample';

export const itemSourceField = { key: ITEM_SOURCE, label: 'Item Source (delivery, record or sample)', type: 'string' as const, required: true };

/** The item with its source; a payload field of the same name (none is documented) is kept as sent. */
export function withItemSource<T extends Record<string, unknown>>(item: T, source: ItemSource): T {
  return Object.hasOwn(item, ITEM_SOURCE) ? item : { ...item, [ITEM_SOURCE]: source };
}

/** The item as the trigger emits it: with its source where the event is described. */
export function sourced<T extends Record<string, unknown> | TriggerItem>(event: HostEvent | undefined, item: T, source: ItemSource): T {
  return isDescribed(event) ? withItemSource(item, source) : item;
}
