// "Sparse records": a Distribu that returns only what its docs list and leaves out empty fields.
// Distribu documents each REST record's fields (orders, customers, products) but not whether an
// empty one comes as null or not at all, and it does not list an order's `tracking`, which this
// sandbox returns. A connector must work with either, so tests can switch the sandbox to the
// strictest reading: every undocumented field and every null field is dropped (line items too).

/** The fields Distribu's REST docs list for each record, and for an order's line items. */
const DOCUMENTED: Record<string, readonly string[]> = {
  orders: ['id', 'status', 'poNumber', 'notes', 'total', 'createdAt', 'updatedAt', 'customerId', 'items'],
  customers: ['id', 'email', 'name', 'status', 'notes', 'creditLimit', 'taxRateOverride', 'emailVerified', 'createdAt', 'updatedAt'],
  products: ['id', 'name', 'sku', 'description', 'category', 'unit', 'price', 'stock', 'imageUrl', 'isActive', 'createdAt', 'updatedAt'],
};
const LINE_ITEM = ['id', 'quantity', 'unitPrice', 'productId', 'productName', 'productSku'];

function only(record: unknown, keys: readonly string[]): unknown {
  if (!record || typeof record !== 'object' || Array.isArray(record)) return record;
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = (record as Record<string, unknown>)[key];
    if (value === null || value === undefined) continue;
    out[key] = key === 'items' && Array.isArray(value) ? value.map((item) => only(item, LINE_ITEM)) : value;
  }
  return out;
}

/** The REST answer for `path` (`/api/v1/orders/…`) as a sparse Distribu would send it; other answers as they are. */
export function sparseAnswer(path: string, payload: unknown): unknown {
  const resource = path.replace(/^\/api\/v1\//, '').split(/[/?]/)[0] ?? '';
  const keys = DOCUMENTED[resource];
  if (!keys || !payload || typeof payload !== 'object' || !('data' in payload)) return payload;
  const { data } = payload as { data: unknown };
  return { ...payload, data: Array.isArray(data) ? data.map((r) => only(r, keys)) : only(data, keys) };
}
