// Zapier's integration checks for creates and searches, stood in for here beside the trigger checks
// of conventions.test.ts (https://docs.zapier.com/platform/publish/integration-checks-reference):
// D009 (no ID typed by hand: record inputs are dynamic dropdowns), D013-D015 (samples and output
// fields), D018 (Title Case labels), D021/D022 (descriptions "Creates a ..." / "Finds a ..."),
// plus key = object key, searches returning lists (e2e), and help in plain words.
import { operations } from '@distribu/shared/runtime';
import { App } from './support/app-tester';

const creates = App.creates as Record<string, any>;
const searches = App.searches as Record<string, any>;
const searchOrCreates = App.searchOrCreates as Record<string, any>;
const triggers = App.triggers as Record<string, any>;
const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to']);
const API_TALK = /\b(GET|POST|PUT|PATCH|DELETE)\b|\/api\/|\{id\}|:id\b/;

const actions = [...Object.entries(creates).map(([k, d]) => ['create', k, d] as const), ...Object.entries(searches).map(([k, d]) => ['search', k, d] as const)];
const byKey = (zapierKey: string) => operations.find((op) => op.zapierKey === zapierKey)!;
/** The fields Zapier shows for these values: dynamic fields (functions) called as Zapier calls them. */
const shown = (fields: any[], inputData: Record<string, unknown> = {}): any[] =>
  fields.flatMap((f) => (typeof f === 'function' ? f({}, { inputData, authData: {}, meta: {} }) : [f]));
