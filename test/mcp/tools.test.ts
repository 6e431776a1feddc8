import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { operationKey, operations, type OperationEntry } from '@distribu/shared/operations';
import { getOperation, type OperationInput, type RuntimeOperation } from '@distribu/shared/runtime';
import { toolName } from '../../mcp/src';
import { startMcpWorld, type McpWorld } from './support/world';

// The tools as an MCP client receives them (listed over Streamable HTTP by the SDK's client),
// compared with the operation catalog they are generated from.
type Schema = Record<string, any>;

let w: McpWorld;
let listed: Tool[];

beforeAll(async () => {
  w = await startMcpWorld();
  listed = (await (await w.connect()).listTools()).tools;
});
afterAll(() => w.close());

const cases = operations.map((entry) => [toolName(operationKey(entry)), entry] as const);
const toolOf = (name: string) => listed.find((t) => t.name === name)!;
const opOf = (entry: OperationEntry): RuntimeOperation => getOperation(operationKey(entry))!;

/** Every property schema, nested ones (list elements, objects) included, with its path. */
function properties(schema: Schema, path = ''): Array<[string, Schema]> {
  return Object.entries((schema.properties ?? {}) as Record<string, Schema>).flatMap(([key, prop]) => [
    [`${path}${key}`, prop] as [string, Schema],
    ...properties(prop, `${path}${key}.`),
    ...(prop.items ? properties(prop.items, `${path}${key}[].`) : []),
    ...((prop.anyOf ?? []) as Schema[]).flatMap((branch) => properties(branch, `${path}${key}.`)),
  ]);
}

/** Each input's facts in the tool's input schema: type, enum, formats, required, list elements. */
function expectInputs(schema: Schema, inputs: OperationInput[]): void {
  expect([...(schema.required ?? [])].sort()).toEqual(inputs.filter((i) => i.required).map((i) => i.key).sort());
  for (const input of inputs) {
    const prop = schema.properties[input.key] as Schema;
    expect({ key: input.key, enum: prop.enum }).toEqual({ key: input.key, enum: input.enum });
    if (input.type === 'datetime') expect(prop).toEqual({ type: 'string', anyOf: [{ type: 'string', format: 'date' }, { type: 'string', format: 'date-time' }], description: input.description });
    else expect({ key: input.key, type: prop.type }).toEqual({ key: input.key, type: input.type });
    if (input.type === 'array') {
      // Line items: any number of them (at least the catalog's minimum), never a fixed count.
      expect(prop.maxItems).toBeUndefined();
      expect(prop.minItems).toBe(input.min);
    }
    if (input.items) {
      expect(Object.keys(prop.items.properties)).toEqual(input.items.map((i) => i.key));
      expectInputs(prop.items, input.items);
    }
  }
}

it('lists exactly one tool per catalog operation, in catalog order', () => {
  expect(listed.map((t) => t.name)).toEqual(cases.map(([name]) => name));
});

describe.each(cases)('%s', (name, entry) => {
  const op = () => opOf(entry);

  it("carries the catalog's title and agent description; a create says it is never retried", () => {
    const tool = toolOf(name);
    expect(tool.title).toBe(entry.label);
    expect(tool.description!.startsWith(entry.description)).toBe(true);
    expect(tool.description).toContain(`"${entry.scope}"`);
    if (!op().retrySafe) expect(tool.description).toMatch(/never retried automatically/);
  });

  it("has the catalog's inputs: each described, its enums, formats and required list, a list's limit", () => {
    const schema = toolOf(name).inputSchema as Schema;
    const keys = op().inputs.map((i) => i.key);
    expect(Object.keys(schema.properties ?? {})).toEqual(op().paginated ? [...keys, 'limit'] : keys);
    for (const [path, prop] of properties(schema)) expect({ path, description: typeof prop.description === 'string' && prop.description.length > 20 }).toEqual({ path, description: true });
    expectInputs(schema, op().inputs);
    if (op().paginated) expect(schema.properties.limit).toMatchObject({ type: 'integer', minimum: 1 });
    expect(JSON.stringify(schema)).not.toMatch(/"\$schema"|"pattern"/);
  });

  it('has an output schema of the returned record (in `records` for a list), every field described', () => {
    const schema = toolOf(name).outputSchema as Schema;
    expect(schema.type).toBe('object');
    const record = op().paginated ? schema.properties.records.items : schema;
    if (op().paginated) expect(schema.required).toEqual(['records', 'hasMore']);
    const top = op().outputFields.filter((f) => !/[.[]/.test(f.key)).map((f) => f.key);
    expect(Object.keys(record.properties)).toEqual(expect.arrayContaining(top));
    for (const [path, prop] of properties(record)) expect({ path, described: !!prop.description }).toEqual({ path, described: true });
  });

  it('has annotations as the operation really is', () => {
    const readOnly = ['get', 'getMany', 'report'].includes(entry.kind);
    const effects = 'effects' in entry ? entry.effects : undefined;
    expect(toolOf(name).annotations).toEqual({
      title: entry.label,
      readOnlyHint: readOnly,
      destructiveHint: readOnly ? false : effects!.destructive,
      idempotentHint: readOnly ? true : effects!.idempotent,
      openWorldHint: false,
    });
    // Creates add and must not be repeated; nothing that only reads says it changes something.
    if (entry.kind === 'create') expect(effects).toEqual({ destructive: false, idempotent: false });
  });

  it('its schemas compile in the JSON Schema validators MCP clients use, and its example fits its output schema', () => {
    const tool = toolOf(name);
    for (const ajv of [new Ajv({ strict: false }), new Ajv2020({ strict: false })]) {
      addFormats(ajv);
      ajv.compile(tool.inputSchema);
      const validate = ajv.compile(tool.outputSchema!);
      for (const example of (tool.outputSchema as Schema).examples) expect({ valid: validate(example), errors: validate.errors }).toEqual({ valid: true, errors: null });
    }
  });
});

it('the named enums reach the model: order statuses, carriers and report periods', () => {
  const props = (name: string) => (toolOf(name).inputSchema as Schema).properties;
  expect(props('order_update_status').status.enum).toEqual(opOf(operations.find((e) => operationKey(e) === 'order.updateStatus')!).inputs.find((i) => i.key === 'status')!.enum);
  expect(props('order_update_status').carrier.enum).toEqual(expect.arrayContaining(['UPS', 'FEDEX', 'OTHER']));
  expect(props('order_get_all').status.enum).toEqual(expect.arrayContaining(['SUBMITTED', 'DELIVERED']));
  expect(props('report_sales').preset.enum).toEqual(expect.arrayContaining(['today', 'month', 'all']));
  expect(props('order_create').lineItems.items.required).toEqual(['productId', 'quantity']);
});
