import { z } from 'zod';
import { CARRIERS, CUSTOMER_STATUSES, ORDER_STATUSES } from '../runtime/order-rules';

// Building blocks reused across events. Objects are loose: Distribu adds fields over time and an
// unknown field must pass through, never fail a delivery.

export const id = (what: string) => z.string().min(1).describe(`The ${what}'s ID (a cuid-like string).`);
export const isoDate = (what: string) => z.iso.datetime({ offset: true }).describe(what);
export const money = (what: string) => z.number().describe(`${what}, a number with 2 decimals.`);

export const orderStatus = z.enum(ORDER_STATUSES);
export const customerStatus = z.enum(CUSTOMER_STATUSES);
export const carrier = z.enum(CARRIERS);

export const tracking = z
  .looseObject({
    carrier: carrier.describe('Shipping carrier.'),
    number: z.string().describe('Tracking number, whitespace stripped.'),
    url: z.string().nullable().describe('Tracking URL; null on legacy rows.'),
  })
  .describe('Shipment tracking, populated once the order has been marked SHIPPED.');

export const orderItem = z.looseObject({
  id: id('line item'),
  quantity: z.number().int().describe('Quantity ordered.'),
  unitPrice: money('Unit price frozen at placement'),
  productId: id('product'),
  productName: z.string().describe('Product name (read live from the product).'),
  productSku: z.string().nullable().describe('Product SKU (read live from the product).'),
});

/** Fields of the full order object that API-sourced order events carry. */
export const fullOrder = {
  poNumber: z.string().nullable().describe('Purchase order number, or null.'),
  notes: z.string().nullable().describe('Order notes, or null.'),
  createdAt: isoDate('When the order was created.'),
  updatedAt: isoDate('When the order was last updated.'),
  items: z.array(orderItem).describe('Line items.'),
};
