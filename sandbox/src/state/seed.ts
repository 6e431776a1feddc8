import { insertCustomer, insertOrder, insertProduct, upsTracking } from './insert';
import type { Store } from './store';

/** A time `days` ago at `hour` UTC, never in the future. */
const daysAgo = (days: number, hour = 10) => {
  const d = new Date(Date.now() - days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return new Date(Math.min(d.getTime(), Date.now() - 60_000)).toISOString();
};

/**
 * Demo data of a small food-service distributor: products (one a sale away from low stock, one
 * already low, one inactive), customers (one blocked) and orders in every status. Fires nothing.
 */
export function seed(store: Store): void {
  const p = {
    beans: insertProduct(store, {
      name: 'Arabica Coffee Beans 1kg', sku: 'COF-ARA-1KG', category: 'Coffee', unit: 'bag', price: 18.5, stock: 240,
      description: 'Medium roast, single origin Colombia.', createdAt: daysAgo(120),
    }),
    oat: insertProduct(store, {
      name: 'Oat Milk Barista 1L', sku: 'DAI-OAT-1L', category: 'Dairy Alternatives', unit: 'carton', price: 2.95, stock: 480,
      createdAt: daysAgo(118),
    }),
    cups: insertProduct(store, {
      name: 'Paper Cups 12oz (case of 1000)', sku: 'PKG-CUP-12', category: 'Packaging', unit: 'case', price: 64, stock: 35,
      createdAt: daysAgo(110),
    }),
    chai: insertProduct(store, {
      name: 'Chai Syrup 750ml', sku: 'SYR-CHAI-750', category: 'Syrups', unit: 'bottle', price: 9.25, stock: 7,
      description: 'Two more bottles sold and it is low on stock.', createdAt: daysAgo(90),
    }),
    lids: insertProduct(store, {
      name: 'Compostable Lids 12oz (case of 1000)', sku: 'PKG-LID-12', category: 'Packaging', unit: 'case', price: 42, stock: 4,
      createdAt: daysAgo(80),
    }),
    brew: insertProduct(store, {
      name: 'Cold Brew Concentrate 5L', sku: 'COF-CB-5L', category: 'Coffee', unit: 'jug', price: 38, stock: 60,
      createdAt: daysAgo(60),
    }),
    matcha: insertProduct(store, {
      name: 'Ceremonial Matcha 100g', sku: 'TEA-MAT-100', category: 'Tea', unit: 'tin', price: 24, stock: 0, isActive: false,
      description: 'Discontinued by the supplier.', createdAt: daysAgo(45),
    }),
  };

  const c = {
    acme: insertCustomer(store, {
      email: 'buyer@acme.com', name: 'Acme Restaurant Group', creditLimit: 5000, createdAt: daysAgo(100),
    }),
    bluebird: insertCustomer(store, { email: 'orders@bluebirdcafe.com', name: 'Bluebird Café', createdAt: daysAgo(75) }),
    harbor: insertCustomer(store, {
      email: 'purchasing@harborhotel.com', name: 'Harbor Hotel', taxRateOverride: 0.05, createdAt: daysAgo(50),
    }),
    northside: insertCustomer(store, {
      email: 'owner@northsidedeli.com', name: 'Northside Deli', status: 'BLOCKED', notes: 'Two invoices overdue.',
      createdAt: daysAgo(40),
    }),
    sunrise: insertCustomer(store, {
      email: 'hello@sunrisebakery.com', name: 'Sunrise Bakery', emailVerified: false, createdAt: daysAgo(12),
    }),
  };

  insertOrder(store, {
    customerId: c.acme.id, lines: [{ product: p.beans, quantity: 10 }, { product: p.oat, quantity: 24 }],
    status: 'DELIVERED', poNumber: 'PO-10231', tracking: upsTracking('1Z999AA10123456784'), createdAt: daysAgo(30),
  });
  insertOrder(store, {
    customerId: c.bluebird.id, lines: [{ product: p.cups, quantity: 2 }, { product: p.lids, quantity: 2 }],
    status: 'SHIPPED', source: 'api', poNumber: null,
    tracking: { carrier: 'FEDEX', number: '612999AA10123', url: 'https://www.fedex.com/fedextrack/?trknbr=612999AA10123' },
    createdAt: daysAgo(9),
  });
  insertOrder(store, {
    customerId: c.harbor.id, lines: [{ product: p.brew, quantity: 4 }], status: 'CONFIRMED', poNumber: 'HH-7781',
    notes: 'Deliver to the loading dock.', createdAt: daysAgo(4),
  });
  insertOrder(store, {
    customerId: c.acme.id, lines: [{ product: p.chai, quantity: 6 }], status: 'CANCELLED', poNumber: 'PO-10244', createdAt: daysAgo(3),
  });
  insertOrder(store, {
    customerId: null, lines: [{ product: p.oat, quantity: 12 }], status: 'CONFIRMED', source: 'dashboard',
    notes: 'Phone order, walk-in account.', createdAt: daysAgo(2),
  });
  insertOrder(store, {
    customerId: c.sunrise.id, lines: [{ product: p.beans, quantity: 3 }, { product: p.cups, quantity: 1 }],
    status: 'SUBMITTED', poNumber: 'SB-0007', createdAt: daysAgo(0, 8),
  });
}
