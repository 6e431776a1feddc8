import { z } from 'zod';
import { defineEvent } from './define';
import { id, money } from './fields';
import { LOW_STOCK_THRESHOLD } from '../runtime/order-rules';

const PRODUCT = 'clx9a0b1c0003qz8r2w9e5t1y';
const sku = z.string().nullable().describe('Stock keeping unit.');
const name = z.string().describe('Product name.');

export const productUpdated = defineEvent({
  name: 'product.updated',
  resource: 'product',
  label: 'Updated Product',
  description:
    'Triggers when a product is edited (price, stock, details, category) or activated or deactivated.',
  notes: [
    'Activate and Deactivate send a light payload (`productId`, `sku`, `name`, `isActive`): `updateType` is `activation` for those and `details` otherwise.',
    'Product creation fires nothing.',
  ],
  variants: {
    details: z.looseObject({
      id: id('product'),
      sku,
      name,
      price: money('Price'),
      stock: z.number().int().describe('Units in stock.'),
      isActive: z.boolean().describe('Whether the product is on sale.'),
      category: z.string().nullable().describe('Category, or null.'),
    }),
    activation: z.looseObject({
      id: id('product'),
      sku,
      name,
      isActive: z.boolean().describe('Whether the product is on sale.'),
    }),
  },
  discriminator: {
    key: 'updateType',
    label: 'Update Type',
    rules: [{ variant: 'details', has: 'price' }, { variant: 'activation' }],
  },
  list: { variant: 'details', poll: { detect: 'updated' } },
  samples: [
    {
      variant: 'details',
      title: 'Price and stock edited',
      envelope: {
        event: 'product.updated',
        timestamp: '2026-04-17T12:05:00.000Z',
        data: { id: PRODUCT, sku: 'WDG-001', name: 'Widget Blue', price: 8.5, stock: 42, isActive: true, category: 'Hardware' },
      },
    },
    {
      variant: 'activation',
      title: 'Deactivated',
      envelope: {
        event: 'product.updated',
        timestamp: '2026-04-17T12:05:00.000Z',
        data: { id: PRODUCT, sku: 'WDG-001', name: 'Widget Blue', isActive: false },
      },
    },
  ],
});

const lowStockData = {
  id: id('product'),
  sku,
  name,
  currentStock: z.number().int().describe('Stock after the decrement.'),
  threshold: z.number().int().describe('The low-stock cutoff.'),
};

export const productLowStock = defineEvent({
  name: 'product.low_stock',
  resource: 'product',
  label: 'Product Stock Ran Low',
  description:
    "Triggers when a product's stock drops to its low-stock threshold or below (once, until stock climbs back above it).",
  notes: ['`triggeringOrderId` is null when a manual stock adjustment, not an order, caused the drop.'],
  variants: {
    order: z.looseObject({ ...lowStockData, triggeringOrderId: id('order').describe('The order that pushed stock down.') }),
    manual: z.looseObject({ ...lowStockData, triggeringOrderId: z.null().describe('Null: a manual adjustment.') }),
  },
  list: {
    variant: 'manual',
    where: { field: 'stock', gt: 0, lte: LOW_STOCK_THRESHOLD },
    from: { currentStock: 'stock' },
    defaults: { threshold: LOW_STOCK_THRESHOLD, triggeringOrderId: null },
    note: 'Products whose stock is above 0 and at most 5.',
    poll: { detect: 'entered' },
  },
  samples: [
    {
      variant: 'order',
      title: 'Pushed below the threshold by an order',
      envelope: {
        event: 'product.low_stock',
        timestamp: '2026-04-17T14:22:00.000Z',
        data: {
          id: PRODUCT,
          sku: 'WDG-001',
          name: 'Widget Blue',
          currentStock: 3,
          threshold: 5,
          triggeringOrderId: 'clx9k2m4p0001qz8rt6vb3n7d',
        },
      },
    },
    {
      variant: 'manual',
      title: 'Manual stock adjustment',
      envelope: {
        event: 'product.low_stock',
        timestamp: '2026-04-17T14:22:00.000Z',
        data: { id: PRODUCT, sku: 'WDG-001', name: 'Widget Blue', currentStock: 4, threshold: 5, triggeringOrderId: null },
      },
    },
  ],
});
