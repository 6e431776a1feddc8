import { operationKey, operations, type OperationEntry } from '@distribu/shared/operations';
import { getOperation, operations as runtimeOperations, validateParams } from '@distribu/shared/runtime';
import type { Sandbox } from '../../sandbox/src';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startOpsWorld, type OpsWorld } from './support/world';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Ajv2020 = require('ajv/dist/2020').default as typeof import('ajv/dist/2020').default;
// Formats are not checked (no ajv-formats); zod pins dates with a pattern too.
const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
/** The generated JSON Schema file (what agents and docs read), compiled. */
const jsonSchema = (key: string, side: 'input' | 'output') =>
  ajv.compile(JSON.parse(readFileSync(join(__dirname, '..', '..', 'shared/generated/schemas/operations', `${key}.${side}.json`), 'utf8')));

// The operation catalog against itself and against the sandbox: samples fit the output schemas,
// the zod input schemas and the runtime's checks agree, and what the sandbox really returns for
// every operation fits the output schema, so the catalog cannot drift from the API it describes.

/** Valid parameters for every operation, from the seeded sandbox's records. */
function fixtures(sb: Sandbox): Record<string, Record<string, unknown>> {
  const store = sb.core.store;
  const customer = [...store.customers.values()].find((c) => c.email === 'buyer@acme.com')!;
  const product = [...store.products.values()].find((p) => p.sku === 'COF-ARA-1KG')!;
  const shipped = [...store.orders.values()].find((o) => o.status === 'CONFIRMED')!;
  return {
    'order.create': { customerId: customer.id, lineItems: [{ productId: product.id, quantity: 1 }], poNumber: 'PO-CAT-1', notes: 'Catalog test' },
    'order.get': { orderId: shipped.id },
    'order.getAll': { status: 'CONFIRMED', createdAfter: '2020-01-01' },
    'order.updateStatus': { orderId: shipped.id, status: 'SHIPPED', carrier: 'DHL', trackingNumber: '123 456' },
    'customer.create': { email: 'catalog@example.com', name: 'Catalog', status: 'ACTIVE', notes: 'n', creditLimit: 10, taxRateOverride: 0.1 },
    'customer.get': { customerId: customer.id },
    'customer.getAll': { status: 'ACTIVE', search: 'acme' },
    'customer.update': { customerId: customer.id, notes: 'Updated by the catalog test' },
    'customer.upsert': { email: 'catalog-upsert@example.com', name: 'Upserted' },
    'product.get': { productId: product.id },
    'product.getAll': { category: 'Coffee', active: true },
    'report.sales': { preset: 'year' },
    'report.customers': {},
    'report.inventory': {},
  };
}

let w: OpsWorld;
let params: Record<string, Record<string, unknown>>;
beforeAll(async () => {
  w = await startOpsWorld();
  params = fixtures(w.sb);
});
afterAll(() => w.close());

const each = operations.map((entry) => [operationKey(entry), entry] as [string, OperationEntry]);

describe('the operation catalog', () => {
  it('has fixtures for exactly its operations, and the runtime view lists the same ones', () => {
    expect(Object.keys(params).sort()).toEqual(each.map(([key]) => key).sort());
    expect(runtimeOperations.map((op) => op.key)).toEqual(each.map(([key]) => key));
  });

  it.each(each)('%s: its sample fits its output schema', (_key, entry) => {
    expect(entry.output.safeParse(entry.sample).error).toBeUndefined();
  });

  it.each(each)('%s: every input is described for people and agents (meaning and an example or the values)', (key) => {
    for (const input of getOperation(key)!.inputs.flatMap((i) => [i, ...(i.items ?? [])])) {
      expect({ input: input.key, ok: input.description.length >= 40 && /e\.g\.|such as|true:|\(\d{4}-\d\d-\d\d\)|today, week/.test(input.description) }).toEqual({ input: input.key, ok: true });
    }
  });

  it.each(each)('%s: creates say they are never retried; Simplify exists where a record has more than ten fields', (key) => {
    const op = getOperation(key)!;
    expect(op.retrySafe).toBe(op.kind !== 'create' && op.kind !== 'upsert');
    if (!op.retrySafe) expect(op.description).toMatch(/never retried automatically: Distribu has no idempotency keys/);
    expect(op.simpleKeys.length > 0).toBe(op.outputFields.length > 10);
    const topLevel = op.outputFields.map((f) => f.key).filter((k) => !/[.[]/.test(k));
    expect(op.simpleKeys.filter((k) => !topLevel.includes(k))).toEqual([]);
  });

  it.each(each)('%s: zod and the runtime accept the fixture, and both refuse it without each required input', (key, entry) => {
    const op = getOperation(key)!;
    const good = params[key]!;
    expect(entry.input.safeParse(good).error).toBeUndefined();
    expect(() => validateParams(op, good)).not.toThrow();
    for (const input of op.inputs.filter((i) => i.required)) {
      const { [input.key]: _dropped, ...without } = good;
      expect({ input: input.key, zod: entry.input.safeParse(without).success }).toEqual({ input: input.key, zod: false });
      expect(() => validateParams(op, without)).toThrow(`${input.label} is required`);
    }
  });
});

describe('what the sandbox returns fits the output schemas (zod and the generated JSON Schema)', () => {
  it.each(each)('%s', async (key, entry) => {
    const input = jsonSchema(key, 'input');
    expect({ valid: input(params[key]), errors: input.errors ?? null }).toEqual({ valid: true, errors: null });
    const records = await w.run(key, params[key]!, { limit: 3 });
    expect(records.length).toBeGreaterThan(0);
    const output = jsonSchema(key, 'output');
    for (const record of records) {
      expect(entry.output.safeParse(record).error).toBeUndefined();
      expect({ valid: output(record), errors: output.errors ?? null }).toEqual({ valid: true, errors: null });
    }
  });

  it('the JSON Schemas can fail: a record without its id, an order with an unknown status', () => {
    const output = jsonSchema('order.get', 'output');
    const { id: _id, ...withoutId } = getOperation('order.get')!.sample;
    expect(output(withoutId)).toBe(false);
    expect(output({ ...getOperation('order.get')!.sample, status: 'LOST' })).toBe(false);
    expect(jsonSchema('order.create', 'input')({ customerId: 'c', lineItems: [{ productId: 'p', quantity: 0 }] })).toBe(false);
  });
});
