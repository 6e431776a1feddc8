import { newId } from './ids';
import type { Customer, Order, OrderItem, OrderStatus, Product, ReturnRecord, Store, Tracking } from './store';
import { money } from '../domain/money';

// Silent record factories: put a record straight into the store, firing nothing (every event comes
// from the domain functions). Used by seed.ts and by controls/before-state.ts, which picks or makes
// the "before" state an event needs.

type Stamp = { createdAt?: string };

export function insertProduct(
  store: Store,
  fields: Partial<Omit<Product, 'id' | 'seq'>> & Pick<Product, 'name' | 'price' | 'stock'> & Stamp,
): Product {
  const product: Product = {
    sku: null,
    description: null,
    category: null,
    unit: 'each',
    imageUrl: null,
    isActive: true,
    ...fields,
    ...store.stamp(fields.createdAt),
  };
  store.products.set(product.id, product);
  return product;
}

export function insertCustomer(store: Store, fields: Partial<Omit<Customer, 'id' | 'seq'>> & Pick<Customer, 'email'> & Stamp): Customer {
  const customer: Customer = {
    name: null,
    status: 'ACTIVE',
    notes: null,
    creditLimit: null,
    taxRateOverride: null,
    emailVerified: true,
    priceOverrides: {},
    ...fields,
    ...store.stamp(fields.createdAt),
  };
  store.customers.set(customer.id, customer);
  return customer;
}

export function insertOrder(
  store: Store,
  fields: {
    customerId: string | null;
    lines: Array<{ product: Product; quantity: number }>;
    status?: OrderStatus;
    poNumber?: string | null;
    notes?: string | null;
    tracking?: Tracking | null;
    source?: Order['source'];
  } & Stamp,
): Order {
  const items: OrderItem[] = fields.lines.map((l) => ({
    id: newId(),
    quantity: l.quantity,
    unitPrice: l.product.price,
    productId: l.product.id,
  }));
  const order: Order = {
    ...store.stamp(fields.createdAt),
    status: fields.status ?? 'SUBMITTED',
    poNumber: fields.poNumber ?? null,
    notes: fields.notes ?? null,
    total: money(items.reduce((s, i) => s + i.quantity * i.unitPrice, 0)),
    customerId: fields.customerId,
    items,
    tracking: fields.tracking ?? null,
    source: fields.source ?? 'storefront',
  };
  store.orders.set(order.id, order);
  return order;
}

export function insertReturn(
  store: Store,
  order: Order,
  fields: Partial<Pick<ReturnRecord, 'status' | 'reason' | 'actor' | 'goodUnits' | 'damagedUnits'>> = {},
): ReturnRecord {
  const ret: ReturnRecord = {
    ...store.stamp(),
    orderId: order.id,
    customerId: order.customerId!,
    items: order.items.map((i) => ({ orderItemId: i.id, quantity: i.quantity })),
    reason: 'Two units arrived damaged in transit.',
    status: 'REQUESTED',
    actor: 'staff',
    goodUnits: null,
    damagedUnits: null,
    ...fields,
  };
  store.returns.set(ret.id, ret);
  return ret;
}

export const upsTracking = (number = '1Z999AA10123456784'): Tracking => ({
  carrier: 'UPS',
  number,
  url: `https://www.ups.com/track?tracknum=${number}`,
});
