// The Distribu action node's description, generated from the shared operation catalog: every
// operation reachable with every one of its inputs, pickers as resource locators, n8n's
// conventions (action strings, Return All/Limit, Simplify, Add Field/Add Filter), usableAsTool,
// and the generated files (__schema__ per operation, the README's operations table) in sync.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { DEFAULT_LIMIT, operations, type OperationInput, type RuntimeOperation } from '@distribu/shared/runtime';
import { Distribu } from '../../n8n-node/nodes/Distribu/Distribu.node';
import { notRetriedNotice, isTopLevel, optionalCollection } from '../../n8n-node/src/action/description';
import { locatorValue, recordLabel, searchMethodName, urlRegex } from '../../n8n-node/nodes/Distribu/locators';
import { inputValue } from '../../n8n-node/src/action/parameters';
import { agentDescription } from '../../n8n-node/src/action/tool';
import { orishaHost } from '@distribu/shared/providers/orisha';
import { operationSchemaPath } from '../../n8n-node/scripts/operation-schemas';
import { OPERATIONS_MARKERS, withOperationsTable } from '../../n8n-node/scripts/readme-operations';

const root = join(__dirname, '..', '..');
const node = new Distribu();
const { description } = node;

/**
 * The parameters n8n shows for one operation (displayOptions.show evaluated on resource/operation, the lists' mode
 * at its default "Using Fields Below", and `extra`), in the node itself or (`'@tool': true`) in its tool variant.
 */
function shownFor(op: RuntimeOperation, extra: Record<string, unknown> = {}): INodeProperties[] {
  const values: Record<string, unknown> = { resource: op.resource, operation: op.operation, '@tool': false, specifyLineItems: 'fields', ...extra };
  return description.properties.filter((p) => {
    const show = p.displayOptions?.show ?? {};
    return Object.entries(show).every(([key, allowed]) => (allowed as unknown[]).includes(values[key]));
  });
}

/** Parameters with those nested in collections and in fixed collections' groups. */
function flatten(properties: INodeProperties[]): INodeProperties[] {
  return properties.flatMap((p) => {
    const nested = ((p.options ?? []) as Array<INodeProperties & { values?: INodeProperties[] }>).flatMap((o) => (o.values ? o.values : 'type' in o ? [o] : []));
    return [p, ...flatten(nested)];
  });
}

function findParameter(op: RuntimeOperation, input: OperationInput): INodeProperties | undefined {
  const when = input.showWhen ? { [input.showWhen.key]: input.showWhen.values[0] } : {};
  const shown = shownFor(op, { returnAll: false, ...when });
  if (isTopLevel(input)) return shown.find((p) => p.name === input.key);
  const collection = shown.find((p) => p.name === optionalCollection(op).name);
  return (collection?.options as INodeProperties[] | undefined)?.find((p) => p.name === input.key);
}

