import type { Company } from './company';
import type { Fired } from '../outbound/emitter';
import { invalid, notFound } from '../http/errors';
import * as payloads from '../outbound/payloads';
import type { Product } from '../state/store';
import { nowIso } from '../state/time';
import { money } from './money';
import { emitLowStock, setStock } from './stock';

// Products are read-only over Distribu's API; these are the dashboard's edits, reached through
// sandbox actions.

export type ProductEdit = Partial<Pick<Product, 'name' | 'sku' | 'description' | 'category' | 'unit' | 'price' | 'stock' | 'imageUrl'>>;

export function parseProductEdit(body: Record<string, unknown>): ProductEdit {
  const out: ProductEdit = {};
  if (body.name !== undefined) {
    if (typeof body.name !== 'string' || !body.name.trim()) throw invalid('name', 'must be a non-empty string.');
    out.name = body.name.trim();
  }
  for (const key of ['sku', 'description', 'category', 'imageUrl'] as const) {
    const v = body[key];
    if (v === undefined) continue;
    if (v !== null && typeof v !== 'string') throw invalid(key, 'must be a string or null.');
    out[key] = v as string | null;
  }
  if (body.unit !== undefined) {
    if (typeof body.unit !== 'string' || !body.unit) throw invalid('unit', 'must be a non-empty string.');
    out.unit = body.unit;
  }
  if (body.price !== undefined) {
    if (typeof body.price !== 'number' || !(body.price >= 0)) throw invalid('price', 'must be a number of at least 0.');
    out.price = money(body.price);
  }
  if (body.stock !== undefined) {
    if (typeof body.stock !== 'number' || !Number.isInteger(body.stock)) throw invalid('stock', 'must be a whole number.');
    out.stock = body.stock;
  }
  return out;
}

function find(company: Company, id: string): Product {
  const product = company.store.products.get(id);
  if (!product) throw notFound('Product');
  return product;
}

/**
 * A dashboard edit: fires product.updated (full payload) when anything changed; a stock change
 * that crosses into the low-stock band also fires product.low_stock with no triggering order.
 */
export function editProduct(company: Company, id: string, edit: ProductEdit): { product: Product; fired: Fired[] } {
  const product = find(company, id);
  const { stock, ...rest } = edit;
  let changed = false;
  for (const [key, value] of Object.entries(rest) as Array<[keyof typeof rest, unknown]>) {
    if (value === undefined || product[key] === value) continue;
    (product as unknown as Record<string, unknown>)[key] = value;
    changed = true;
  }
  let crossed = false;
  if (stock !== undefined && stock !== product.stock) {
    crossed = setStock(product, stock);
    changed = true;
  }
  if (!changed) return { product, fired: [] };
  product.updatedAt = nowIso();
  const fired = [company.emitter.emit('product.updated', payloads.productUpdatedDetails(product))];
  if (crossed) fired.push(emitLowStock(company, product, null));
  return { product, fired };
}

/** A manual stock adjustment by a delta (receiving goods, a count correction). */
export function adjustStock(company: Company, id: string, delta: number) {
  const product = find(company, id);
  return editProduct(company, id, { stock: product.stock + delta });
}

/** The Activate / Deactivate buttons: the light product.updated payload. */
export function setProductActive(company: Company, id: string, isActive: boolean): { product: Product; fired: Fired[] } {
  const product = find(company, id);
  if (product.isActive === isActive) return { product, fired: [] };
  product.isActive = isActive;
  product.updatedAt = nowIso();
  return { product, fired: [company.emitter.emit('product.updated', payloads.productUpdatedActivation(product))] };
}
