import { z } from 'zod';
import { defineEvent } from './define';
import { id, money } from './fields';

const RETURN = 'clx9r7t2u0005qz8r1k4m6n8b';
const ORDER = 'clx9k2m4p0001qz8rt6vb3n7d';
const CUSTOMER = 'clx9jz1aa0000qz8r4h5kd2wm';

const created = {
  id: id('return'),
  orderId: id('order'),
  customerId: id('customer'),
  itemCount: z.number().int().describe('Distinct line items on the return (not total quantity).'),
  reason: z.string().min(3).max(2000).describe('The reason given, 3 to 2000 characters.'),
  status: z.literal('REQUESTED').describe('Always REQUESTED for a new return.'),
};

export const returnCreated = defineEvent({
  name: 'return.created',
  resource: 'return',
  label: 'New Return',
  description: 'Triggers when a return is opened, by a customer on the storefront or by staff in the dashboard.',
  notes: ['`actor` is `staff` for returns opened in the dashboard and absent for returns opened by the customer.'],
  variants: {
    staff: z.looseObject({ ...created, actor: z.literal('staff').describe('Opened by staff in the dashboard.') }),
    customer: z.looseObject(created),
  },
  samples: [
    {
      variant: 'staff',
      title: 'Opened by staff in the dashboard',
      envelope: {
        event: 'return.created',
        timestamp: '2026-04-17T15:00:00.000Z',
        data: {
          id: RETURN,
          orderId: ORDER,
          customerId: CUSTOMER,
          itemCount: 2,
          reason: 'Two units arrived damaged in transit.',
          status: 'REQUESTED',
          actor: 'staff',
        },
      },
    },
    {
      variant: 'customer',
      title: 'Opened by the customer on the storefront',
      envelope: {
        event: 'return.created',
        timestamp: '2026-04-17T15:00:00.000Z',
        data: {
          id: RETURN,
          orderId: ORDER,
          customerId: CUSTOMER,
          itemCount: 1,
          reason: 'Ordered the wrong size.',
          status: 'REQUESTED',
        },
      },
    },
  ],
});

export const returnApproved = defineEvent({
  name: 'return.approved',
  resource: 'return',
  label: 'Return Approved',
  description: 'Triggers when a return is approved, the moment to start expecting the package.',
  variants: {
    default: z.looseObject({
      id: id('return'),
      orderId: id('order'),
      customerId: id('customer'),
      status: z.literal('APPROVED').describe('Always APPROVED.'),
    }),
  },
  samples: [
    {
      variant: 'default',
      title: 'Approved',
      envelope: {
        event: 'return.approved',
        timestamp: '2026-04-17T15:45:00.000Z',
        data: { id: RETURN, orderId: ORDER, customerId: CUSTOMER, status: 'APPROVED' },
      },
    },
  ],
});

export const refundProcessed = defineEvent({
  name: 'refund.processed',
  resource: 'refund',
  label: 'Refund Processed',
  description: 'Triggers when a refund is issued for a received return, as a credit note or a manual refund.',
  variants: {
    default: z.looseObject({
      id: id('refund'),
      returnId: id('return'),
      orderId: id('order'),
      customerId: id('customer'),
      amount: money('Refunded amount, including any override'),
      method: z.enum(['CREDIT', 'MANUAL']).describe('CREDIT (a credit note) or MANUAL (refunded out of band).'),
      breakdown: z
        .looseObject({
          goodUnits: z.number().int().describe('Units received in good condition.'),
          damagedUnits: z.number().int().describe('Units received damaged.'),
          subtotal: money('Subtotal'),
        })
        .describe('Unit breakdown from the received condition.'),
    }),
  },
  samples: [
    {
      variant: 'default',
      title: 'Credit note',
      envelope: {
        event: 'refund.processed',
        timestamp: '2026-04-17T17:10:00.000Z',
        data: {
          id: 'clx9f3g5h0006qz8r9l2p4q6s',
          returnId: RETURN,
          orderId: ORDER,
          customerId: CUSTOMER,
          amount: 42.5,
          method: 'CREDIT',
          breakdown: { goodUnits: 2, damagedUnits: 1, subtotal: 42.5 },
        },
      },
    },
  ],
});
