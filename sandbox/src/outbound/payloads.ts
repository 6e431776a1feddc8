import { LOW_STOCK_THRESHOLD } from '../../../shared/src/catalog';
import type { Customer, Invoice, Order, OrderStatus, Product, Refund, ReturnRecord, Store } from '../state/store';
import { orderView } from '../http/views';

// The `data` of each event, built from the state it describes, exactly as distribu-event-types.txt
// documents it per source. The shared zod catalog checks these shapes in test/sandbox.

const tracking = (o: Order) => (o.tracking ? { ...o.tracking } : null);

/** order.created from the storefront: `itemCount`, no line items. */
export function orderCreatedStorefront(o: Order) {
  return { id: o.id, status: o.status, total: o.total, customerId: o.customerId, poNumber: o.poNumber, itemCount: o.items.length };
}

/** The full order API-sourced events carry: the REST order, without `tracking`. */
function fullOrder(store: Store, o: Order) {
  const { tracking: _tracking, ...order } = orderView(store, o);
  return order;
}

/** order.created from POST /api/v1/orders: the full order. */
export function orderCreatedApi(store: Store, o: Order) {
  return fullOrder(store, o);
}

/** order.status_changed: the six fields every source sends. */
export function statusChangedBasic(o: Order, previousStatus: OrderStatus) {
  return { id: o.id, status: o.status, previousStatus, total: o.total, customerId: o.customerId, tracking: tracking(o) };
}

/** order.status_changed from PATCH /api/v1/orders/{id}: the six fields plus the full order. */
export function statusChangedFull(store: Store, o: Order, previousStatus: OrderStatus) {
  return { ...statusChangedBasic(o, previousStatus), ...fullOrder(store, o) };
}

export function orderShipped(o: Order, previousStatus: OrderStatus) {
  return { id: o.id, previousStatus, total: o.total, customerId: o.customerId, tracking: tracking(o) };
}

export function orderCancelled(o: Order, previousStatus: OrderStatus) {
  return { id: o.id, previousStatus, total: o.total, customerId: o.customerId };
}

export function customerCreatedApi(c: Customer) {
  return { id: c.id, email: c.email, name: c.name, status: c.status, source: 'api' as const };
}

export function customerCreatedStorefront(c: Customer, storeSlug: string) {
  return { id: c.id, email: c.email, name: c.name, storeSlug, source: 'storefront' as const };
}

/** `previousStatus` only when the status itself changed. */
export function customerUpdated(c: Customer, previousStatus?: Customer['status']) {
  const data: Record<string, unknown> = { id: c.id, email: c.email, name: c.name, status: c.status };
  if (previousStatus !== undefined && previousStatus !== c.status) data.previousStatus = previousStatus;
  return data;
}

export function productUpdatedDetails(p: Product) {
  return { id: p.id, sku: p.sku, name: p.name, price: p.price, stock: p.stock, isActive: p.isActive, category: p.category };
}

/** The light payload of the Activate / Deactivate buttons. */
export function productUpdatedActivation(p: Product) {
  return { id: p.id, sku: p.sku, name: p.name, isActive: p.isActive };
}

export function productLowStock(p: Product, triggeringOrderId: string | null) {
  return { id: p.id, sku: p.sku, name: p.name, currentStock: p.stock, threshold: LOW_STOCK_THRESHOLD, triggeringOrderId };
}

/** `actor: "staff"` from the dashboard, absent when the customer opened it. */
export function returnCreated(r: ReturnRecord) {
  const data: Record<string, unknown> = {
    id: r.id,
    orderId: r.orderId,
    customerId: r.customerId,
    itemCount: r.items.length,
    reason: r.reason,
    status: r.status,
  };
  if (r.actor) data.actor = r.actor;
  return data;
}

export function returnApproved(r: ReturnRecord) {
  return { id: r.id, orderId: r.orderId, customerId: r.customerId, status: r.status };
}

export function refundProcessed(f: Refund) {
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

export function invoicePaid(i: Invoice) {
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
