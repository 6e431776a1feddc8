import type { Customer, Order, Product, Store, Webhook } from '../state/store';

// The REST representations Distribu returns. Internal fields (seq, source, secrets) never leave.

export function productView(p: Product) {
  return {
    id: p.id,
    name: p.name,
    sku: p.sku,
    description: p.description,
    category: p.category,
    unit: p.unit,
    price: p.price,
    stock: p.stock,
    imageUrl: p.imageUrl,
    isActive: p.isActive,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

export function customerView(c: Customer) {
  return {
    id: c.id,
    email: c.email,
    name: c.name,
    status: c.status,
    notes: c.notes,
    creditLimit: c.creditLimit,
    taxRateOverride: c.taxRateOverride,
    emailVerified: c.emailVerified,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

/** Line items read productName/productSku live from the product, as Distribu does. */
export function orderItemsView(store: Store, order: Order) {
  return order.items.map((item) => {
    const product = store.products.get(item.productId);
    return {
      id: item.id,
      quantity: item.quantity,
      unitPrice: item.unitPrice,
      productId: item.productId,
      productName: product?.name ?? '',
      productSku: product?.sku ?? null,
    };
  });
}

/**
 * The full order. `tracking` is not in Distribu's documented REST field list, but the event docs
 * say it persists on the order once shipped; the sandbox returns it so records can stand in for
 * shipped events.
 */
export function orderView(store: Store, o: Order) {
  return {
    id: o.id,
    status: o.status,
    poNumber: o.poNumber,
    notes: o.notes,
    total: o.total,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    customerId: o.customerId,
    tracking: o.tracking ? { ...o.tracking } : null,
    items: orderItemsView(store, o),
  };
}

/** The webhook object: never the secret. Read it through findWebhook/listWebhooks, which end a lapsed grace window. */
export function webhookView(w: Webhook) {
  return {
    id: w.id,
    url: w.url,
    events: [...w.events],
    isActive: w.isActive,
    secretRotationGraceExpiresAt: w.secretRotationGraceExpiresAt,
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
  };
}
