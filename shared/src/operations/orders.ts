import { z } from 'zod';
import { carrier, orderStatus } from '../catalog/fields';
import { CARRIERS, ORDER_STATUSES, TRANSITIONS, transitionsText } from '../runtime/order-rules';
import { defineOperation, NOT_RETRIED } from './define';
import { dateInput, EXAMPLE_IDS, idInput, orderRecord, pickers } from './records';

const ups = { carrier: 'UPS' as const, number: '1Z999AA10123456784', url: 'https://www.ups.com/track?tracknum=1Z999AA10123456784' };
const items = [
  { id: 'clx9k2m4p0002qz8rxq1c8v0e', quantity: 10, unitPrice: 8.5, productId: EXAMPLE_IDS.product, productName: 'Widget Blue', productSku: 'WDG-001' },
  { id: 'clx9k2m4p0003qz8r7j2d4f6g', quantity: 5, unitPrice: 9.25, productId: 'clx9a0b1c0004qz8r8u3i6o2p', productName: 'Widget Red', productSku: 'WDG-002' },
];
const order = {
  id: EXAMPLE_IDS.order,
  status: 'SUBMITTED' as const,
  poNumber: 'PO-12345',
  notes: null,
  total: 131.25,
  createdAt: '2026-04-16T14:22:00.000Z',
  updatedAt: '2026-04-16T14:22:00.000Z',
  customerId: EXAMPLE_IDS.customer,
  tracking: null,
  items,
};
const orderId = idInput('order');
const orderIdSpec = { in: 'path', simple: true, picker: pickers.order } as const;
const title = (s: string) => s.charAt(0) + s.slice(1).toLowerCase().replace(/_/g, ' ');
const CARRIER_LABELS = ['UPS', 'USPS', 'FedEx', 'DHL', 'Canada Post', 'Other'];
/** Statuses an order can be moved to: every status some transition leads to. */
const TARGETS = ORDER_STATUSES.filter((s) => Object.values(TRANSITIONS).some((next) => next.includes(s)));
const ORDER_SIMPLE_KEYS = ['id', 'status', 'total', 'customerId', 'poNumber', 'notes', 'tracking', 'createdAt', 'updatedAt'] as const;

export const createOrder = defineOperation({
  resource: 'order',
  operation: 'create',
  kind: 'create',
  effects: { destructive: false, idempotent: false },
  label: 'Create Order',
  zapierKey: 'create_order',
  action: 'Create an order',
  description: `Places an order for a customer: prices come from the catalog (with the customer's price overrides), stock is reduced and Distribu fires order.created. Returns the new order with its line items. ${NOT_RETRIED}`,
  method: 'POST',
  path: '/orders',
  scope: 'orders:write',
  input: z.object({
    customerId: idInput('customer', 'The customer who places the order'),
    lineItems: z
      .array(
        z.object({
          productId: idInput('product'),
          quantity: z.number().int().min(1).describe('How many units of the product, a whole number of at least 1, e.g. 10.'),
        }),
      )
      .min(1)
      .describe('The products ordered: one line per product with its quantity, e.g. [{"productId": "clx9a0b1c0003qz8r2w9e5t1y", "quantity": 10}]. At least one line.'),
    poNumber: z.string().max(100).optional().describe("The customer's purchase order number, free text, e.g. \"PO-12345\". Optional."),
    notes: z.string().max(2000).optional().describe('Notes on the order for the team, up to 2000 characters, e.g. "Deliver to the back door". Optional.'),
  }),
  inputs: {
    customerId: { in: 'body', picker: pickers.customer },
    lineItems: {
      in: 'body',
      apiName: 'items',
      label: 'Line Items',
      items: { productId: { picker: pickers.product, simple: true }, quantity: { simple: true } },
    },
    poNumber: { in: 'body', label: 'PO Number' },
    notes: { in: 'body' },
  },
  output: orderRecord,
  simpleKeys: [...ORDER_SIMPLE_KEYS],
  sample: order,
  notes: [
    'Distribu refuses the order (and nothing is created) when the customer is blocked, a product is unknown or inactive, or stock is short: the message says which.',
  ],
});

export const getOrder = defineOperation({
  resource: 'order',
  operation: 'get',
  kind: 'get',
  label: 'Find Order',
  zapierKey: 'find_order',
  action: 'Get an order',
  description: 'Gets one order by its ID, with its status, total, tracking and line items. Changes nothing.',
  method: 'GET',
  path: '/orders/{orderId}',
  scope: 'orders:read',
  input: z.object({ orderId }),
  inputs: { orderId: orderIdSpec },
  output: orderRecord,
  simpleKeys: [...ORDER_SIMPLE_KEYS],
  sample: order,
});

