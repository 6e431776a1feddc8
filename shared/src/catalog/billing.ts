import { z } from 'zod';
import { defineEvent } from './define';
import { isoDate, money } from './fields';

export const invoicePaid = defineEvent({
  name: 'invoice.paid',
  resource: 'invoice',
  label: 'Invoice Paid',
  description:
    'Triggers when an invoice of your own subscription is paid (sign-up, renewal or another subscription charge).',
  notes: ["This is Distribu's bill to you, not your customers' orders. The item keeps `stripeInvoiceId` as its reference."],
  variants: {
    default: z.looseObject({
      stripeInvoiceId: z.string().describe('The Stripe invoice ID.'),
      amountPaid: money('Amount paid'),
      currency: z.string().describe('Three-letter currency code, lowercase.'),
      hostedInvoiceUrl: z.string().nullable().describe('Link to the invoice on Stripe.'),
      number: z.string().nullable().describe('Invoice number.'),
      periodStart: isoDate('Start of the billed period.'),
      periodEnd: isoDate('End of the billed period.'),
    }),
  },
  samples: [
    {
      variant: 'default',
      title: 'Monthly renewal',
      envelope: {
        event: 'invoice.paid',
        timestamp: '2026-04-01T00:00:00.000Z',
        data: {
          stripeInvoiceId: 'in_1PqA2bB3cD4eF5gH6iJ7kL8m',
          amountPaid: 49,
          currency: 'usd',
          hostedInvoiceUrl: 'https://invoice.stripe.com/i/acct_1Nv0FG/test_YWNjdF8xTnYwRkc',
          number: 'DISTRIBU-000042',
          periodStart: '2026-04-01T00:00:00.000Z',
          periodEnd: '2026-05-01T00:00:00.000Z',
        },
      },
    },
  ],
});
