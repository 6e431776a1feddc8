import type { RuntimeEvent } from '@distribu/shared/runtime';

export const FETCH_FULL_RECORD = 'fetchFullRecord';
export const STATUS_FILTER = 'status';

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

function titleCase(value: string): string {
  return value.charAt(0) + value.slice(1).toLowerCase();
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

/** Optional inputs, derived from the catalog: record hydration and a status filter. */
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
        `Yes: also read the whole ${noun} from Distribu (\`GET /api/v1${event.recordPath}/{id}\`) and add its fields ` +
        `that the webhook does not carry. Needs the \`${event.recordScope}\` scope and one more API call per run.`,
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
