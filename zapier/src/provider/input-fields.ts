// A catalog operation's inputs as Zapier input fields: record pickers become dynamic dropdowns fed
// by the hidden list triggers (no one types an ID), line items a line-item group, enums choices,
// and inputs shown only for some value of another input (tracking when the status is SHIPPED)
// dynamic fields that appear when that value is chosen.
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { OperationInput, RuntimeOperation } from '@distribu/shared/kit';

/** The hidden trigger that lists one kind of record for dropdowns: `customer` → `customer_list`. */
export function dropdownKey(resource: string): string {
  return `${resource}_list`;
}

/** Whether a Zapier boolean input is on (Zapier sends booleans, older bundles strings: 'true', 'yes', '1'). */
export function isOn(value: unknown): boolean {
  return value === true || (typeof value === 'string' && ['true', 'yes', '1'].includes(value.trim().toLowerCase()));
}

type ZapierType = 'string' | 'text' | 'integer' | 'number' | 'boolean' | 'datetime';

export interface ZapierActionField {
  key: string;
  label: string;
  helpText?: string;
  required: boolean;
  type?: ZapierType;
  default?: string;
  choices?: Array<{ value: string; label: string; sample: string }>;
  dynamic?: string;
  search?: string;
  children?: ZapierActionField[];
  /** Zapier reloads the dynamic fields when this field changes. */
  altersDynamicFields?: boolean;
}

/** A field, or a function Zapier calls (with the values chosen so far) for the fields to show. */
export type ZapierInputField = ZapierActionField | ((z: ZObject, bundle: Bundle) => ZapierActionField[]);

/** A record picker's help: what to do, in the Zap builder's words (the catalog's says what an ID looks like, for agents). */
function pickerHelp(input: OperationInput): string {
  const noun = input.picker!.resource;
  return `Choose the ${noun} from the list, or use the ${noun} ID from an earlier step.`;
}

/** Longer free text (notes) gets Zapier's multi-line box. */
const LONG_TEXT = 255;

function zapierType(input: OperationInput): ZapierType {
  if (input.type === 'string') return (input.max ?? 0) > LONG_TEXT ? 'text' : 'string';
  return input.type as ZapierType;
}

/**
 * `searches`: Zapier key of the search that finds each record kind (`customer` → `find_customer`),
 * offered beside a dropdown so a Zap can look the record up in an earlier step.
 */
export function inputFieldFor(input: OperationInput, searches: Record<string, string> = {}): ZapierActionField {
  if (input.items) {
    // A line-item group: Zapier allows no help text beside children, each child has its own.
    return { key: input.key, label: input.label, required: input.required, children: input.items.map((item) => inputFieldFor(item, searches)) };
  }
  const field: ZapierActionField = { key: input.key, label: input.label, helpText: input.picker ? pickerHelp(input) : input.description, required: input.required };
  field.type = zapierType(input);
  if (input.default !== undefined) field.default = String(input.default);
  if (input.enum) {
    field.choices = input.enum.map((value, i) => ({ value, label: input.enumLabels?.[i] ?? value, sample: value }));
  }
  if (input.picker) {
    field.dynamic = `${dropdownKey(input.picker.resource)}.id.label`;
    const search = searches[input.picker.resource];
    if (search) field.search = `${search}.id`;
  }
  return field;
}

const holds = (condition: { key: string; values: string[] } | undefined, values: Record<string, unknown> | undefined) =>
  !!condition && condition.values.includes(String(values?.[condition.key] ?? '').toUpperCase());

/**
 * The fields of an operation, in the catalog's order. An input with `showWhen` is a dynamic field:
 * Zapier asks for it only once the input it depends on (marked `altersDynamicFields`) has one of
 * the values, and it is then required when `requiredWhen` says so (Carrier and Tracking Number when
 * the status is SHIPPED). Each call builds new functions (Zapier's tester finds methods by identity).
 */
export function inputFieldsFor(op: RuntimeOperation, searches: Record<string, string> = {}): ZapierInputField[] {
  const controlling = new Set(op.inputs.flatMap((input) => (input.showWhen ? [input.showWhen.key] : [])));
  return op.inputs.map((input): ZapierInputField => {
    const field = inputFieldFor(input, searches);
    if (controlling.has(input.key)) field.altersDynamicFields = true;
    if (!input.showWhen) return field;
    const { showWhen, requiredWhen } = input;
    return (_z: ZObject, bundle: Bundle) => (holds(showWhen, bundle.inputData) ? [{ ...field, required: input.required || holds(requiredWhen, bundle.inputData) }] : []);
  });
}

/** The plain fields among `fields` (dynamic ones left out): what a search adds its own fields beside. */
export function staticFields(fields: ZapierInputField[]): ZapierActionField[] {
  return fields.filter((f): f is ZapierActionField => typeof f !== 'function');
}
