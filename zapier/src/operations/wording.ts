// What Zapier shows that the shared catalog does not say in Zapier's own voice: the one-line
// action descriptions Zapier's reviewers expect ("Creates a ...", "Finds a ..."), and the label
// and help of each search's term. Everything else (inputs, samples, output fields) is the catalog's.

/** Said on every create: Distribu has no idempotency keys, so a repeat could duplicate. */
export const NOT_RETRIED =
  'It is never retried automatically: if a run fails without a clear answer, check your account before running it again (a repeat could make a duplicate).';

/** `display.description` of each Zapier action and search, by Zapier key. */
export const DESCRIPTIONS: Record<string, string> = {
  create_order: `Creates a new order for a customer, with its line items; prices come from the catalog and stock is reduced. ${NOT_RETRIED}`,
  update_order_status: 'Updates the status of an existing order to its next step (confirmed, shipped with carrier and tracking, delivered or cancelled).',
  create_customer: `Creates a new customer account that can place orders. ${NOT_RETRIED}`,
  update_customer: 'Updates the details of an existing customer; fields left empty stay as they are.',
  find_order: 'Finds an order, with its status, total, tracking and line items.',
  find_customer: 'Finds a customer by email address (an exact match) or by part of the name.',
  find_product: 'Finds a product by part of its name or SKU (an exact match comes first).',
};

/** The search term of a Zapier search: a required input whose label says what it matches. */
export const SEARCH_TERMS: Record<string, { key: string; label: string; helpText: string }> = {
  find_customer: {
    key: 'search',
    label: 'Email or Name',
    helpText:
      'An email address finds the customer with exactly that address (ignoring case). Other text finds the customers whose name or email contains it, newest first, e.g. "Acme".',
  },
  find_product: {
    key: 'search',
    label: 'Name or SKU',
    helpText:
      'Text the product name, SKU or category contains, ignoring case, e.g. "widget" or "WDG-001". A product whose SKU or name is exactly this text comes first.',
  },
};

/** `Find or Create Customer`: Zapier's pairing of Find Customer with Create Customer. */
export const FIND_OR_CREATE_CUSTOMER = {
  label: 'Find or Create Customer',
  description: `Finds a customer by email address, or creates a new customer when none has it. ${NOT_RETRIED}`,
};