describe('the Distribu node (action)', () => {
  it('is a regular node of version 1 with the shared credential, usable as an AI tool', () => {
    expect(description).toMatchObject({
      name: 'distribu',
      displayName: 'Distribu',
      version: 1,
      usableAsTool: true,
      inputs: ['main'],
      outputs: ['main'],
      credentials: [{ name: 'distribuApi', required: true }],
    });
    expect(description.group).not.toContain('trigger');
    expect(description.subtitle).toContain('$parameter["operation"]');
  });

  it('offers each catalog resource, and for each its operations with their action strings and catalog descriptions', () => {
    const resource = description.properties.find((p) => p.name === 'resource')!;
    expect((resource.options as INodePropertyOptions[]).map((o) => o.value).sort()).toEqual([...new Set(operations.map((op) => op.resource))].sort());
    for (const op of operations) {
      const operation = shownFor(op).find((p) => p.name === 'operation')!;
      const option = (operation.options as INodePropertyOptions[]).find((o) => o.value === op.operation);
      expect(option).toEqual({ name: expect.any(String), value: op.operation, action: op.action, description: op.description });
      expect(operation.noDataExpression).toBe(true);
    }
    // Every operation of the catalog is reachable: 14 today.
    const reachable = description.properties
      .filter((p) => p.name === 'operation')
      .flatMap((p) => (p.options as INodePropertyOptions[]).map((o) => `${p.displayOptions!.show!.resource![0]}.${o.value}`));
    expect(reachable.sort()).toEqual(operations.map((op) => op.key).sort());
    expect(reachable).toHaveLength(14);
  });

  it('names operations in n8n\'s words', () => {
    const names = Object.fromEntries(
      description.properties
        .filter((p) => p.name === 'operation')
        .flatMap((p) => (p.options as INodePropertyOptions[]).map((o) => [`${p.displayOptions!.show!.resource![0]}.${o.value}`, o.name])),
    );
    expect(names).toMatchObject({
      'order.create': 'Create',
      'order.get': 'Get',
      'order.getAll': 'Get Many',
      'order.updateStatus': 'Update Status',
      'customer.update': 'Update',
      'customer.upsert': 'Create or Update',
      'report.sales': 'Sales Report',
    });
  });

  it.each(operations.map((op) => [op.key, op] as const))('%s has a parameter for every input, with its label and description', (_key, op) => {
    for (const input of op.inputs) {
      const parameter = findParameter(op, input);
      expect({ input: input.key, found: parameter !== undefined }).toEqual({ input: input.key, found: true });
      expect(parameter).toMatchObject({ displayName: input.label, description: input.description });
      if (input.picker) expect(parameter!.type).toBe('resourceLocator');
      else if (input.enum) expect((parameter!.options as INodePropertyOptions[]).map((o) => o.value).sort()).toEqual([...input.enum].sort());
      if (input.required) expect(parameter!.required).toBe(true);
    }
    const names = shownFor(op, { returnAll: false }).map((p) => p.name);
    expect(names.includes('returnAll') && names.includes('limit')).toBe(op.paginated);
    expect(names.includes('simplify')).toBe(op.simpleKeys.length > 0);
    expect(names.includes('notRetriedNotice')).toBe(!op.retrySafe);
    // Limit hides once Return All is on.
    if (op.paginated) expect(shownFor(op, { returnAll: true }).map((p) => p.name)).not.toContain('limit');
  });

  it('shows no two parameters of one operation under the same name', () => {
    for (const op of operations) {
      const names = shownFor(op, { returnAll: false, status: 'SHIPPED' }).map((p) => p.name).filter((n) => n !== 'operation');
      expect({ op: op.key, duplicates: names.filter((n, i) => names.indexOf(n) !== i) }).toEqual({ op: op.key, duplicates: [] });
    }
  });

  it('puts optional inputs under "Additional Fields" (Add Field) or, for lists and reports, "Filters" (Add Filter)', () => {
    const create = operations.find((op) => op.key === 'customer.create')!;
    expect(shownFor(create).find((p) => p.name === 'additionalFields')).toMatchObject({ type: 'collection', placeholder: 'Add Field', default: {} });
    const list = operations.find((op) => op.key === 'order.getAll')!;
    const filters = shownFor(list).find((p) => p.name === 'filters')!;
    expect(filters).toMatchObject({ displayName: 'Filters', type: 'collection', placeholder: 'Add Filter' });
    expect((filters.options as INodeProperties[]).map((o) => o.name)).toEqual(['createdAfter', 'createdBefore', 'customerId', 'status']);
  });

  it('takes line items as a repeatable collection of a product picker and a whole quantity of at least 1', () => {
    const create = operations.find((op) => op.key === 'order.create')!;
    const lineItems = shownFor(create).find((p) => p.name === 'lineItems')!;
    expect(lineItems).toMatchObject({ type: 'fixedCollection', typeOptions: { multipleValues: true }, required: true });
    const [group] = lineItems.options as Array<{ name: string; values: INodeProperties[] }>;
    expect(group!.name).toBe('item');
    expect(group!.values.map((v) => [v.name, v.type])).toEqual([
      ['productId', 'resourceLocator'],
      ['quantity', 'number'],
    ]);
    expect(group!.values[1]).toMatchObject({ default: 1, typeOptions: { minValue: 1, numberPrecision: 0 } });
  });

  it('takes line items as one JSON list instead when "Specify Line Items" is "Using JSON" (an expression or an AI agent fills it)', () => {
    const create = operations.find((op) => op.key === 'order.create')!;
    const mode = shownFor(create).find((p) => p.name === 'specifyLineItems')!;
    expect(mode).toMatchObject({ type: 'options', default: 'fields', noDataExpression: true });
    expect((mode.options as INodePropertyOptions[]).map((o) => [o.name, o.value])).toEqual([
      ['Using Fields Below', 'fields'],
      ['Using JSON', 'json'],
    ]);
    const asJson = shownFor(create, { specifyLineItems: 'json' }).map((p) => p.name);
    expect(asJson).toContain('lineItemsJson');
    expect(asJson).not.toContain('lineItems');
    const json = shownFor(create, { specifyLineItems: 'json' }).find((p) => p.name === 'lineItemsJson')!;
    expect(json).toMatchObject({ type: 'json', required: true, displayName: 'Line Items (JSON)' });
    expect(JSON.parse(json.default as string)).toEqual([{ productId: '', quantity: 1 }]);
    expect(shownFor(create).map((p) => p.name)).not.toContain('lineItemsJson');
  });

  it('gives the tool variant, and only it, a Description per operation saying what it does, needs and returns', () => {
    for (const op of operations) {
      const inTool = shownFor(op, { '@tool': true }).filter((p) => p.name === 'toolDescription');
      expect(inTool).toHaveLength(1);
      const text = inTool[0]!.default as string;
      expect(text.startsWith(`${op.action} in Distribu. ${op.description} `)).toBe(true);
      for (const input of op.inputs) expect(text).toContain(input.key);
      expect(text).toMatch(/ Output: /);
      // Distribu's lists are newest first (its API contract): the model is told so, and only of lists.
      expect(/Output: one item per \w+, newest first,/.test(text)).toBe(op.paginated);
      expect(shownFor(op).map((p) => p.name)).not.toContain('toolDescription');
    }
    // Orisha's docs say nothing of its lists' order, so its tools say nothing of it either.
    const orishaLists = orishaHost.operations.filter((op) => op.paginated);
    expect(orishaLists.length).toBeGreaterThan(0);
    for (const op of orishaLists) expect(agentDescription(op, 'Orisha Commerce')).not.toMatch(/newest|oldest/);
    const ship = shownFor(operations.find((op) => op.key === 'order.updateStatus')!, { '@tool': true }).find((p) => p.name === 'toolDescription')!;
    expect(ship.default).toContain('Inputs: orderId and status (required); carrier and trackingNumber (required when status is SHIPPED); trackingUrl (optional).');
  });

  it('asks for carrier and tracking number only when the new status is Shipped, and requires them then', () => {
    const update = operations.find((op) => op.key === 'order.updateStatus')!;
    const confirmed = shownFor(update, { status: 'CONFIRMED' }).map((p) => p.name);
    expect(confirmed).not.toContain('carrier');
    expect(confirmed).not.toContain('trackingNumber');
    const shipped = shownFor(update, { status: 'SHIPPED' });
    expect(shipped.find((p) => p.name === 'carrier')).toMatchObject({ type: 'options', required: true });
    expect(shipped.find((p) => p.name === 'trackingNumber')).toMatchObject({ type: 'string', required: true });
    expect(shipped.find((p) => p.name === 'trackingUrl')?.required).toBeFalsy();
  });

  it('says on every create that it is never retried, and why Retry On Fail would duplicate', () => {
    expect(notRetriedNotice('Distribu')).toMatch(/^This step is never retried automatically: Distribu has no idempotency keys\./);
    expect(notRetriedNotice('Distribu')).toMatch(/Retry On Fail/);
    expect(notRetriedNotice('Distribu')).toMatch(/duplicate/);
    for (const op of operations.filter((o) => !o.retrySafe)) {
      expect(op.description).toMatch(/never retried/i);
      expect(shownFor(op).find((p) => p.name === 'notRetriedNotice')).toMatchObject({ type: 'notice', displayName: notRetriedNotice('Distribu') });
    }
    expect(operations.filter((o) => !o.retrySafe).map((o) => o.key).sort()).toEqual(['customer.create', 'customer.upsert', 'order.create']);
  });

  it('follows n8n\'s conventions for Return All, Limit and Simplify', () => {
    const list = operations.find((op) => op.key === 'product.getAll')!;
    const shown = shownFor(list, { returnAll: false });
    expect(shown.find((p) => p.name === 'returnAll')).toMatchObject({ displayName: 'Return All', type: 'boolean', default: false });
    expect(shown.find((p) => p.name === 'limit')).toMatchObject({ displayName: 'Limit', type: 'number', default: DEFAULT_LIMIT, typeOptions: { minValue: 1 } });
    expect(DEFAULT_LIMIT).toBe(50);
    expect(shown.find((p) => p.name === 'simplify')).toMatchObject({ displayName: 'Simplify', type: 'boolean', default: true });
    for (const p of description.properties.filter((p) => p.type === 'boolean')) expect(p.description).toMatch(/^Whether /);
  });

  it('sorts every options list by name, as n8n\'s lint wants', () => {
    const lists = description.properties.flatMap((p) => [p, ...((p.type === 'collection' ? p.options : []) as INodeProperties[])]).filter((p) => p.type === 'options');
    expect(lists.length).toBeGreaterThan(5);
    for (const p of lists) {
      const names = (p.options as INodePropertyOptions[]).map((o) => o.name);
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    }
  });
});

