import { dirname } from 'node:path';
import { NOT_RETRIED, type OperationEntry } from '@distribu/shared/operations';
import { productRecord } from '../../shared/src/operations/records';
import { mcpTool } from '../../mcp/scripts/tools';

// The catalog's zod (v4), wherever the install put it: the repository root may hold another major.
const { z } = require(require.resolve('zod', { paths: [dirname(require.resolve('@distribu/shared/package.json'))] })) as typeof import('zod');

// The generator on an entry the catalog does not have: a new operation becomes a tool with no
// other code, and an entry missing a fact an agent must get is refused.
const createProduct = {
  resource: 'product',
  operation: 'create',
  kind: 'create',
  effects: { destructive: false, idempotent: false },
  label: 'Create Product',
  action: 'Create a product',
  description: `Creates a product. ${NOT_RETRIED}`,
  method: 'POST',
  path: '/products',
  scope: 'products:write',
  input: z.object({
    name: z.string().min(1).describe('The product name, e.g. "Widget Blue".'),
    price: z.number().min(0).describe('The price, a number of at least 0, e.g. 8.5.'),
    sku: z.string().optional().describe('The stock keeping unit, e.g. "WDG-001". Optional.'),
  }),
  inputs: { name: { in: 'body' }, price: { in: 'body' }, sku: { in: 'body' } },
  output: productRecord,
  sample: {
    id: 'clx9a0b1c0003qz8r2w9e5t1y', name: 'Widget Blue', sku: 'WDG-001', description: null, category: null, unit: 'each',
    price: 8.5, stock: 0, imageUrl: null, isActive: true, createdAt: '2026-03-01T08:00:00.000Z', updatedAt: '2026-03-01T08:00:00.000Z',
  },
};
const entry = (changes: Record<string, unknown> = {}) => ({ ...createProduct, ...changes }) as unknown as OperationEntry;

it('a new catalog entry becomes a tool: name, schemas, annotations and description from the entry alone', () => {
  const tool = mcpTool(entry());
  expect(tool).toMatchObject({
    name: 'product_create',
    operation: 'product.create',
    title: 'Create Product',
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  });
  expect(tool.description).toBe(`Creates a product. ${NOT_RETRIED} Needs an API key with the "products:write" scope.`);
  expect(tool.inputSchema).toEqual({
    type: 'object',
    properties: {
      name: { type: 'string', minLength: 1, description: 'The product name, e.g. "Widget Blue".' },
      price: { type: 'number', minimum: 0, description: 'The price, a number of at least 0, e.g. 8.5.' },
      sku: { type: 'string', description: 'The stock keeping unit, e.g. "WDG-001". Optional.' },
    },
    required: ['name', 'price'],
  });
  expect(tool.outputSchema).toMatchObject({ type: 'object', examples: [createProduct.sample] });
});

it('refuses a write without its effects, and a create whose description does not say it is never retried', () => {
  expect(() => mcpTool(entry({ effects: undefined }))).toThrow('product.create changes something: state its effects (destructive, idempotent) in the catalog.');
  expect(() => mcpTool(entry({ description: 'Creates a product.' }))).toThrow("product.create: a create's description must say it is never retried.");
});
