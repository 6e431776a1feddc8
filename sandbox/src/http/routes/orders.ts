import type { FastifyInstance } from 'fastify';
import { objectBody } from '../body';
import type { SandboxCore } from '../../core';
import { placeOrder, parseNewOrder, transitionOrder, ORDER_STATUSES } from '../../domain/orders';
import { notFound } from '../errors';
import { paginate } from '../pagination';
import type { Order } from '../../state/store';
import { orderView } from '../views';

type IdParams = { Params: { id: string } };
type ListQuery = { Querystring: Record<string, string | undefined> };

/** Distribu parses date filters with `new Date()`; an unparseable one filters nothing out. */
function dateFilter(raw: string | undefined): number | null {
  if (!raw) return null;
  const t = new Date(raw).getTime();
  return Number.isNaN(t) ? null : t;
}

/** /api/v1/orders: list (status, customerId, since/until), get, create, status changes. */
export function orderRoutes(core: SandboxCore) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.get<ListQuery>('/orders', { config: { scope: 'orders:read' } }, async (request) => {
      const q = request.query;
      const status = q.status && ORDER_STATUSES.includes(q.status as Order['status']) ? q.status : undefined;
      const since = dateFilter(q.since);
      const until = dateFilter(q.until);
      const { items, pagination } = paginate(
        core.store.orders.values(),
        (o) =>
          (!q.status || o.status === status) &&
          (!q.customerId || o.customerId === q.customerId) &&
          (since === null || Date.parse(o.createdAt) >= since) &&
          (until === null || Date.parse(o.createdAt) <= until),
        q,
      );
      return { data: items.map((o) => orderView(core.store, o)), pagination };
    });

    app.get<IdParams>('/orders/:id', { config: { scope: 'orders:read' } }, async (request) => {
      const order = core.store.orders.get(request.params.id);
      if (!order) throw notFound('Order');
      return { data: orderView(core.store, order) };
    });

    app.post('/orders', { config: { scope: 'orders:write' } }, async (request, reply) => {
      const input = parseNewOrder(objectBody(request), { customerRequired: true });
      const { order } = placeOrder(core, input, 'api');
      return reply.code(201).send({ data: orderView(core.store, order) });
    });

    app.patch<IdParams>('/orders/:id', { config: { scope: 'orders:write' } }, async (request) => {
      const body = objectBody(request);
      const { order } = transitionOrder(core, request.params.id, { status: body.status, tracking: body.tracking }, 'api');
      return { data: orderView(core.store, order) };
    });
  };
}