describe('record pickers', () => {
  const pickerOf = (key: string, input: string) => operations.find((op) => op.key === key)!.inputs.find((i) => i.key === input)!.picker!;

  it('list (searchable where Distribu can search), ID, and URL where Distribu has a dashboard URL', () => {
    for (const op of operations) {
      for (const input of op.inputs.flatMap((i) => [i, ...(i.items ?? [])]).filter((i) => i.picker)) {
        const located = flatten(shownFor(op, { returnAll: false })).find((p) => p.name === input.key)!;
        expect(located.type).toBe('resourceLocator');
        const modes = located.modes!;
        expect(modes.map((m) => m.name)).toEqual(input.picker!.urlPattern ? ['list', 'url', 'id'] : ['list', 'id']);
        expect(modes[0]!.typeOptions).toEqual({ searchListMethod: searchMethodName(input.picker!), searchable: input.picker!.searchParam !== null });
        expect(located.default).toEqual({ mode: 'list', value: '' });
      }
    }
  });

  it('has one listSearch method per picker', () => {
    expect(Object.keys(node.methods.listSearch).sort()).toEqual(['searchCustomers', 'searchOrders', 'searchProducts']);
  });

  it('takes the id out of an order URL from any Distribu host, and keeps an id or a mapped string as it is', () => {
    const order = pickerOf('order.get', 'orderId');
    expect(order.urlPattern).toBe('https://distribu.app/dashboard/orders/{id}');
    const regex = new RegExp(urlRegex(order.urlPattern!));
    expect(regex.exec('https://distribu.app/dashboard/orders/clx9k2m4p0001qz8rt6vb3n7d')?.[1]).toBe('clx9k2m4p0001qz8rt6vb3n7d');
    expect(regex.test('https://distribu.app/dashboard/customers/abc')).toBe(false);
    expect(locatorValue({ __rl: true, mode: 'url', value: 'http://127.0.0.1:4010/dashboard/orders/ord_1?tab=items' }, order)).toBe('ord_1');
    expect(locatorValue({ __rl: true, mode: 'id', value: ' ord_2 ' }, order)).toBe('ord_2');
    expect(locatorValue({ __rl: true, mode: 'list', value: 'ord_3' }, order)).toBe('ord_3');
    expect(locatorValue('ord_4', order)).toBe('ord_4');
    expect(locatorValue({ __rl: true, mode: 'list', value: '' }, order)).toBe('');
    const customer = pickerOf('order.create', 'customerId');
    expect(locatorValue('https://distribu.app/dashboard/orders/x', customer)).toBe('https://distribu.app/dashboard/orders/x');
  });

  it('labels a record by its first label key, then the next different one', () => {
    const customer = pickerOf('order.create', 'customerId');
    expect(recordLabel({ id: 'c1', name: 'Bluebird Café', email: 'orders@bluebirdcafe.com' }, customer)).toBe('Bluebird Café (orders@bluebirdcafe.com)');
    expect(recordLabel({ id: 'c2', name: null, email: 'a@b.co' }, customer)).toBe('a@b.co');
    expect(recordLabel({ id: 'c3' }, customer)).toBe('c3');
    const order = pickerOf('order.get', 'orderId');
    expect(recordLabel({ id: 'o1', poNumber: null }, order)).toBe('o1');
    expect(recordLabel({ id: 'o2', poNumber: 'PO-7' }, order)).toBe('PO-7 (o2)');
  });
});

