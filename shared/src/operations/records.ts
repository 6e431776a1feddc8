import { z } from 'zod';
import { customerStatus, fullOrder, id, isoDate, money, orderStatus, tracking } from '../catalog/fields';
import type { RecordPicker } from '../runtime/operation-types';

// What Distribu's REST API returns for one record, and the pickers that choose one. Objects are
// loose: a field Distribu adds later passes through.

export const EXAMPLE_IDS = {
  order: 'clx9k2m4p0001qz8rt6vb3n7d',
  customer: 'clx9jz1aa0000qz8r4h5kd2wm',
  product: 'clx9a0b1c0003qz8r2w9e5t1y',
} as const;

export const orderRecord = z
  .looseObject({
    id: id('order'),
    status: orderStatus.describe('Order status: SUBMITTED, CONFIRMED, SHIPPED, DELIVERED or CANCELLED.'),
    total: money('Order total'),
    customerId: id('customer').nullable().describe('The customer, or null for dashboard orders without one.'),
    ...fullOrder,
    tracking: tracking.nullable().optional(),
  })
  .describe('A Distribu order with its line items.');

export const customerRecord = z
  .looseObject({
    id: id('customer'),
    email: z.string().describe('Email address, lowercased; unique per company.'),
    name: z.string().nullable().describe('Customer (business) name, or null.'),
    status: customerStatus.describe('ACTIVE, BLOCKED, or PENDING (a storefront sign-up awaiting approval).'),
    notes: z.string().nullable().describe('Internal notes, or null.'),
    creditLimit: z.number().nullable().describe('Credit limit (informational, not enforced), or null.'),
    taxRateOverride: z.number().nullable().describe('Tax rate as a fraction (0.08 = 8%), or null for the default rate.'),
    emailVerified: z.boolean().describe('Whether the customer confirmed their email address.'),
    createdAt: isoDate('When the customer was created.'),
    updatedAt: isoDate('When the customer was last updated.'),
  })
  .describe('A Distribu customer (a business that orders).');

export const productRecord = z
  .looseObject({
    id: id('product'),
    name: z.string().describe('Product name.'),
    sku: z.string().nullable().describe('Stock keeping unit, or null.'),
    description: z.string().nullable().describe('Description, or null.'),
    category: z.string().nullable().describe('Category, or null.'),
    unit: z.string().describe('Sales unit, e.g. "each" or "case".'),
    price: money('Price'),
    stock: z.number().int().describe('Units in stock (can briefly be negative).'),
    imageUrl: z.string().nullable().describe('Image URL, or null.'),
    isActive: z.boolean().describe('Whether the product is on sale.'),
    createdAt: isoDate('When the product was created.'),
    updatedAt: isoDate('When the product was last updated.'),
  })
  .describe('A Distribu product.');

export const pickers = {
  customer: { resource: 'customer', path: '/customers', searchParam: 'search', labelKeys: ['name', 'email'], urlPattern: null },
  product: { resource: 'product', path: '/products', searchParam: 'search', labelKeys: ['name', 'sku'], urlPattern: null },
  // Distribu documents an order's invoice PDF at /dashboard/orders/{id}/invoice: the order's own page is its parent.
  order: { resource: 'order', path: '/orders', searchParam: null, labelKeys: ['poNumber', 'id'], urlPattern: 'https://distribu.app/dashboard/orders/{id}' },
} satisfies Record<string, RecordPicker>;

/** A record's ID input, with the example an agent needs: `meaning` says which record it is. */
export const idInput = (resource: keyof typeof EXAMPLE_IDS, meaning: string = `The ${resource}`) =>
  z
    .string()
    .trim()
    .min(1)
    .describe(`${meaning}: its Distribu ${resource} ID, a cuid-like string such as "${EXAMPLE_IDS[resource]}". Pick it from the list, or map it from an earlier step.`);

/** Distribu reads date filters with JavaScript's Date: a date or an ISO 8601 date-time. */
export const dateInput = (meaning: string) =>
  z
    .union([z.iso.date(), z.iso.datetime({ offset: true, local: true })])
    .describe(`${meaning} A date (2026-04-01) or an ISO 8601 date-time (2026-04-01T09:00:00Z); without a time it means midnight UTC.`);
