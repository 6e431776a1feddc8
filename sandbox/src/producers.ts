import type { CatalogEntry, EventName } from '../../shared/src/catalog';
import { LOW_STOCK_THRESHOLD } from '../../shared/src/catalog';
import type { SandboxCore } from './core';
import { payInvoice } from './domain/billing';
import { createCustomer, updateCustomer } from './domain/customers';
import { placeOrder, transitionOrder } from './domain/orders';
import { editProduct, setProductActive } from './domain/products';
import { approveReturn, openReturn, refundReturn } from './domain/returns';
import type { Fired } from './emitter';
import { invalid } from './errors';
import { own } from './own';
import { anyCustomer, freshCustomer, freshProduct, orderIn, returnIn, stockedProduct } from './fixtures';
import type { OrderStatus } from './store';

/** Options a fire request may pass (e.g. `status` for order.status_changed). */
export type FireOptions = Record<string, unknown>;
export type Producer = (core: SandboxCore, options: FireOptions) => Fired[];
type VariantsOf<N extends EventName> = Extract<keyof Extract<CatalogEntry, { name: N }>['variants'], string>;

/**
 * How each documented variant of each event really happens: a silent "before" state (fixtures.ts)
 * and then the real state change through the domain code the API and the actions use. The type
 * makes a new catalog event or variant a compile error here until it can be produced.
 */
export const producers: { [N in EventName]: { [V in VariantsOf<N>]: Producer } } = {
  'order.created': {
    api: (core) => placeOrder(core, orderFor(core), 'api').fired,
    storefront: (core) => placeOrder(core, orderFor(core), 'storefront').fired,
  },
  'order.status_changed': {
    // Basic: a change made in the dashboard. Full: PATCH /api/v1/orders/{id}.
    basic: (core, o) => statusChange(core, o, 'dashboard'),
    full: (core, o) => statusChange(core, o, 'api'),
  },
  'order.shipped': {
    default: (core, o) =>
      transitionOrder(core, orderIn(core, 'CONFIRMED').id, { status: 'SHIPPED', tracking: o.tracking ?? ups }, source(o)).fired,
  },
  'order.cancelled': {
    default: (core, o) =>
      transitionOrder(core, orderIn(core, cancellableFrom(o.from)).id, { status: 'CANCELLED' }, source(o)).fired,
  },
  'customer.created': {
    api: (core) => createCustomer(core, { email: newEmail(), name: 'Harbor Hotel Group' }, 'api').fired,
    storefront: (core) => createCustomer(core, { email: newEmail(), name: 'Corner Coffee Co.' }, 'storefront').fired,
  },
  'customer.updated': {
    // By default a pending sign-up is approved (PENDING → ACTIVE, the documented sample);
    // `{change: "block"}` blocks an active customer; `{change: "details"}` edits the email only.
    default: (core, o) => {
      if (o.change === 'details') return updateCustomer(core, freshCustomer(core).id, { email: newEmail() }).fired;
      if (o.change === 'block') return updateCustomer(core, freshCustomer(core).id, { status: 'BLOCKED' }).fired;
      return updateCustomer(core, freshCustomer(core, { status: 'PENDING' }).id, { status: 'ACTIVE' }).fired;
    },
  },
  'product.updated': {
    details: (core) => {
      const product = freshProduct(core, { price: 12.5, stock: 100 });
      return editProduct(core, product.id, { price: 13.75, stock: 90 }).fired;
    },
    activation: (core, o) => {
      const activate = o.isActive === true;
      const product = freshProduct(core, { isActive: !activate });
      return setProductActive(core, product.id, activate).fired;
    },
  },
  'product.low_stock': {
    // An order (placed in the dashboard, so no order.created) takes stock from 7 to 3.
    order: (core) => {
      const product = freshProduct(core, { stock: LOW_STOCK_THRESHOLD + 2 });
      return placeOrder(core, { customerId: null, items: [{ productId: product.id, quantity: 4 }] }, 'dashboard').fired;
    },
    // A manual adjustment from 7 to 4: also a product edit, so product.updated fires first.
    manual: (core) => {
      const product = freshProduct(core, { stock: LOW_STOCK_THRESHOLD + 2 });
      return editProduct(core, product.id, { stock: LOW_STOCK_THRESHOLD - 1 }).fired;
    },
  },
  'invoice.paid': {
    default: (core) => payInvoice(core).fired,
  },
  'return.created': {
    staff: (core) => openReturn(core, { orderId: orderIn(core, 'DELIVERED').id, reason: 'Two units arrived damaged in transit.' }, 'staff').fired,
    customer: (core) => openReturn(core, { orderId: orderIn(core, 'DELIVERED').id, reason: 'Ordered the wrong size.' }, 'customer').fired,
  },
  'return.approved': {
    default: (core) => approveReturn(core, returnIn(core, 'REQUESTED').id).fired,
  },
  'refund.processed': {
    default: (core, o) =>
      refundReturn(core, returnIn(core, 'RECEIVED').id, { method: o.method === 'MANUAL' ? 'MANUAL' : 'CREDIT' }).fired,
  },
};

const ups = { carrier: 'UPS', number: '1Z999AA10123456784' };
let emails = 0;
const newEmail = () => `buyer-${Date.now().toString(36)}-${emails++}@example.com`;
const source = (o: FireOptions) => (o.source === 'api' ? 'api' : 'dashboard');

function orderFor(core: SandboxCore) {
  const first = stockedProduct(core, 3);
  return {
    customerId: anyCustomer(core).id,
    items: [
      { productId: first.id, quantity: 3 },
      { productId: stockedProduct(core, 1, first).id, quantity: 1 },
    ],
    poNumber: `PO-${Date.now().toString().slice(-6)}`,
  };
}

const STATUS_CHANGE_FROM: Record<string, OrderStatus> = { CONFIRMED: 'SUBMITTED', SHIPPED: 'CONFIRMED', DELIVERED: 'SHIPPED', CANCELLED: 'SUBMITTED' };

/** SUBMITTED → CONFIRMED by default; `{status}` picks another transition (from its usual state). */
function statusChange(core: SandboxCore, o: FireOptions, via: 'api' | 'dashboard'): Fired[] {
  const to = (o.status as OrderStatus | undefined) ?? 'CONFIRMED';
  const from = typeof to === 'string' ? own(STATUS_CHANGE_FROM, to) : undefined;
  if (!from) throw invalid('status', 'must be CONFIRMED, SHIPPED, DELIVERED or CANCELLED.');
  const order = orderIn(core, from);
  return transitionOrder(core, order.id, { status: to, tracking: o.tracking ?? ups }, via).fired;
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
