import type { FastifyInstance } from 'fastify';
import { isLowStock, LOW_STOCK_THRESHOLD } from '@distribu/shared/runtime';
import type { SandboxCore } from '../../core';
import { invalid } from '../errors';
import { own } from '../own';
import { ORDER_STATUSES } from '../../domain/orders';
import type { Order } from '../../state/store';
import { money } from '../../domain/money';
import { productView } from '../views';

type Query = { Querystring: Record<string, string | undefined> };

const DAY = 86_400_000;
/** Rolling windows (Distribu documents the preset names, not their exact bounds). */
const PRESETS: Record<string, { days: number | null; label: string }> = {
  today: { days: 0, label: 'Today' },
  week: { days: 7, label: 'Last 7 days' },
  month: { days: 30, label: 'Last 30 days' },
  quarter: { days: 90, label: 'Last 90 days' },
  year: { days: 365, label: 'Last 365 days' },
  all: { days: null, label: 'All time' },
};

function range(q: Record<string, string | undefined>) {
  const preset = q.preset ?? 'month';
  const chosen = own(PRESETS, preset);
  if (!chosen) throw invalid('preset', `must be one of ${Object.keys(PRESETS).join(', ')}.`);
  const now = new Date();
  const { days, label } = chosen;
  let from =
    days === null ? new Date(0) : days === 0 ? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())) : new Date(now.getTime() - days * DAY);
  let to = now;
  for (const [key, value] of [['from', q.from], ['to', q.to]] as const) {
    if (value === undefined) continue;
    const d = new Date(value);
    if (Number.isNaN(d.getTime())) throw invalid(key, 'must be a date.');
    if (key === 'from') from = d;
    else to = d;
  }
  const custom = q.from !== undefined || q.to !== undefined;
  return { from, to, preset, label: custom ? 'Custom range' : label };
}

const sum = (orders: Order[]) => money(orders.reduce((s, o) => s + o.total, 0));

/**
 * /api/v1/reports (reports:read). The sales report follows the documented shape (revenue includes
 * cancelled orders, as documented); the customers and inventory shapes are not documented and
 * are the sandbox's best guess.
 */
export function reportRoutes(core: SandboxCore) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const config = { config: { scope: 'reports:read' } };

    app.get<Query>('/reports/sales', config, async (request) => {
      const r = range(request.query);
      const orders = [...core.store.orders.values()].filter((o) => {
        const t = Date.parse(o.createdAt);
        return t >= r.from.getTime() && t <= r.to.getTime();
      });
      const byDay = new Map<string, Order[]>();
      for (const o of orders) byDay.set(o.createdAt.slice(0, 10), [...(byDay.get(o.createdAt.slice(0, 10)) ?? []), o]);
      return {
        data: {
          range: { from: r.from.toISOString(), to: r.to.toISOString(), preset: r.preset, label: r.label },
          totals: {
            orderCount: orders.length,
            revenue: sum(orders),
            averageOrderValue: orders.length ? money(sum(orders) / orders.length) : 0,
          },
          daily: [...byDay.entries()]
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([date, list]) => ({ date, orderCount: list.length, revenue: sum(list) })),
          byStatus: ORDER_STATUSES.map((status) => {
            const list = orders.filter((o) => o.status === status);
            return { status, orderCount: list.length, revenue: sum(list) };
          }),
        },
      };
    });

    app.get('/reports/customers', config, async () => {
      const customers = [...core.store.customers.values()];
      const orders = [...core.store.orders.values()];
      const top = customers
        .map((c) => {
          const mine = orders.filter((o) => o.customerId === c.id);
          return { customerId: c.id, name: c.name, email: c.email, orderCount: mine.length, revenue: sum(mine) };
        })
        .filter((c) => c.orderCount > 0)
        .sort((a, b) => b.revenue - a.revenue)
        .slice(0, 10);
      return {
        data: {
          totals: {
            customerCount: customers.length,
            activeCount: customers.filter((c) => c.status === 'ACTIVE').length,
            blockedCount: customers.filter((c) => c.status === 'BLOCKED').length,
          },
          topCustomers: top,
        },
      };
    });

    app.get('/reports/inventory', config, async () => {
      const products = [...core.store.products.values()];
      return {
        data: {
          totals: {
            productCount: products.length,
            activeCount: products.filter((p) => p.isActive).length,
            lowStockCount: products.filter((p) => isLowStock(p.stock)).length,
            outOfStockCount: products.filter((p) => p.stock <= 0).length,
            stockValue: money(products.reduce((s, p) => s + Math.max(p.stock, 0) * p.price, 0)),
          },
          threshold: LOW_STOCK_THRESHOLD,
          lowStock: products.filter((p) => isLowStock(p.stock)).map(productView),
        },
      };
    });
  };
}
