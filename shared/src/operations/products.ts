import { z } from 'zod';
import { LOW_STOCK_THRESHOLD } from '../runtime/order-rules';
import { defineOperation } from './define';
import { EXAMPLE_IDS, idInput, pickers, productRecord } from './records';

const product = {
  id: EXAMPLE_IDS.product,
  name: 'Widget Blue',
  sku: 'WDG-001',
  description: 'A blue widget, sold by the unit.',
  category: 'Hardware',
  unit: 'each',
  price: 8.5,
  stock: 42,
  imageUrl: null,
  isActive: true,
  createdAt: '2026-03-01T08:00:00.000Z',
  updatedAt: '2026-04-17T12:05:00.000Z',
};
const PRODUCT_SIMPLE_KEYS = ['id', 'name', 'sku', 'category', 'unit', 'price', 'stock', 'isActive'] as const;

export const getProduct = defineOperation({
  resource: 'product',
  operation: 'get',
  kind: 'get',
  label: 'Get Product',
  action: 'Get a product',
  description: 'Gets one product by ID: name, SKU, price, stock and whether it is on sale. Changes nothing.',
  method: 'GET',
  path: '/products/{productId}',
  scope: 'products:read',
  input: z.object({ productId: idInput('product') }),
  inputs: { productId: { in: 'path', picker: pickers.product } },
  output: productRecord,
  simpleKeys: [...PRODUCT_SIMPLE_KEYS],
  sample: product,
});

export const getManyProducts = defineOperation({
  resource: 'product',
  operation: 'getAll',
  kind: 'getMany',
  label: 'Find Product',
  zapierKey: 'find_product',
  action: 'Get many products',
  description: `Lists products, newest first, optionally one category, those matching a text, only active or inactive ones, or only those low on stock (more than 0 and at most ${LOW_STOCK_THRESHOLD} units, the Product Low Stock trigger's rule). Changes nothing.`,
  method: 'GET',
  path: '/products',
  scope: 'products:read',
  input: z.object({
    category: z.string().optional().describe('Only products in exactly this category, e.g. "Hardware". Empty for all.'),
    search: z.string().optional().describe('Only products whose name, SKU or category contains this text, ignoring case, e.g. "widget" or "WDG-001".'),
    active: z.boolean().optional().describe('true: only products on sale; false: only deactivated ones. Empty for both.'),
    lowStockOnly: z
      .boolean()
      .default(false)
      .describe(`true: only products with more than 0 and at most ${LOW_STOCK_THRESHOLD} units in stock (Distribu's low-stock threshold). Out-of-stock products are not included. Applied to Distribu's answer, so Limit counts the products kept.`),
  }),
  inputs: {
    category: { in: 'query' },
    search: { in: 'query', simple: true },
    active: { in: 'query' },
    lowStockOnly: { in: 'query', local: true, label: 'Low Stock Only' },
  },
  output: productRecord,
  pagination: { maxPageSize: 100 },
  simpleKeys: [...PRODUCT_SIMPLE_KEYS],
  sample: product,
  notes: [`Low Stock Only keeps products with stock > 0 and ≤ ${LOW_STOCK_THRESHOLD}: the same rule as the Product Low Stock trigger. Distribu has no such filter, so the connector reads pages and filters them.`],
});
