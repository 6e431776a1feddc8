// What Zapier shows that the shared catalog does not say in Zapier's own voice: the short action
// descriptions Zapier's style guide asks for ("Creates a ...", "Finds a ...", a sentence or two), the
// label and help of each search's term, and the inputs only the Zapier searches have. Everything
// else (inputs, samples, output fields) is the catalog's.
import type { ZapierActionField } from './input-fields';

/** A search reads at most this many pages of this size: the newest records (Distribu lists newest first). Tests make pages smaller. */
export const SEARCH_READ = { pageSize: 100, maxPages: 10 };

/** Said on every create: Distribu has no idempotency keys, so a repeat could duplicate. */
export const NOT_RETRIED = 'Never retried automatically.';

/** `display.description` of each Zapier action and search, by Zapier key. */
export const DESCRIPTIONS: Record<string, string> = {
  create_order: `Creates a new order for a customer, with its line items. ${NOT_RETRIED}`,
  update_order_status: 'Updates the status of an order: confirmed, shipped (with tracking), delivered or cancelled.',
  create_customer: `Creates a new customer account that can place orders. ${NOT_RETRIED}`,
  update_customer: 'Updates the details of a customer; fields left empty stay as they are.',
  find_order: 'Finds an order by its ID or its PO number.',
  find_customer: 'Finds a customer by email address or by name.',
  find_product: 'Finds a product by name or SKU.',
};

/** The search term of a Zapier search: a required input whose label says what it matches. */
export const SEARCH_TERMS: Record<string, { key: string; label: string; helpText: string }> = {
  find_customer: {
    key: 'search',
    label: 'Email or Name',
    helpText:
      'An email address finds the customer with that address. A name finds customers with exactly that name, ignoring capitals (see Match Partial Names).',
  },
  find_product: {
    key: 'search',
    label: 'Name or SKU',
    helpText: 'Part of the product name or SKU, e.g. "widget" or "WDG-001". An exact match comes first.',
  },
};

/** Find Customer: a name matches whole names unless the user asks for parts of names. */
export const PARTIAL_NAMES: ZapierActionField = {
  key: 'partialNames',
  label: 'Match Partial Names',
  type: 'boolean',
  required: false,
  default: 'false',
  helpText:
    'Yes: also find customers whose name or email contains the text ("Acme" finds "Acme Corp International"). No (the default): the whole name must match.',
};

/** Find Order by PO number, when no order is chosen. */
export const ORDER_PO_NUMBER: ZapierActionField = {
  key: 'poNumber',
  label: 'PO Number',
  type: 'string',
  required: false,
  helpText: `The customer's purchase order number, e.g. "PO-12345" (the whole number, ignoring capitals). Looks through the ${(SEARCH_READ.pageSize * SEARCH_READ.maxPages).toLocaleString('en-US')} newest orders.`,
};

/** `Find or Create Customer`: Zapier's pairing of Find Customer with Create Customer. */
export const FIND_OR_CREATE_CUSTOMER = {
  label: 'Find or Create Customer',
  description: `Finds a customer by email address or name, or creates one when none matches. ${NOT_RETRIED}`,
};
