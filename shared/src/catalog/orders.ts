import { z } from 'zod';
import { ORDER_STATUSES, TRANSITIONS } from '../runtime/order-rules';
import { defineEvent } from './define';
import { fullOrder, id, money, orderStatus, tracking } from './fields';

const ORDER = 'clx9k2m4p0001qz8rt6vb3n7d';
const CUSTOMER = 'clx9jz1aa0000qz8r4h5kd2wm';
const ups = {
  carrier: 'UPS' as const,
  number: '1Z999AA10123456784',
  url: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
};
const items = [
  {
    id: 'clx9k2m4p0002qz8rxq1c8v0e',
    quantity: 10,
    unitPrice: 8.5,
    productId: 'clx9a0b1c0003qz8r2w9e5t1y',
    productName: 'Widget Blue',
    productSku: 'WDG-001',
  },
  {
    id: 'clx9k2m4p0003qz8r7j2d4f6g',
    quantity: 5,
    unitPrice: 9.25,
    productId: 'clx9a0b1c0004qz8r8u3i6o2p',
    productName: 'Widget Red',
    productSku: 'WDG-002',
  },
];

const statusChangeBase = {
  id: id('order'),
  status: orderStatus.describe('The new status.'),
  previousStatus: orderStatus.describe('The status before this change.'),
  total: money('Order total'),
  customerId: id('customer').nullable().describe('The customer, or null for dashboard orders without one.'),
  tracking: tracking.nullable(),
};

export const orderCreated = defineEvent({
  name: 'order.created',
  resource: 'order',
  label: 'New Order',
  description:
    'Triggers when a new order is placed from the storefront or the API (orders entered in the dashboard never fire it).',
  notes: [
    'Storefront orders carry `itemCount` and no line items; API orders carry the full order. Every item says which with `source`, and both have `itemCount`.',
    'Turn on "Fetch full order" to load the line items of storefront orders.',
  ],
  variants: {
    storefront: z.looseObject({
      id: id('order'),
      status: z.literal('SUBMITTED').describe('Always SUBMITTED for a new order.'),
      total: money('Order total'),
      customerId: id('customer'),
      poNumber: z.string().nullable().describe('Purchase order number, or null.'),
      itemCount: z.number().int().describe('Number of line items (not total quantity).'),
    }),
    api: z.looseObject({
      id: id('order'),
      status: z.literal('SUBMITTED').describe('Always SUBMITTED for a new order.'),
      total: money('Order total'),
      customerId: id('customer'),
      ...fullOrder,
    }),
  },
  discriminator: {
    key: 'source',
    label: 'Source',
    rules: [{ variant: 'api', has: 'items' }, { variant: 'storefront' }],
  },
  derive: { countOf: { itemCount: 'items' } },
  // `since` filters createdAt, so a poll reads only what is new; dashboard orders are listed too.
  list: { variant: 'api', poll: { detect: 'created', since: 'since' } },
  samples: [
    {
      variant: 'api',
      title: 'Placed with POST /api/v1/orders',
      envelope: {
        event: 'order.created',
        timestamp: '2026-04-16T14:22:00.000Z',
        data: {
          id: ORDER,
          status: 'SUBMITTED',
          poNumber: 'PO-12345',
          notes: null,
          total: 131.25,
          createdAt: '2026-04-16T14:22:00.000Z',
          updatedAt: '2026-04-16T14:22:00.000Z',
          customerId: CUSTOMER,
          items,
        },
      },
    },
    {
      variant: 'storefront',
      title: 'Placed from the storefront',
      envelope: {
        event: 'order.created',
        timestamp: '2026-04-16T14:22:00.000Z',
        data: { id: ORDER, status: 'SUBMITTED', total: 131.25, customerId: CUSTOMER, poNumber: 'PO-12345', itemCount: 2 },
      },
    },
  ],
});