describe('generated files (run `npm run generate`)', () => {
  it('ships one output schema per operation, the catalog\'s record schema, where n8n looks for it', () => {
    for (const op of operations) {
      const shipped = JSON.parse(readFileSync(join(root, 'n8n-node', operationSchemaPath(1, op)), 'utf8'));
      const shared = JSON.parse(readFileSync(join(root, `shared/generated/schemas/operations/${op.key}.output.json`), 'utf8'));
      expect(shipped).toEqual(shared);
      expect(shipped.type).toBe('object');
    }
    expect(operationSchemaPath(1, { resource: 'order', operation: 'getAll' })).toBe('nodes/Distribu/__schema__/v1.0.0/order/getAll.json');
  });

  it('lists every operation in the README\'s table, with its scope and call', () => {
    const readme = readFileSync(join(root, 'n8n-node/README.md'), 'utf8');
    expect(readme).toBe(withOperationsTable(readme, operations));
    const table = readme.slice(readme.indexOf(OPERATIONS_MARKERS.START), readme.indexOf(OPERATIONS_MARKERS.END));
    expect(table.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Resource'))).toHaveLength(operations.length);
    for (const op of operations) expect(table).toContain(`\`${op.scope}\``);
    expect(readme).toContain('Retry On Fail');
    expect(readme).toMatch(/duplicate order/);
  });
});

describe('reading parameters (inputValue)', () => {
  const input = (key: string, inputKey: string) => operations.find((op) => op.key === key)!.inputs.find((i) => i.key === inputKey)!;

  it('takes line items from the fixed collection, or a list an expression gave, with ids or locators', () => {
    const lineItems = input('order.create', 'lineItems');
    expect(inputValue(lineItems, { item: [{ productId: { __rl: true, mode: 'list', value: 'p1' }, quantity: 2 }] })).toEqual([{ productId: 'p1', quantity: 2 }]);
    expect(inputValue(lineItems, [{ productId: 'p2', quantity: '3' }])).toEqual([{ productId: 'p2', quantity: '3' }]);
    expect(inputValue(lineItems, {})).toBeUndefined();
    expect(inputValue(lineItems, { item: [] })).toBeUndefined();
  });

  it('sends a date an expression gave as a Luxon DateTime as its ISO text, and leaves empty values out', () => {
    const after = input('order.getAll', 'createdAfter');
    expect(inputValue(after, { toISO: () => '2026-04-01T00:00:00.000Z' })).toBe('2026-04-01T00:00:00.000Z');
    expect(inputValue(after, '2026-04-01')).toBe('2026-04-01');
    expect(inputValue(after, '  ')).toBeUndefined();
    expect(inputValue(input('customer.getAll', 'search'), '')).toBeUndefined();
    expect(inputValue(input('order.get', 'orderId'), { __rl: true, mode: 'list', value: '' })).toBeUndefined();
  });
});
