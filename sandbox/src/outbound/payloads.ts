import { LOW_STOCK_THRESHOLD } from '@distribu/shared/catalog';
import type { EventData } from '@distribu/shared/schemas';
import type { Customer, Invoice, Order, OrderStatus, Product, Refund, ReturnRecord, Store } from '../state/store';
import { orderView } from '../http/views';

// The `data` of each event, built from the state it describes, as Distribu documents it per source.
// Each builder returns the catalog's `EventData<N>`, so a field that drifts from the documented shape
// fails `tsc` (test/sandbox/payload-types.test.ts); the zod catalog checks the values in test/sandbox.

const tracking = (o: Order) => (o.tracking ? { ...o.tracking } : null);

/**
 * What the docs promise of a record the domain code has already made so (a new order is SUBMITTED
 * and has a customer, a shipped order has tracking...): a broken promise is a sandbox bug, loud.
 */
function promise(holds: boolean, what: string): asserts holds {
  if (!holds) throw new Error(`Sandbox bug: ${what}.`);
}

function newOrder(o: Order): Order & { status: 'SUBMITTED'; customerId: string } {
  promise(o.status === 'SUBMITTED' && o.customerId !== null, `order.created for order ${o.id} (${o.status}, customer ${o.customerId})`);
  return o as Order & { status: 'SUBMITTED'; customerId: string };
}

/** order.created from the storefront: `itemCount`, no line items. */
export function orderCreatedStorefront(order: Order): EventData<'order.created'> {
  const o = newOrder(order);
  return { id: o.id, status: o.status, total: o.total, customerId: o.customerId, poNumber: o.poNumber, itemCount: o.items.length };
}

/** The full order API-sourced events carry: the REST order, without `tracking`. */
function fullOrder(store: Store, o: Order) {
  const { tracking: _tracking, ...order } = orderView(store, o);
  return order;
}

/** order.created from POST /api/v1/orders: the full order. */
export function orderCreatedApi(store: Store, order: Order): EventData<'order.created'> {
  const o = newOrder(order);
  return { ...fullOrder(store, o), status: o.status, customerId: o.customerId };
}

/** order.status_changed: the six fields every source sends. */
export function statusChangedBasic(o: Order, previousStatus: OrderStatus): EventData<'order.status_changed'> {
  return { id: o.id, status: o.status, previousStatus, total: o.total, customerId: o.customerId, tracking: tracking(o) };
}

/** order.status_changed from PATCH /api/v1/orders/{id}: the six fields plus the full order. */
export function statusChangedFull(store: Store, o: Order, previousStatus: OrderStatus): EventData<'order.status_changed'> {
  return { ...statusChangedBasic(o, previousStatus), ...fullOrder(store, o) };
}

export function orderShipped(o: Order, previousStatus: OrderStatus): EventData<'order.shipped'> {
  promise(o.tracking !== null, `order.shipped for order ${o.id} without tracking`);
  return { id: o.id, previousStatus, total: o.total, customerId: o.customerId, tracking: { ...o.tracking } };
}

export function orderCancelled(o: Order, previousStatus: OrderStatus): EventData<'order.cancelled'> {
  return { id: o.id, previousStatus, total: o.total, customerId: o.customerId };
}

export function customerCreatedApi(c: Customer): EventData<'customer.created'> {
  return { id: c.id, email: c.email, name: c.name, status: c.status, source: 'api' as const };
}

export function customerCreatedStorefront(c: Customer, storeSlug: string): EventData<'customer.created'> {
  return { id: c.id, email: c.email, name: c.name, storeSlug, source: 'storefront' as const };
}

/** `previousStatus` only when the status itself changed. */
export function customerUpdated(c: Customer, previousStatus?: Customer['status']): EventData<'customer.updated'> {
  const changed = previousStatus !== undefined && previousStatus !== c.status;
  return { id: c.id, email: c.email, name: c.name, status: c.status, ...(changed ? { previousStatus } : {}) };
}

export function productUpdatedDetails(p: Product): EventData<'product.updated'> {
  return { id: p.id, sku: p.sku, name: p.name, price: p.price, stock: p.stock, isActive: p.isActive, category: p.category };
}

/** The light payload of the Activate / Deactivate buttons. */
export function productUpdatedActivation(p: Product): EventData<'product.updated'> {
  return { id: p.id, sku: p.sku, name: p.name, isActive: p.isActive };
}

export function productLowStock(p: Product, triggeringOrderId: string | null): EventData<'product.low_stock'> {
  return { id: p.id, sku: p.sku, name: p.name, currentStock: p.stock, threshold: LOW_STOCK_THRESHOLD, triggeringOrderId };
}

/** `actor: "staff"` from the dashboard, absent when the customer opened it. */
export function returnCreated(r: ReturnRecord): EventData<'return.created'> {
  promise(r.status === 'REQUESTED', `return.created for return ${r.id} in ${r.status}`);
  const created = { id: r.id, orderId: r.orderId, customerId: r.customerId, itemCount: r.items.length, reason: r.reason, status: r.status };
  return r.actor ? { ...created, actor: r.actor } : created;
}

export function returnApproved(r: ReturnRecord): EventData<'return.approved'> {
  promise(r.status === 'APPROVED', `return.approved for return ${r.id} in ${r.status}`);
  return { id: r.id, orderId: r.orderId, customerId: r.customerId, status: r.status };
}

export function refundProcessed(f: Refund): EventData<'refund.processed'> {
  return {
    id: f.id,
    returnId: f.returnId,
    orderId: f.orderId,
    customerId: f.customerId,
    amount: f.amount,
    method: f.method,
    breakdown: { ...f.breakdown },
  };
}

export function invoicePaid(i: Invoice): EventData<'invoice.paid'> {
  return {
    stripeInvoiceId: i.stripeInvoiceId,
    amountPaid: i.amountPaid,
    currency: i.currency,
    hostedInvoiceUrl: i.hostedInvoiceUrl,
    number: i.number,
    periodStart: i.periodStart,
    periodEnd: i.periodEnd,
  };
}