export const getManyOrders = defineOperation({
  resource: 'order',
  operation: 'getAll',
  kind: 'getMany',
  label: 'List Orders',
  action: 'Get many orders',
  description: 'Lists orders, newest first, optionally only one status, one customer or a creation-date window. Changes nothing.',
  method: 'GET',
  path: '/orders',
  scope: 'orders:read',
  input: z.object({
    status: orderStatus.optional().describe('Only orders in this status: SUBMITTED, CONFIRMED, SHIPPED, DELIVERED or CANCELLED, e.g. "SUBMITTED" for new orders to confirm. Empty for all.'),
    customerId: idInput('customer', 'Only the orders of this customer').optional(),
    createdAfter: dateInput('Only orders created at or after this moment.').optional(),
    createdBefore: dateInput('Only orders created at or before this moment.').optional(),
  }),
  inputs: {
    status: { in: 'query', simple: true, enumLabels: ORDER_STATUSES.map(title) },
    customerId: { in: 'query', picker: pickers.customer },
    createdAfter: { in: 'query', apiName: 'since' },
    createdBefore: { in: 'query', apiName: 'until' },
  },
  output: orderRecord,
  pagination: { maxPageSize: 100 },
  simpleKeys: [...ORDER_SIMPLE_KEYS],
  sample: order,
});

export const updateOrderStatus = defineOperation({
  resource: 'order',
  operation: 'updateStatus',
  kind: 'update',
  // Cancelling is final; the same status again is refused and changes nothing.
  effects: { destructive: true, idempotent: true },
  label: 'Update Order Status',
  zapierKey: 'update_order_status',
  action: 'Update the status of an order',
  description: `Moves an order to its next status (${transitionsText()}); SHIPPED needs a carrier and tracking number. Distribu fires order.status_changed (and order.shipped or order.cancelled). Returns the updated order. Any other change is refused and nothing changes.`,
  method: 'PATCH',
  path: '/orders/{orderId}',
  scope: 'orders:write',
  input: z
    .object({
      orderId,
      status: z
        .enum(TARGETS as [string, ...string[]])
        .describe(`The new status: ${TARGETS.join(', ')}, e.g. "CONFIRMED". It must be a next step from the current one: ${transitionsText()}.`),
      carrier: carrier
        .optional()
        .describe(`The shipping carrier, required when the status is SHIPPED: one of ${CARRIERS.join(', ')}, e.g. "UPS".`),
      trackingNumber: z
        .string()
        .optional()
        .describe('The shipment\'s tracking number, required when the status is SHIPPED, e.g. "1Z999AA10123456784" (spaces are removed).'),
      trackingUrl: z
        .url({ protocol: /^https?$/ })
        .optional()
        .describe('A tracking page URL (http or https), used when the carrier is OTHER, e.g. "https://track.example.com/1234". For the named carriers Distribu builds the URL itself.'),
    })
    .superRefine((value, ctx) => {
      if (value.status !== 'SHIPPED') return;
      for (const key of ['carrier', 'trackingNumber'] as const) {
        if (!value[key]) ctx.addIssue({ code: 'custom', path: [key], message: `${key} is required when the status is SHIPPED.` });
      }
    }),
  inputs: {
    orderId: orderIdSpec,
    status: { in: 'body', simple: true, enumLabels: TARGETS.map(title) },
    carrier: {
      in: 'body',
      apiName: 'tracking.carrier',
      simple: true,
      enumLabels: CARRIER_LABELS,
      showWhen: { key: 'status', values: ['SHIPPED'] },
      requiredWhen: { key: 'status', values: ['SHIPPED'] },
    },
    trackingNumber: {
      in: 'body',
      apiName: 'tracking.number',
      simple: true,
      showWhen: { key: 'status', values: ['SHIPPED'] },
      requiredWhen: { key: 'status', values: ['SHIPPED'] },
    },
    trackingUrl: { in: 'body', apiName: 'tracking.url', label: 'Tracking URL', showWhen: { key: 'status', values: ['SHIPPED'] } },
  },
  output: orderRecord,
  simpleKeys: [...ORDER_SIMPLE_KEYS],
  sample: { ...order, status: 'SHIPPED', updatedAt: '2026-04-17T09:10:00.000Z', tracking: ups },
  notes: [
    'A change the state machine does not allow is refused with a message naming the statuses the order can move to; the order is unchanged.',
    'DELIVERED and CANCELLED are final. Cancelling does not restock.',
  ],
});
