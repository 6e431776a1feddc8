import { type CatalogEntry, type EventName, LOW_STOCK_THRESHOLD } from '@distribu/shared/catalog';
import type { Company } from '../domain/company';
import { payInvoice } from '../domain/billing';
import { createCustomer, updateCustomer } from '../domain/customers';
import { placeOrder, transitionOrder } from '../domain/orders';
import { editProduct, setProductActive } from '../domain/products';
import { approveReturn, openReturn, refundReturn } from '../domain/returns';
import type { Fired } from '../outbound/emitter';
import { invalid } from '../http/errors';
import { own } from '../http/own';
import { anyCustomer, freshCustomer, freshProduct, orderIn, returnIn, stockedProduct } from './before-state';
import type { OrderStatus } from '../state/store';

/** Options a fire request may pass (e.g. `status` for order.status_changed). */
export type FireOptions = Record<string, unknown>;
export type Producer = (company: Company, options: FireOptions) => Fired[];
type VariantsOf<N extends EventName> = Extract<keyof Extract<CatalogEntry, { name: N }>['variants'], string>;

/**
 * How each documented variant of each event really happens: a silent "before" state (before-state.ts)
 * and then the real state change through the domain code the API and the actions use. The type
 * makes a new catalog event or variant a compile error here until it can be produced.
 */
export const producers: { [N in EventName]: { [V in VariantsOf<N>]: Producer } } = {
  'order.created': {
    api: (company) => placeOrder(company, orderFor(company), 'api').fired,
    storefront: (company) => placeOrder(company, orderFor(company), 'storefront').fired,
  },
  'order.status_changed': {
    // Basic: a change made in the dashboard. Full: PATCH /api/v1/orders/{id}.
    basic: (company, o) => statusChange(company, o, 'dashboard'),
    full: (company, o) => statusChange(company, o, 'api'),
  },
  'order.shipped': {
    default: (company, o) =>
      transitionOrder(company, orderIn(company, 'CONFIRMED').id, { status: 'SHIPPED', tracking: o.tracking ?? ups }, source(o)).fired,
  },
  'order.cancelled': {
    default: (company, o) =>
      transitionOrder(company, orderIn(company, cancellableFrom(o.from)).id, { status: 'CANCELLED' }, source(o)).fired,
  },
  'customer.created': {
    api: (company) => createCustomer(company, { email: newEmail(), name: 'Harbor Hotel Group' }, 'api').fired,
    storefront: (company) => createCustomer(company, { email: newEmail(), name: 'Corner Coffee Co.' }, 'storefront').fired,
  },
  'customer.updated': {
    // By default a pending sign-up is approved (PENDING → ACTIVE, the documented sample);
    // `{change: "block"}` blocks an active customer; `{change: "details"}` edits the email only.
    default: (company, o) => {
      if (o.change === 'details') return updateCustomer(company, freshCustomer(company).id, { email: newEmail() }).fired;
      if (o.change === 'block') return updateCustomer(company, freshCustomer(company).id, { status: 'BLOCKED' }).fired;
      return updateCustomer(company, freshCustomer(company, { status: 'PENDING' }).id, { status: 'ACTIVE' }).fired;
    },
  },
  'product.updated': {
    details: (company) => {
      const product = freshProduct(company, { price: 12.5, stock: 100 });
      return editProduct(company, product.id, { price: 13.75, stock: 90 }).fired;
    },
    activation: (company, o) => {
      const activate = o.isActive === true;
      const product = freshProduct(company, { isActive: !activate });
      return setProductActive(company, product.id, activate).fired;
    },
  },
  'product.low_stock': {
    // An order (placed in the dashboard, so no order.created) takes stock from 7 to 3.
    order: (company) => {
      const product = freshProduct(company, { stock: LOW_STOCK_THRESHOLD + 2 });
      return placeOrder(company, { customerId: null, items: [{ productId: product.id, quantity: 4 }] }, 'dashboard').fired;
    },
    // A manual adjustment from 7 to 4: also a product edit, so product.updated fires first.
    manual: (company) => {
      const product = freshProduct(company, { stock: LOW_STOCK_THRESHOLD + 2 });
      return editProduct(company, product.id, { stock: LOW_STOCK_THRESHOLD - 1 }).fired;
    },
  },
  'invoice.paid': {
    default: (company) => payInvoice(company).fired,
  },
  'return.created': {
    staff: (company) => openReturn(company, { orderId: orderIn(company, 'DELIVERED').id, reason: 'Two units arrived damaged in transit.' }, 'staff').fired,
    customer: (company) => openReturn(company, { orderId: orderIn(company, 'DELIVERED').id, reason: 'Ordered the wrong size.' }, 'customer').fired,
  },
  'return.approved': {
    default: (company) => approveReturn(company, returnIn(company, 'REQUESTED').id).fired,
  },
  'refund.processed': {
    default: (company, o) =>
      refundReturn(company, returnIn(company, 'RECEIVED').id, { method: o.method === 'MANUAL' ? 'MANUAL' : 'CREDIT' }).fired,
  },
};

const ups = { carrier: 'UPS', number: '1Z999AA10123456784' };
let emails = 0;
const newEmail = () => `buyer-${Date.now().toString(36)}-${emails++}@example.com`;
const source = (o: FireOptions) => (o.source === 'api' ? 'api' : 'dashboard');

function orderFor(company: Company) {
  const first = stockedProduct(company, 3);
  return {
    customerId: anyCustomer(company).id,
    items: [
      { productId: first.id, quantity: 3 },
      { productId: stockedProduct(company, 1, first).id, quantity: 1 },
    ],
    poNumber: `PO-${Date.now().toString().slice(-6)}`,
  };
}

const STATUS_CHANGE_FROM: Record<string, OrderStatus> = { CONFIRMED: 'SUBMITTED', SHIPPED: 'CONFIRMED', DELIVERED: 'SHIPPED', CANCELLED: 'SUBMITTED' };

/** SUBMITTED → CONFIRMED by default; `{status}` picks another transition (from its usual state). */
function statusChange(company: Company, o: FireOptions, via: 'api' | 'dashboard'): Fired[] {
  const to = (o.status as OrderStatus | undefined) ?? 'CONFIRMED';
  const from = typeof to === 'string' ? own(STATUS_CHANGE_FROM, to) : undefined;
  if (!from) throw invalid('status', 'must be CONFIRMED, SHIPPED, DELIVERED or CANCELLED.');
  const order = orderIn(company, from);
  return transitionOrder(company, order.id, { status: to, tracking: o.tracking ?? ups }, via).fired;
}

/** `order.cancelled {from}`: an order is cancelled from SUBMITTED or CONFIRMED (the default). */
function cancellableFrom(from: unknown): OrderStatus {
  if (from === undefined) return 'CONFIRMED';
  if (from === 'SUBMITTED' || from === 'CONFIRMED') return from;
  throw invalid('from', 'must be SUBMITTED or CONFIRMED.');
}

export function variantsOf(event: EventName): string[] {
  return Object.keys(producers[event]);
}
