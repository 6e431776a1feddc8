import { CARRIERS, ORDER_STATUSES as STATUSES, TRANSITIONS } from '@distribu/shared/runtime';
import type { Company } from './company';
import type { Fired } from '../outbound/emitter';
import { ApiError, invalid, notFound, refused } from '../http/errors';
import { newId } from '../state/ids';
import * as payloads from '../outbound/payloads';
import type { Carrier, Order, OrderItem, OrderStatus, Source, Tracking } from '../state/store';
import { nowIso } from '../state/time';
import { money } from './money';
import { emitLowStock, setStock } from './stock';

export const ORDER_STATUSES: readonly OrderStatus[] = STATUSES;

const TRACKING_URLS: Record<Exclude<Carrier, 'OTHER'>, (n: string) => string> = {
  UPS: (n) => `https://www.ups.com/track?tracknum=${n}`,
  USPS: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}`,
  FEDEX: (n) => `https://www.fedex.com/fedextrack/?trknbr=${n}`,
  DHL: (n) => `https://www.dhl.com/en/express/tracking.html?AWB=${n}`,
  CANADA_POST: (n) => `https://www.canadapost-postescanada.ca/track-reperer/en#/search?searchFor=${n}`,
};

export interface NewOrder {
  customerId: string | null;
  items: Array<{ productId: string; quantity: number }>;
  poNumber?: string | null;
  notes?: string | null;
}

/** Checks a raw order body the way Distribu's API does (its documented 400 messages). */
export function parseNewOrder(body: Record<string, unknown>, options: { customerRequired: boolean }): NewOrder {
  const customerId = body.customerId;
  if (options.customerRequired && (typeof customerId !== 'string' || customerId === '')) {
    throw new ApiError(400, 'customerId is required');
  }
  if (customerId !== undefined && customerId !== null && typeof customerId !== 'string') {
    throw invalid('customerId', 'must be a string.');
  }
  if (!Array.isArray(body.items) || body.items.length === 0) throw new ApiError(400, 'At least one item is required');
  const items = body.items.map((raw: unknown) => {
    const item = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    if (typeof item.productId !== 'string' || item.productId === '') throw new ApiError(400, 'productId is required');
    if (typeof item.quantity !== 'number' || !Number.isFinite(item.quantity)) throw new ApiError(400, 'quantity must be a number');
    if (!Number.isInteger(item.quantity)) throw new ApiError(400, 'quantity must be a whole number');
    if (item.quantity < 1) throw new ApiError(400, 'quantity must be at least 1');
    return { productId: item.productId, quantity: item.quantity };
  });
  for (const field of ['poNumber', 'notes'] as const) {
    const v = body[field];
    if (v !== undefined && v !== null && typeof v !== 'string') throw invalid(field, 'must be a string or null.');
  }
  if (typeof body.notes === 'string' && body.notes.length > 2000) throw invalid('notes', 'must be at most 2000 characters.');
  return {
    customerId: typeof customerId === 'string' ? customerId : null,
    items,
    poNumber: (body.poNumber as string | null | undefined) ?? null,
    notes: (body.notes as string | null | undefined) ?? null,
  };
}

/**
 * Places an order: checks customer, products and stock, freezes unit prices, decrements stock
 * (API, storefront and dashboard alike, per https://www.distribu.app/docs/products/inventory) and fires order.created in
 * the source's shape. Dashboard orders never fire order.created.
 */
