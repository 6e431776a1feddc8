import { z } from 'zod';
import { defineOperation, NOT_RETRIED } from './define';
import { customerRecord, EXAMPLE_IDS, idInput, pickers } from './records';

const customer = {
  id: EXAMPLE_IDS.customer,
  email: 'buyer@acme.com',
  name: 'Acme Restaurant Group',
  status: 'ACTIVE' as const,
  notes: null,
  creditLimit: 5000,
  taxRateOverride: null,
  emailVerified: false,
  createdAt: '2026-04-17T10:00:00.000Z',
  updatedAt: '2026-04-17T10:00:00.000Z',
};

/** The statuses the API sets (PENDING belongs to storefront sign-ups awaiting approval). */
const apiStatus = z.enum(['ACTIVE', 'BLOCKED']);
const STATUS_LABELS = ['Active', 'Blocked'];

const email = z
  .email()
  .max(254)
  .describe('The customer\'s email address, unique per company and stored lowercased, e.g. "buyer@acme.com".');

/** The writable fields; every one optional here, the create makes `email` required. */
const fields = {
  name: z.string().max(100).optional().describe('The customer\'s business name, up to 100 characters, e.g. "Acme Restaurant Group".'),
  status: apiStatus
    .optional()
    .describe('ACTIVE (can order, the default for a new customer) or BLOCKED (cannot place orders), e.g. "ACTIVE".'),
  notes: z.string().max(2000).optional().describe('Internal notes about the customer, up to 2000 characters, e.g. "Pays by bank transfer".'),
  creditLimit: z.number().min(0).optional().describe('Credit limit in the company currency, a number of at least 0 with up to 2 decimals, e.g. 5000. Informational: Distribu does not enforce it.'),
  taxRateOverride: z
    .number()
    .min(0)
    .max(0.3)
    .optional()
    .describe('A tax rate for this customer instead of the default, as a fraction from 0 to 0.3, e.g. 0.08 for 8% (0 means tax-exempt).'),
};
const fieldSpecs = {
  name: { in: 'body', simple: true },
  status: { in: 'body', enumLabels: STATUS_LABELS },
  notes: { in: 'body' },
  creditLimit: { in: 'body' },
  taxRateOverride: { in: 'body' },
} as const;
const customerId = idInput('customer');

export const createCustomer = defineOperation({
  resource: 'customer',
  operation: 'create',
  kind: 'create',
  effects: { destructive: false, idempotent: false },
  label: 'Create Customer',
  zapierKey: 'create_customer',
  action: 'Create a customer',
  description: `Creates a customer account (a business that can order); Distribu fires customer.created. Returns the new customer. Refused if a customer with the same email exists: use Create or Update to avoid that. ${NOT_RETRIED}`,
  method: 'POST',
  path: '/customers',
  scope: 'customers:write',
  input: z.object({ email, ...fields }),
  inputs: { email: { in: 'body' }, ...fieldSpecs },
  output: customerRecord,
  sample: customer,
});

export const getCustomer = defineOperation({
  resource: 'customer',
  operation: 'get',
  kind: 'get',
  label: 'Get Customer',
  action: 'Get a customer',
  description: 'Gets one customer by ID: email, name, status, credit limit and tax rate. Changes nothing.',
  method: 'GET',
  path: '/customers/{customerId}',
  scope: 'customers:read',
  input: z.object({ customerId }),
  inputs: { customerId: { in: 'path', picker: pickers.customer } },
  output: customerRecord,
  sample: customer,
});

export const getManyCustomers = defineOperation({
  resource: 'customer',
  operation: 'getAll',
  kind: 'getMany',
  label: 'Find Customer',
  zapierKey: 'find_customer',
  action: 'Get many customers',
  description: 'Lists customers, newest first, optionally only one status or those whose email or name contains a text. Changes nothing.',
  method: 'GET',
  path: '/customers',
  scope: 'customers:read',
  input: z.object({
    status: apiStatus.optional().describe('Only customers in this status: ACTIVE or BLOCKED, e.g. "BLOCKED". Empty for all.'),
    search: z
      .string()
      .optional()
      .describe('Only customers whose email or name contains this text, ignoring case, e.g. "acme" or "buyer@acme.com".'),
  }),
  inputs: { status: { in: 'query', enumLabels: STATUS_LABELS }, search: { in: 'query', simple: true } },
  output: customerRecord,
  pagination: { maxPageSize: 100 },
  sample: customer,
});

export const updateCustomer = defineOperation({
  resource: 'customer',
  operation: 'update',
  kind: 'update',
  // Overwrites fields; the same values again change nothing (and fire no event).
  effects: { destructive: true, idempotent: true },
  label: 'Update Customer',
  zapierKey: 'update_customer',
  action: 'Update a customer',
  description: 'Changes the given fields of a customer (fields left empty stay as they are); Distribu fires customer.updated when something changed. Returns the updated customer.',
  method: 'PATCH',
  path: '/customers/{customerId}',
  scope: 'customers:write',
  input: z.object({ customerId, email: email.optional(), ...fields }),
  inputs: { customerId: { in: 'path', picker: pickers.customer }, email: { in: 'body' }, ...fieldSpecs },
  output: customerRecord,
  sample: customer,
});

export const upsertCustomer = defineOperation({
  resource: 'customer',
  operation: 'upsert',
  kind: 'upsert',
  // A repeat finds the customer the first call created and sets the same values: no second customer.
  effects: { destructive: true, idempotent: true },
  label: 'Create or Update Customer',
  action: 'Create or update a customer',
  description: `Finds the customer with this exact email (ignoring case) and updates the given fields, or creates the customer when none has it. Running it twice with the same email leaves one customer. Needs customers:read as well as customers:write. Returns the customer. The create step is never retried automatically: Distribu has no idempotency keys.`,
  method: 'POST',
  path: '/customers',
  scope: 'customers:write',
  extraScopes: ['customers:read'],
  upsert: { by: 'email', searchParam: 'search', updateMethod: 'PATCH', updatePath: '/customers/{id}' },
  input: z.object({ email: email.describe('The email that identifies the customer: an existing customer with this address (ignoring case) is updated, otherwise one is created, e.g. "buyer@acme.com".'), ...fields }),
  inputs: { email: { in: 'body' }, ...fieldSpecs },
  output: customerRecord,
  sample: customer,
  notes: ['Matches on the whole email address, ignoring case; a customer whose email merely contains it is not a match.'],
});
