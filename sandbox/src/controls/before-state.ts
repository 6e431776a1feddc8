import { LOW_STOCK_THRESHOLD } from '@distribu/shared/catalog';
import type { Company } from '../domain/company';
import { insertCustomer, insertOrder, insertProduct, insertReturn, upsTracking } from '../state/insert';
import { newestFirst, type Customer, type Order, type OrderStatus, type Product, type ReturnRecord, type ReturnStatus } from '../state/store';

// The "before" state an event needs (an order to ship, a return to approve...), made silently so
// that firing an event produces that event's own state change and nothing else.

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** An active customer, or a new one if the company has none. */
export function anyCustomer(company: Company): Customer {
  const active = newestFirst(company.store.customers.values()).filter((c) => c.status === 'ACTIVE');
  return active.at(-1) ?? insertCustomer(company.store, { email: `buyer-${unique()}@example.com`, name: 'Example Buyer' });
}

/** A fresh customer nobody else touches (updates should not disturb seeded records). */
export function freshCustomer(company: Company, fields: Partial<Customer> = {}): Customer {
  const id = unique();
  return insertCustomer(company.store, { email: `buyer-${id}@example.com`, name: `Example Buyer ${id}`, ...fields });
}

/** An active product with at least `minStock` units above the low-stock threshold. */
export function stockedProduct(company: Company, minStock = 1, exclude?: Product): Product {
  const candidates = [...company.store.products.values()]
    .filter((p) => p !== exclude && p.isActive && p.stock - minStock > LOW_STOCK_THRESHOLD)
    .sort((a, b) => b.stock - a.stock);
  return candidates[0] ?? freshProduct(company, { stock: 500 });
}

export function freshProduct(company: Company, fields: Partial<Product> = {}): Product {
  const id = unique();
  return insertProduct(company.store, {
    name: `Sandbox Widget ${id}`,
    sku: `SBX-${id.toUpperCase()}`,
    category: 'Sandbox',
    price: 12.5,
    stock: 100,
    ...fields,
  });
}

/** An order already in `status` (with tracking from SHIPPED on), made without events. */
export function orderIn(company: Company, status: OrderStatus, options: { withCustomer?: boolean } = {}): Order {
  const customer = options.withCustomer === false ? null : anyCustomer(company);
  const product = stockedProduct(company);
  return insertOrder(company.store, {
    customerId: customer?.id ?? null,
    lines: [
      { product, quantity: 2 },
      { product: stockedProduct(company, 1, product), quantity: 1 },
    ],
    status,
    poNumber: `PO-${unique().toUpperCase()}`,
    tracking: status === 'SHIPPED' || status === 'DELIVERED' ? upsTracking() : null,
    source: 'dashboard',
  });
}

/** A return already in `status`, on a delivered order. */
export function returnIn(company: Company, status: ReturnStatus): ReturnRecord {
  const order = orderIn(company, 'DELIVERED');
  const units = order.items.reduce((s, i) => s + i.quantity, 0);
  const received = status === 'RECEIVED' || status === 'REFUNDED';
  return insertReturn(company.store, order, {
    status,
    goodUnits: received ? units - 1 : null,
    damagedUnits: received ? 1 : null,
  });
}
