// Distribu's Zapier actions and searches in Zapier's voice (its style guide asks for short descriptions: "Creates
// a ...", "Finds a ...", a sentence or two), how its searches match, Find or Create Customer, and what an order
// adds to its record: its customer's name and its page in Distribu. Which operations Zapier offers is the catalog's
// `zapierKey` (shared/src/operations/); the app's glue is zapier/src/provider/.
import type { ZapierActions } from '../../kit/zapier';

/** Said on every create: Distribu has no idempotency keys, so a repeat could duplicate. */
const NOT_RETRIED = 'Never retried automatically.';

/**
 * An order as a person knows it: its PO number, its customer and its date, e.g.
 * `PO-12345 · Acme Restaurant Group · 2026-04-16`; without a PO number and a customer, its date and total.
 */
export function orderLabel(order: Record<string, unknown>, customerName: string | null): string {
  const date = typeof order.createdAt === 'string' ? order.createdAt.slice(0, 10) : '';
  const po = typeof order.poNumber === 'string' && order.poNumber.trim() ? order.poNumber.trim() : '';
  if (!po && !customerName) return `Order of ${date || 'unknown date'}, total ${String(order.total ?? '?')}`;
  return [po, customerName, date].filter(Boolean).join(' · ');
}

export const distribuZapierActions: ZapierActions = {
  descriptions: {
    create_order: `Creates a new order for a customer, with its line items. ${NOT_RETRIED}`,
    update_order_status: 'Updates the status of an order: confirmed, shipped (with tracking), delivered or cancelled.',
    create_customer: `Creates a new customer account that can place orders. ${NOT_RETRIED}`,
    update_customer: 'Updates the details of a customer; fields left empty stay as they are.',
    find_order: 'Finds an order by its ID or its PO number.',
    find_customer: 'Finds a customer by email address or by name.',
    find_product: 'Finds a product by name or SKU.',
  },
  searches: {
    // Distribu cannot filter orders by PO number: the newest pages are read and compared.
    find_order: {
      kind: 'id',
      id: { key: 'orderId', helpText: 'Choose the order from the list, or use the order ID from an earlier step. Leave empty to find it by PO number.' },
      alternate: {
        field: {
          key: 'poNumber',
          label: 'PO Number',
          type: 'string',
          required: false,
          helpText: `The customer's purchase order number, e.g. "PO-12345" (the whole number, ignoring capitals). Looks through the {newest} newest orders.`,
        },
        list: 'order.getAll',
        matchKey: 'poNumber',
        missing: 'Choose an Order, or enter a PO Number to find the order by.',
      },
    },
    // Distribu's `search` narrows the list by "contains"; whole names and emails are compared here.
    find_customer: {
      kind: 'term',
      term: {
        key: 'search',
        label: 'Email or Name',
        helpText:
          'An email address finds the customer with that address. A name finds customers with exactly that name, ignoring capitals (see Match Partial Names).',
      },
      // "  Acme   Corp " finds "Acme Corp".
      sendAsCompared: true,
      exactKeys: ['email', 'name'],
      emailKey: 'email',
      whole: {
        key: 'name',
        partial: {
          key: 'partialNames',
          label: 'Match Partial Names',
          type: 'boolean',
          required: false,
          default: 'false',
          helpText:
            'Yes: also find customers whose name or email contains the text ("Acme" finds "Acme Corp International"). No (the default): the whole name must match.',
        },
      },
    },
    find_product: {
      kind: 'term',
      term: { key: 'search', label: 'Name or SKU', helpText: 'Part of the product name or SKU, e.g. "widget" or "WDG-001". An exact match comes first.' },
      sendAsCompared: false,
      exactKeys: ['sku', 'name'],
    },
  },
  searchOrCreates: [
    {
      search: 'find_customer',
      create: 'create_customer',
      label: 'Find or Create Customer',
      description: `Finds a customer by email address or name, or creates one when none matches. ${NOT_RETRIED}`,
    },
  ],
  records: {
    order: {
      related: { idKey: 'customerId', resource: 'customer', path: '/customers', nameKeys: ['name', 'email'], key: 'customerName', label: 'Customer Name', example: 'Acme Restaurant Group' },
      page: { key: 'dashboardUrl', label: 'Order Page in Distribu' },
      choiceLabel: orderLabel,
    },
  },
  listLabels: { items: 'Line Item' },
};
