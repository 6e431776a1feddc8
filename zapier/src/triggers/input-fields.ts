import type { RuntimeEvent } from '@distribu/shared/runtime';

export const FETCH_FULL_RECORD = 'fetchFullRecord';
export const STATUS_FILTER = 'status';
/** The "any variant" choice of the variant input (`updateType`, `source`). */
export const ANY_VARIANT = 'any';

export interface ZapierInputField {
  key: string;
  label: string;
  type?: 'boolean' | 'string';
  required: boolean;
  default?: string;
  list?: boolean;
  choices?: Array<{ value: string; label: string; sample: string }>;
  helpText: string;
}

const ACRONYMS: Record<string, string> = { api: 'API' };

/** `SHIPPED` → `Shipped`, `activation` → `Activation`, `api` → `API`. */
function titleCase(value: string): string {
  return ACRONYMS[value] ?? value.charAt(0).toUpperCase() + value.slice(1).toLowerCase();
}

/**
 * The statuses a user may narrow the trigger to: offered where the catalog says every item
 * carries a `status` with several possible values (an order's status change, a customer
 * update), so no event is named here.
 */
export function statusChoices(event: RuntimeEvent): string[] {
  const field = event.fields.find((f) => f.key === 'status');
  return field && field.required && !field.nullable && (field.enum?.length ?? 0) > 1 ? [...field.enum!] : [];
}

/**
 * Optional inputs, derived from the catalog: record hydration, a choice of payload variant where
 * the catalog names one per item (`updateType`: details or activation; `source`), and a status
 * filter. Help texts are for people who do not read APIs.
 */
export function inputFieldsFor(event: RuntimeEvent): ZapierInputField[] {
  const fields: ZapierInputField[] = [];
  const noun = event.noun.toLowerCase();
  if (event.recordPath && event.idKey && event.recordScope) {
    fields.push({
      key: FETCH_FULL_RECORD,
      label: `Fetch Full ${event.noun}`,
      type: 'boolean',
      required: false,
      default: 'false',
      helpText:
        `Yes: also look up the whole ${noun} in Distribu and add the details the event itself leaves out. ` +
        `Your API key needs the \`${event.recordScope}\` permission, and each run makes one more request to Distribu.`,
    });
  }
  if (event.discriminator && event.variants.length > 1) {
    const label = event.discriminator.label;
    fields.push({
      key: event.discriminator.key,
      label,
      required: false,
      default: ANY_VARIANT,
      choices: [ANY_VARIANT, ...event.variants].map((v) => ({ value: v, label: titleCase(v), sample: v })),
      helpText:
        `Run for every ${event.label.toLowerCase()} event (Any), or only for one ${label.toLowerCase()}: ` +
        `${event.variants.map(titleCase).join(' or ')}. Each item says which in its ${label} field.`,
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
  return fields;
}

/** The variant the user narrowed the trigger to, or undefined for any (or an unknown value). */
export function chosenVariant(event: RuntimeEvent, inputData: Record<string, unknown> | undefined): string | undefined {
  const key = event.discriminator?.key;
  const value = key ? inputData?.[key] : undefined;
  return typeof value === 'string' && event.variants.includes(value) ? value : undefined;
}

/** Whether an item passes the user's variant choice (Any: always). */
export function passesVariantFilter(event: RuntimeEvent, item: Record<string, unknown>, inputData: Record<string, unknown> | undefined): boolean {
  const wanted = chosenVariant(event, inputData);
  return wanted === undefined || item[event.discriminator!.key] === wanted;
}

/** Whether a Zapier boolean input is on (Zapier sends booleans, older bundles strings). */
export function isOn(value: unknown): boolean {
  return value === true || (typeof value === 'string' && ['true', 'yes', '1'].includes(value.trim().toLowerCase()));
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