export function placeOrder(company: Company, input: NewOrder, source: Source): { order: Order; fired: Fired[] } {
  const { store } = company;
  if (input.customerId !== null) {
    const customer = store.customers.get(input.customerId);
    if (!customer) throw notFound('Customer');
    if (customer.status === 'BLOCKED') throw refused('This customer is blocked and cannot place orders.');
  }
  const wanted = new Map<string, number>();
  for (const item of input.items) wanted.set(item.productId, (wanted.get(item.productId) ?? 0) + item.quantity);
  for (const [productId, quantity] of wanted) {
    const product = store.products.get(productId);
    if (!product) throw notFound('Product');
    if (!product.isActive) throw refused(`${product.name} is not available.`);
    if (product.stock < quantity) throw refused(`Not enough stock for ${product.name}. Only ${Math.max(product.stock, 0)} available.`);
  }

  // Unit prices are frozen now, with the customer's price overrides applied (documented for POST /orders).
  const overrides = input.customerId ? store.customers.get(input.customerId)!.priceOverrides : {};
  const items: OrderItem[] = input.items.map((item) => ({
    id: newId(),
    quantity: item.quantity,
    unitPrice: overrides[item.productId] ?? store.products.get(item.productId)!.price,
    productId: item.productId,
  }));
  const order: Order = {
    ...store.stamp(),
    status: 'SUBMITTED',
    poNumber: input.poNumber ?? null,
    notes: input.notes ?? null,
    total: money(items.reduce((sum, i) => sum + i.quantity * i.unitPrice, 0)),
    customerId: input.customerId,
    items,
    tracking: null,
    source,
  };
  store.orders.set(order.id, order);

  const fired: Fired[] = [];
  if (source === 'api') fired.push(company.emitter.emit('order.created', payloads.orderCreatedApi(store, order)));
  if (source === 'storefront') fired.push(company.emitter.emit('order.created', payloads.orderCreatedStorefront(order)));
  for (const [productId, quantity] of wanted) {
    const product = store.products.get(productId)!;
    if (setStock(product, product.stock - quantity)) fired.push(emitLowStock(company, product, order.id));
  }
  return { order, fired };
}

/** Reads `{carrier, number, url?}`: number whitespace stripped, url generated for named carriers. */
export function parseTracking(raw: unknown): Tracking {
  if (!raw || typeof raw !== 'object') throw invalid('tracking', 'carrier and number are required to mark an order SHIPPED.');
  const t = raw as Record<string, unknown>;
  if (typeof t.carrier !== 'string' || !(CARRIERS as readonly string[]).includes(t.carrier)) {
    throw invalid('tracking.carrier', `must be one of ${CARRIERS.join(', ')}.`);
  }
  const number = typeof t.number === 'string' ? t.number.replace(/\s+/g, '') : '';
  if (!number) throw invalid('tracking.number', 'is required.');
  if (t.url !== undefined && t.url !== null && (typeof t.url !== 'string' || !/^https?:\/\//i.test(t.url))) {
    throw invalid('tracking.url', 'must be an http:// or https:// URL.');
  }
  const carrier = t.carrier as Carrier;
  const url = carrier === 'OTHER' ? ((t.url as string | null | undefined) ?? null) : TRACKING_URLS[carrier](encodeURIComponent(number));
  return { carrier, number, url };
}

/**
 * Moves an order along the state machine and fires order.status_changed (six fields; the full
 * order when the change came through PATCH /api/v1/orders/{id}) plus order.shipped or
 * order.cancelled. Tracking is required for SHIPPED and stays on the order afterwards.
 * Cancelling neither restocks nor opens a return (documented).
 */
export function transitionOrder(
  company: Company,
  orderId: string,
  change: { status: unknown; tracking?: unknown },
  source: Source,
): { order: Order; fired: Fired[] } {
  const order = company.store.orders.get(orderId);
  if (!order) throw notFound('Order');
  const status = change.status as OrderStatus;
  if (typeof change.status !== 'string' || !ORDER_STATUSES.includes(status)) throw new ApiError(400, 'Invalid order status.');
  const previousStatus = order.status;
  if (!TRANSITIONS[previousStatus].includes(status)) {
    throw refused(`Cannot change an order from ${previousStatus} to ${status}.`);
  }
  const tracking = status === 'SHIPPED' ? parseTracking(change.tracking) : undefined;

  order.status = status;
  if (tracking) order.tracking = tracking;
  order.updatedAt = nowIso();

  const { emitter, store } = company;
  const fired: Fired[] = [
    emitter.emit(
      'order.status_changed',
      source === 'api' ? payloads.statusChangedFull(store, order, previousStatus) : payloads.statusChangedBasic(order, previousStatus),
    ),
  ];
  if (status === 'SHIPPED') fired.push(emitter.emit('order.shipped', payloads.orderShipped(order, previousStatus)));
  if (status === 'CANCELLED') fired.push(emitter.emit('order.cancelled', payloads.orderCancelled(order, previousStatus)));
  return { order, fired };
}