export const orderStatusChanged = defineEvent({
  name: 'order.status_changed',
  resource: 'order',
  label: 'Order Status Changed',
  description: 'Triggers when an order moves from one status to another, from the dashboard, the API or automatically.',
  notes: [
    'Changes made with PATCH /api/v1/orders/{id} also carry the full order (`items`, `poNumber`, `notes`, `createdAt`, `updatedAt`).',
    'Items loaded from the REST API (Zapier test data) have `previousStatus: null`: the API does not keep status history.',
  ],
  variants: {
    basic: z.looseObject(statusChangeBase),
    full: z.looseObject({ ...statusChangeBase, ...fullOrder }),
  },
  list: {
    variant: 'full',
    defaults: { previousStatus: null },
    // Distribu has no "updated since" filter: a poll re-reads the orders created within a window.
    poll: {
      detect: 'changed',
      field: 'status',
      previous: 'previousStatus',
      initial: 'SUBMITTED',
      final: ORDER_STATUSES.filter((status) => TRANSITIONS[status].length === 0),
      since: 'since',
      lookbackDays: 30,
    },
  },
  samples: [
    {
      variant: 'full',
      title: 'Shipped with PATCH /api/v1/orders/{id} (full order, tracking)',
      envelope: {
        event: 'order.status_changed',
        timestamp: '2026-04-17T09:10:00.000Z',
        data: {
          id: ORDER,
          status: 'SHIPPED',
          previousStatus: 'CONFIRMED',
          total: 131.25,
          customerId: CUSTOMER,
          tracking: ups,
          poNumber: 'PO-12345',
          notes: null,
          createdAt: '2026-04-16T14:22:00.000Z',
          updatedAt: '2026-04-17T09:10:00.000Z',
          items,
        },
      },
    },
    {
      variant: 'basic',
      title: 'Confirmed in the dashboard',
      envelope: {
        event: 'order.status_changed',
        timestamp: '2026-04-17T09:10:00.000Z',
        data: { id: ORDER, status: 'CONFIRMED', previousStatus: 'SUBMITTED', total: 131.25, customerId: CUSTOMER, tracking: null },
      },
    },
    {
      variant: 'basic',
      title: 'Delivered, tracking kept from the shipment',
      envelope: {
        event: 'order.status_changed',
        timestamp: '2026-04-19T16:40:00.000Z',
        data: { id: ORDER, status: 'DELIVERED', previousStatus: 'SHIPPED', total: 131.25, customerId: CUSTOMER, tracking: ups },
      },
    },
  ],
});

export const orderShipped = defineEvent({
  name: 'order.shipped',
  resource: 'order',
  label: 'Order Shipped',
  description: 'Triggers when an order is marked shipped, with its tracking details.',
  notes: ['Fires in addition to Order Status Changed.'],
  variants: {
    default: z.looseObject({
      id: id('order'),
      previousStatus: orderStatus.describe('The status before shipping.'),
      total: money('Order total'),
      customerId: id('customer').nullable().describe('The customer, or null for dashboard orders without one.'),
      tracking: tracking.describe('Shipment tracking; always present on this event.'),
    }),
  },
  list: { variant: 'default', query: { status: 'SHIPPED' }, defaults: { previousStatus: 'CONFIRMED' } },
  samples: [
    {
      variant: 'default',
      title: 'Shipped with UPS',
      envelope: {
        event: 'order.shipped',
        timestamp: '2026-04-17T09:10:00.000Z',
        data: { id: ORDER, previousStatus: 'CONFIRMED', total: 131.25, customerId: CUSTOMER, tracking: ups },
      },
    },
  ],
});

export const orderCancelled = defineEvent({
  name: 'order.cancelled',
  resource: 'order',
  label: 'Order Cancelled',
  description: 'Triggers when an order is cancelled.',
  notes: ['Fires in addition to Order Status Changed. Cancelling does not open a return or restock.'],
  variants: {
    default: z.looseObject({
      id: id('order'),
      previousStatus: orderStatus.describe('The status before cancelling (SUBMITTED or CONFIRMED).'),
      total: money('Order total'),
      customerId: id('customer').nullable().describe('The customer, or null for dashboard orders without one.'),
    }),
  },
  list: { variant: 'default', query: { status: 'CANCELLED' }, defaults: { previousStatus: null } },
  samples: [
    {
      variant: 'default',
      title: 'Cancelled after confirmation',
      envelope: {
        event: 'order.cancelled',
        timestamp: '2026-04-17T11:42:00.000Z',
        data: { id: ORDER, previousStatus: 'CONFIRMED', total: 131.25, customerId: CUSTOMER },
      },
    },
  ],
});
