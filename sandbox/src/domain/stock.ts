import { LOW_STOCK_THRESHOLD } from '@distribu/shared/catalog';
import type { Company } from './company';
import type { Fired } from '../outbound/emitter';
import { productLowStock } from '../outbound/payloads';
import type { Product } from '../state/store';
import { nowIso } from '../state/time';

/**
 * Whether a stock change crosses into Distribu's low-stock band (stock > 0 and <= 5,
 * https://www.distribu.app/docs/products/inventory): only on the way down from above the threshold, so the alert fires
 * once until stock climbs back above it. Dropping straight to 0 or below is "out of stock", not
 * low stock.
 */
export function crossesLowStock(before: number, after: number): boolean {
  return before > LOW_STOCK_THRESHOLD && after > 0 && after <= LOW_STOCK_THRESHOLD;
}

/** Sets the stock; true when the change crossed into the low-stock band (emit product.low_stock). */
export function setStock(product: Product, stock: number): boolean {
  const before = product.stock;
  product.stock = stock;
  product.updatedAt = nowIso();
  return crossesLowStock(before, stock);
}

export function emitLowStock(company: Company, product: Product, triggeringOrderId: string | null): Fired {
  return company.emitter.emit('product.low_stock', productLowStock(product, triggeringOrderId));
}
