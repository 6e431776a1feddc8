import { simplify } from '@distribu/shared/runtime';
import { newestFirst } from '../../sandbox/src/state/store';
import { insertProduct } from '../../sandbox/src/state/insert';
import { op, startOpsWorld, type OpsWorld } from './support/world';

let w: OpsWorld;
beforeAll(async () => {
  w = await startOpsWorld();
  // 150 more products with stock 0..9 in turn: 75 of them have 1..5 units.
  for (let i = 0; i < 150; i += 1) insertProduct(w.sb.core.store, { name: `Bulk ${i}`, sku: `BULK-${i}`, category: 'Bulk', price: 1, stock: i % 10 });
});
afterAll(() => w.close());
beforeEach(() => {
  w.requests.length = 0;
});

// Written out here, not imported, so a change to the shared rule cannot pass unnoticed.
const lowStock = () => newestFirst(w.sb.core.store.products.values()).filter((p) => p.stock >= 1 && p.stock <= 5);

describe('product.getAll', () => {
  it('lowStockOnly with Return All: every product with 1 to 5 units, across pages, and only those', async () => {
    const low = await w.run('product.getAll', { lowStockOnly: true }, { returnAll: true });
    expect(low.map((p) => p.id)).toEqual(lowStock().map((p) => p.id));
    expect(low.length).toBeGreaterThan(75);
    expect(w.requests.length).toBeGreaterThan(1);
    // Never sent: Distribu has no such filter.
    expect(w.requests.every((r) => !('lowStockOnly' in (r.query ?? {})))).toBe(true);
  });

  it('lowStockOnly with a limit: the limit counts the products kept, read at full page size', async () => {
    const low = await w.run('product.getAll', { lowStockOnly: true, category: 'Bulk' }, { limit: 12 });
    expect(low).toHaveLength(12);
    expect(low.every((p) => (p.stock as number) >= 1 && (p.stock as number) <= 5 && p.category === 'Bulk')).toBe(true);
    expect(w.requests).toEqual([{ method: 'GET', path: '/products', query: { category: 'Bulk', limit: 100 } }]);
  });

  it('active and search go to the query; booleans as Distribu reads them', async () => {
    const found = await w.run('product.getAll', { active: 'false', search: 'matcha' });
    expect(w.requests[0]!.query).toEqual({ active: false, search: 'matcha', limit: 50 });
    expect(found.map((p) => p.sku)).toEqual(['TEA-MAT-100']);
  });

  it('Simplify keeps the product\'s eight main fields', async () => {
    const [product] = await w.run('product.get', { productId: lowStock()[0]!.id });
    expect(Object.keys(product!)).toHaveLength(12);
    expect(simplify(op('product.get'), product!)).toEqual({
      id: product!.id,
      name: product!.name,
      sku: product!.sku,
      category: product!.category,
      unit: product!.unit,
      price: product!.price,
      stock: product!.stock,
      isActive: product!.isActive,
    });
  });
});

describe('reports', () => {
  it('sales: the preset and a custom range go to the query; one record back', async () => {
    const [report] = await w.run('report.sales', { preset: 'all', from: '2020-01-01' });
    expect(w.requests).toEqual([{ method: 'GET', path: '/reports/sales', query: { preset: 'all', from: '2020-01-01' } }]);
    expect(report).toMatchObject({ range: { preset: 'all', label: 'Custom range' } });
    expect(simplify(op('report.sales'), report!)).toEqual({ range: report!.range, totals: report!.totals });
  });

  it('sales without a preset: the default (month) is sent', async () => {
    await w.run('report.sales', {});
    expect(w.requests[0]!.query).toEqual({ preset: 'month' });
  });

  it('inventory: the low-stock list agrees with the low-stock filter', async () => {
    const [report] = await w.run('report.inventory', {});
    expect((report!.lowStock as Array<{ id: string }>).map((p) => p.id).sort()).toEqual(lowStock().map((p) => p.id).sort());
  });
});
