import { z } from 'zod';
import { defineEvent } from './define';
import { customerStatus, id } from './fields';

const CUSTOMER = 'clx9jz1aa0000qz8r4h5kd2wm';
const email = z.string().describe('Email address (lowercased).');
const name = z.string().nullable().describe('Customer (business) name.');

export const customerCreated = defineEvent({
  name: 'customer.created',
  resource: 'customer',
  label: 'New Customer',
  description:
    'Triggers when a customer is created, except by staff: through the API or a storefront sign-up.',
  notes: ['`source` says which: `api` items carry `status`, `storefront` items carry `storeSlug`.'],
  variants: {
    api: z.looseObject({
      id: id('customer'),
      email,
      name,
      status: customerStatus.describe('Account status.'),
      source: z.literal('api').describe('Created with POST /api/v1/customers.'),
    }),
    storefront: z.looseObject({
      id: id('customer'),
      email,
      name,
      storeSlug: z.string().describe('The storefront the customer registered on.'),
      source: z.literal('storefront').describe('Self-registered on the storefront.'),
    }),
  },
  // A REST customer does not say how it was created: its items carry no `source`.
  list: { variant: 'api', poll: { detect: 'created' } },
  samples: [
    {
      variant: 'api',
      title: 'Created with POST /api/v1/customers',
      envelope: {
        event: 'customer.created',
        timestamp: '2026-04-17T10:00:00.000Z',
        data: { id: CUSTOMER, email: 'buyer@acme.com', name: 'Acme Restaurant Group', status: 'ACTIVE', source: 'api' },
      },
    },
    {
      variant: 'storefront',
      title: 'Self-registered on the storefront',
      envelope: {
        event: 'customer.created',
        timestamp: '2026-04-17T10:00:00.000Z',
        data: {
          id: CUSTOMER,
          email: 'buyer@acme.com',
          name: 'Acme Restaurant Group',
          storeSlug: 'acme-foods',
          source: 'storefront',
        },
      },
    },
  ],
});

export const customerUpdated = defineEvent({
  name: 'customer.updated',
  resource: 'customer',
  label: 'Updated Customer',
  description:
    "Triggers when a customer's details change (name, email, status, credit limit, tax rate override or notes).",
  notes: ['`previousStatus` is present only when the status itself changed. Blocking a customer arrives here.'],
  variants: {
    default: z.looseObject({
      id: id('customer'),
      email,
      name,
      status: customerStatus.describe('Account status after the change.'),
      previousStatus: customerStatus.optional().describe('The status before, only when the status changed.'),
    }),
  },
  list: { variant: 'default' },
  samples: [
    {
      variant: 'default',
      title: 'Status changed from PENDING to ACTIVE',
      envelope: {
        event: 'customer.updated',
        timestamp: '2026-04-17T10:30:00.000Z',
        data: {
          id: CUSTOMER,
          email: 'newbuyer@acme.com',
          name: 'Acme Restaurant Group',
          status: 'ACTIVE',
          previousStatus: 'PENDING',
        },
      },
    },
    {
      variant: 'default',
      title: 'Email changed, status unchanged',
      envelope: {
        event: 'customer.updated',
        timestamp: '2026-04-17T10:30:00.000Z',
        data: { id: CUSTOMER, email: 'newbuyer@acme.com', name: 'Acme Restaurant Group', status: 'ACTIVE' },
      },
    },
  ],
});
