// Distribu's business rules that both catalogs, the runtime and the sandbox share. Zod-free so the
// connectors can bundle them; the zod catalog builds its enums from these lists.

/** https://www.distribu.app/docs/orders/statuses */
export const ORDER_STATUSES = ['SUBMITTED', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Distribu's order state machine: the statuses each status may move to. DELIVERED and CANCELLED are final. */
export const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  SUBMITTED: ['CONFIRMED', 'CANCELLED'],
  CONFIRMED: ['SHIPPED', 'CANCELLED'],
  SHIPPED: ['DELIVERED'],
  DELIVERED: [],
  CANCELLED: [],
};

export const CARRIERS = ['UPS', 'USPS', 'FEDEX', 'DHL', 'CANADA_POST', 'OTHER'] as const;
export type Carrier = (typeof CARRIERS)[number];

/** PENDING exists only for storefront sign-ups awaiting approval; the API sets ACTIVE or BLOCKED. */
export const CUSTOMER_STATUSES = ['PENDING', 'ACTIVE', 'BLOCKED'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

/** Distribu's documented low-stock cutoff (/docs/products/inventory: stock > 0 and <= 5). */
export const LOW_STOCK_THRESHOLD = 5;

/** The product.low_stock rule, shared by the trigger's test data, the low-stock filter and the sandbox. */
export function isLowStock(stock: number): boolean {
  return stock > 0 && stock <= LOW_STOCK_THRESHOLD;
}

/** "SUBMITTED can move only to CONFIRMED or CANCELLED." / "DELIVERED is final: ...". */
export function allowedTransitionsText(from: OrderStatus): string {
  const next = TRANSITIONS[from];
  if (next.length === 0) return `${from} is final: a ${from} order cannot change status.`;
  return `A ${from} order can move only to ${next.join(' or ')}.`;
}

/** "SUBMITTED → CONFIRMED or CANCELLED, CONFIRMED → SHIPPED or CANCELLED, SHIPPED → DELIVERED" (final ones left out). */
export function transitionsText(): string {
  return Object.entries(TRANSITIONS)
    .filter(([, next]) => next.length > 0)
    .map(([from, next]) => `${from} → ${next.join(' or ')}`)
    .join(', ');
}
