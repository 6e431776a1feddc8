// A catalog operation's inputs as Zapier input fields: record pickers become dynamic dropdowns fed
// by the hidden list triggers (no one types an ID), line items a line-item group, enums choices.
import type { OperationInput, RuntimeOperation } from '@distribu/shared/runtime';
import { dropdownKey } from '../dropdowns/keys';

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
  const field: ZapierActionField = { key: input.key, label: input.label, helpText: input.description, required: input.required };
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

export function inputFieldsFor(op: RuntimeOperation, searches: Record<string, string> = {}): ZapierActionField[] {
  return op.inputs.map((input) => inputFieldFor(input, searches));
}
