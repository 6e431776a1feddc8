import { z } from 'zod';
import { orderStatus } from '../catalog/fields';
import { LOW_STOCK_THRESHOLD } from '../runtime/order-rules';
import { defineOperation } from './define';
import { dateInput, productRecord } from './records';

const count = (what: string) => z.number().int().describe(what);
const revenue = z.number().describe('Revenue: the sum of order totals (cancelled orders included), 2 decimals.');

const PRESETS = ['today', 'week', 'month', 'quarter', 'year', 'all'] as const;
const PRESET_LABELS = ['Today', 'Last 7 Days', 'Last 30 Days', 'Last 90 Days', 'Last 365 Days', 'All Time'];

export const salesReport = defineOperation({
  resource: 'report',
  operation: 'sales',
  kind: 'report',
  label: 'Get Sales Report',
  action: 'Get the sales report',
  description: 'Gets the sales summary for a period: order count, revenue and average order value, day by day and by status. Changes nothing.',
  method: 'GET',
  path: '/reports/sales',
  scope: 'reports:read',
  input: z.object({
    preset: z
      .enum(PRESETS)
      .default('month')
      .describe('The period: today, week (last 7 days), month (last 30 days, the default), quarter (last 90 days), year (last 365 days) or all. From and To override it.'),
    from: dateInput('Start of a custom period (overrides the preset).').optional(),
    to: dateInput('End of a custom period (overrides the preset; default now).').optional(),
  }),
  inputs: {
    preset: { in: 'query', simple: true, label: 'Period', enumLabels: PRESET_LABELS },
    from: { in: 'query' },
    to: { in: 'query' },
  },
  output: z
    .looseObject({
      range: z
        .looseObject({
          from: z.string().describe('Start of the period, ISO 8601.'),
          to: z.string().describe('End of the period, ISO 8601.'),
          preset: z.string().describe('The preset asked for.'),
          label: z.string().describe('The period in words, e.g. "Last 30 days" or "Custom range".'),
        })
        .describe('The period the report covers.'),
      totals: z
        .looseObject({
          orderCount: count('Orders placed in the period.'),
          revenue,
          averageOrderValue: z.number().describe('Revenue divided by order count, 2 decimals (0 without orders).'),
        })
        .describe('Totals over the period.'),
      daily: z
        .array(z.looseObject({ date: z.string().describe('The day, YYYY-MM-DD (UTC).'), orderCount: count('Orders that day.'), revenue }))
        .describe('One row per day that had orders, oldest first.'),
      byStatus: z
        .array(z.looseObject({ status: orderStatus.describe('Order status.'), orderCount: count('Orders in this status.'), revenue }))
        .describe('One row per order status.'),
    })
    .describe("Distribu's sales report."),
  simpleKeys: ['range', 'totals'],
  sample: {
    range: { from: '2026-03-18T10:00:00.000Z', to: '2026-04-17T10:00:00.000Z', preset: 'month', label: 'Last 30 days' },
    totals: { orderCount: 2, revenue: 262.5, averageOrderValue: 131.25 },
    daily: [
      { date: '2026-04-16', orderCount: 1, revenue: 131.25 },
      { date: '2026-04-17', orderCount: 1, revenue: 131.25 },
    ],
    byStatus: [
      { status: 'SUBMITTED', orderCount: 1, revenue: 131.25 },
      { status: 'CONFIRMED', orderCount: 0, revenue: 0 },
      { status: 'SHIPPED', orderCount: 1, revenue: 131.25 },
      { status: 'DELIVERED', orderCount: 0, revenue: 0 },
      { status: 'CANCELLED', orderCount: 0, revenue: 0 },
    ],
  },
  notes: ['Revenue includes cancelled orders, as Distribu documents.'],
});

export const customersReport = defineOperation({
  resource: 'report',
  operation: 'customers',
  kind: 'report',
  label: 'Get Customers Report',
  action: 'Get the customers report',
  description: 'Gets the customer summary: how many customers, active and blocked, and the ten with the most revenue. Changes nothing.',
  method: 'GET',
  path: '/reports/customers',
  scope: 'reports:read',
  input: z.object({}),
  inputs: {},
  output: z
    .looseObject({
      totals: z
        .looseObject({
          customerCount: count('All customers.'),
          activeCount: count('Customers with status ACTIVE.'),
          blockedCount: count('Customers with status BLOCKED.'),
        })
        .describe('Customer counts.'),
      topCustomers: z
        .array(
          z.looseObject({
            customerId: z.string().describe("The customer's ID."),
            name: z.string().nullable().describe('Customer name, or null.'),
            email: z.string().describe('Customer email.'),
            orderCount: count('Orders placed.'),
            revenue,
          }),
        )
        .describe('Up to ten customers with orders, most revenue first.'),
    })
    .describe("Distribu's customers report."),
  sample: {
    totals: { customerCount: 3, activeCount: 2, blockedCount: 1 },
    topCustomers: [{ customerId: 'clx9jz1aa0000qz8r4h5kd2wm', name: 'Acme Restaurant Group', email: 'buyer@acme.com', orderCount: 2, revenue: 262.5 }],
  },
  notes: ["Distribu does not document this report's fields; they are those the sandbox returns."],
});

export const inventoryReport = defineOperation({
  resource: 'report',
  operation: 'inventory',
  kind: 'report',
  label: 'Get Inventory Report',
  action: 'Get the inventory report',
  description: `Gets the inventory summary: product counts, stock value, and the products low on stock (more than 0 and at most ${LOW_STOCK_THRESHOLD} units). Changes nothing.`,
  method: 'GET',
  path: '/reports/inventory',
  scope: 'reports:read',
  input: z.object({}),
  inputs: {},
  output: z
    .looseObject({
      totals: z
        .looseObject({
          productCount: count('All products.'),
          activeCount: count('Products on sale.'),
          lowStockCount: count(`Products with more than 0 and at most ${LOW_STOCK_THRESHOLD} units.`),
          outOfStockCount: count('Products with 0 units or fewer.'),
          stockValue: z.number().describe('Units in stock times price, summed, 2 decimals.'),
        })
        .describe('Inventory counts and value.'),
      threshold: count('The low-stock threshold.'),
      lowStock: z.array(productRecord).describe('The products low on stock.'),
    })
    .describe("Distribu's inventory report."),
  simpleKeys: ['totals', 'threshold'],
  sample: {
    totals: { productCount: 12, activeCount: 11, lowStockCount: 1, outOfStockCount: 0, stockValue: 4210.5 },
    threshold: LOW_STOCK_THRESHOLD,
    lowStock: [
      {
        id: 'clx9a0b1c0004qz8r8u3i6o2p',
        name: 'Widget Red',
        sku: 'WDG-002',
        description: null,
        category: 'Hardware',
        unit: 'each',
        price: 9.25,
        stock: 3,
        imageUrl: null,
        isActive: true,
        createdAt: '2026-03-01T08:00:00.000Z',
        updatedAt: '2026-04-17T14:22:00.000Z',
      },
    ],
  },
  notes: ["Distribu does not document this report's fields; they are those the sandbox returns."],
});