/** Every field, dynamic ones as they appear when an order is being shipped, children included. */
const allFields = (fields: any[]): any[] => shown(fields, { status: 'SHIPPED' }).flatMap((f) => [f, ...allFields(f.children ?? [])]);
/** Help in plain words: no API talk, no ID formats, no JSON, and short (Zapier's style guide). */
const JARGON = /cuid|\[\{|\bISO 8601\b|\bnull\b|\bboolean\b/i;

/** Values at a Zapier output key in a sample: `a__b` nests, `items[]x` maps over a list. */
function valuesAt(sample: unknown, key: string): unknown[] {
  const [head, ...rest] = key.split('[]');
  let values: unknown[] = [sample];
  for (const part of head!.split('__')) values = values.map((v) => (v && typeof v === 'object' ? (v as any)[part] : undefined));
  if (rest.length === 0) return values;
  return values.flatMap((list) => (Array.isArray(list) ? list.flatMap((entry) => valuesAt(entry, rest.join('[]'))) : [undefined]));
}

test('the creates and searches are the catalog operations Zapier names, keyed by their Zapier key', () => {
  expect(Object.keys(creates).sort()).toEqual(['create_customer', 'create_order', 'update_customer', 'update_order_status']);
  expect(Object.keys(searches).sort()).toEqual(['find_customer', 'find_order', 'find_product']);
  for (const [, key, definition] of actions) {
    expect(definition.key).toBe(key);
    expect(key).toMatch(/^[a-z]+(_[a-z]+)+$/);
    expect(byKey(key)).toBeDefined();
  }
});

test.each(actions)('%s %s: noun, Title Case label, "Creates/Updates a ..." or "Finds a ..." description (D018, D021, D022)', (kind, key, definition) => {
  const op = byKey(key);
  expect(definition.noun).toMatch(/^[A-Z][a-z]+$/);
  expect(definition.noun.toLowerCase()).toBe(op.resource);
  expect(definition.display.label).toBe(op.label);
  expect(definition.display.label.length).toBeLessThanOrEqual(64);
  for (const word of definition.display.label.split(' ')) if (!SMALL_WORDS.has(word)) expect(word[0]).toBe(word[0].toUpperCase());
  const description: string = definition.display.description;
  expect(description).toMatch(kind === 'create' ? /^(Creates|Updates) (a|an|the) .+\.$/ : /^Finds (a|an) .+\.$/);
  expect(description).not.toMatch(/Distribu\b/);
  expect(description).not.toMatch(API_TALK);
  // Short and plain: a sentence or two (Zapier's style guide), whatever the schema's 1,000 allows.
  expect(description.length).toBeLessThanOrEqual(120);
  expect(description.split(/\.\s/).length).toBeLessThanOrEqual(2);
  // A create that makes a record says it is never retried (Distribu has no idempotency keys).
  if (!op.retrySafe && op.kind === 'create') expect(description).toMatch(/never retried/i);
});

test.each(actions)('%s %s: D013-D015 the catalog sample and output fields, and the sample respects them', (_kind, key, definition) => {
  const op = byKey(key);
  const { sample, outputFields } = definition.operation;
  // The catalog's sample, and for orders what the app adds: the customer's name and the order's page.
  const added = op.resource === 'order' ? ['customerName', 'dashboardUrl'] : [];
  expect(sample).toMatchObject(op.sample);
  expect(Object.keys(sample)).toEqual([...Object.keys(op.sample), ...added]);
  if (op.resource === 'order') expect(sample.dashboardUrl).toBe(`https://distribu.app/dashboard/orders/${op.sample.id}`);
  expect(Object.keys(sample).length).toBeGreaterThan(3);
  expect(outputFields.length).toBeGreaterThan(3);
  const keys = outputFields.map((f: any) => f.key);
  expect(new Set(keys).size).toBe(keys.length);
  for (const field of outputFields) {
    expect(field.label).toBeTruthy();
    if (field.required) expect(valuesAt(sample, field.key).every((v) => v !== undefined && v !== null)).toBe(true);
  }
  const described = new Set(keys.map((k: string) => k.split(/__|\[\]/)[0]));
  for (const sampleKey of Object.keys(sample)) expect(described.has(sampleKey)).toBe(true);
  // Labels say what a value is: "Order ID", not "ID"; line items' fields read "Line Item …".
  expect(outputFields.find((f: any) => f.key === 'id')).toMatchObject({ type: 'string', required: true, label: `${definition.noun} ID` });
  for (const field of outputFields) {
    expect(field.label).not.toMatch(/^(ID|Items )/);
    if (field.key.startsWith('items[]')) expect(field.label).toMatch(/^Line Item /);
  }
});

test.each(actions)('%s %s: inputs have labels and help in plain words; required ones are marked', (_kind, key, definition) => {
  const op = byKey(key);
  const fields = allFields(definition.operation.inputFields);
  expect(fields.length).toBeGreaterThan(0);
  for (const field of fields) {
    expect(field.label).toBeTruthy();
    if (field.children) {
      expect(field.helpText).toBeUndefined(); // Zapier: children and helpText are mutually exclusive
      continue;
    }
    expect(field.helpText).toBeTruthy();
    expect(field.helpText).not.toBe(field.label);
    expect(field.helpText).not.toMatch(API_TALK);
    expect(field.helpText).not.toMatch(JARGON);
    expect(field.helpText.length).toBeLessThanOrEqual(240);
  }
  // Find Order takes its order or a PO number: neither alone is required (the search says so when both are empty).
  const eitherOr = key === 'find_order' ? ['orderId'] : [];
  for (const input of op.inputs.filter((i) => i.required && !eitherOr.includes(i.key))) expect(fields.find((f) => f.key === input.key)?.required).toBe(true);
  if (key.startsWith('find_') && key !== 'find_order') expect(shown(definition.operation.inputFields).some((f: any) => f.required)).toBe(true);
});

test.each(actions)('%s %s: D009 no input asks for a typed ID: every record input is a dropdown with paging', (_kind, key, definition) => {
  for (const field of allFields(definition.operation.inputFields).filter((f) => /Id$/.test(f.key))) {
    expect(field.helpText).toMatch(/^Choose the (customer|product|order) from the list/);
    expect(field.dynamic).toMatch(/^[a-z]+_list\.id\.label$/);
    const feeder = triggers[field.dynamic.split('.')[0]];
    expect(feeder.display.hidden).toBe(true);
    expect(feeder.operation).toMatchObject({ type: 'polling', canPaginate: true });
    expect(feeder.operation.outputFields.map((f: any) => f.key)).toEqual(['id', 'label']);
  }
});

test('line items are a line-item group with a product dropdown and a quantity', () => {
  const lineItems = creates.create_order.operation.inputFields.find((f: any) => f.key === 'lineItems');
  expect(lineItems.children.map((c: any) => [c.key, c.type ?? null, c.required])).toEqual([
    ['productId', 'string', true],
    ['quantity', 'integer', true],
  ]);
  expect(lineItems.children[0]).toMatchObject({ dynamic: 'product_list.id.label', search: 'find_product.id' });
  expect(creates.create_order.operation.inputFields.find((f: any) => f.key === 'customerId')).toMatchObject({ dynamic: 'customer_list.id.label', search: 'find_customer.id' });
});

test('Update Order Status offers only the statuses an order can move to; Carrier and Tracking appear (required) only for SHIPPED', () => {
  const fields = creates.update_order_status.operation.inputFields;
  const status = fields.find((f: any) => f.key === 'status');
  expect(status.choices.map((c: any) => c.value)).toEqual(['CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED']);
  expect(status.altersDynamicFields).toBe(true);
  const keys = (inputData: Record<string, unknown>) => shown(fields, inputData).map((f: any) => f.key);
  for (const other of [{}, { status: 'CONFIRMED' }, { status: 'DELIVERED' }, { status: 'CANCELLED' }]) {
    expect(keys(other)).toEqual(['orderId', 'status']);
  }
  expect(keys({ status: 'SHIPPED' })).toEqual(['orderId', 'status', 'carrier', 'trackingNumber', 'trackingUrl']);
  const shipping = shown(fields, { status: 'SHIPPED' });
  expect(shipping.filter((f: any) => f.required).map((f: any) => f.key)).toEqual(['orderId', 'status', 'carrier', 'trackingNumber']);
  // Each dynamic field is its own function: Zapier's tester finds methods by identity.
  const functions = Object.values(creates).flatMap((d: any) => d.operation.inputFields.filter((f: any) => typeof f === 'function'));
  expect(new Set(functions).size).toBe(functions.length);
});

test('Find or Create Customer pairs Find Customer with Create Customer, keyed by the search (Zapier requires it)', () => {
  expect(searchOrCreates).toEqual({
    find_customer: expect.objectContaining({ key: 'find_customer', search: 'find_customer', create: 'create_customer' }),
  });
  expect(searchOrCreates.find_customer.display.label).toBe('Find or Create Customer');
  expect(searchOrCreates.find_customer.display.description).toMatch(/^Finds a customer by email .*never retried/i);
  expect(searchOrCreates.find_customer.display.description.length).toBeLessThanOrEqual(120);
  const term = searches.find_customer.operation.inputFields[0];
  expect(term).toMatchObject({ key: 'search', label: 'Email or Name', required: true });
});

test('the hidden dropdown triggers are hidden, and each has its own function objects', () => {
  const hidden = Object.values(triggers).filter((t: any) => t.display.hidden);
  expect(hidden.map((t: any) => t.key).sort()).toEqual(['customer_list', 'order_list', 'product_list']);
  const performs = [...hidden, ...Object.values(creates), ...Object.values(searches)].map((d: any) => d.operation.perform);
  expect(new Set(performs).size).toBe(performs.length);
});
