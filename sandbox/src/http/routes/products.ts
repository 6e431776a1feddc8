import type { FastifyInstance } from 'fastify';
import type { SandboxCore } from '../../core';
import { notFound } from '../errors';
import { paginate } from '../pagination';
import { productView } from '../views';

type IdParams = { Params: { id: string } };
type ListQuery = { Querystring: Record<string, string | undefined> };

/** /api/v1/products: read-only (list with category, search, active; get). */
export function productRoutes(core: SandboxCore) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.get<ListQuery>('/products', { config: { scope: 'products:read' } }, async (request) => {
      const q = request.query;
      const search = q.search?.trim().toLowerCase();
      // `active` other than true/false is ignored, as documented.
      const active = q.active === 'true' ? true : q.active === 'false' ? false : undefined;
      const { items, pagination } = paginate(
        core.store.products.values(),
        (p) =>
          (!q.category || p.category === q.category) &&
          (active === undefined || p.isActive === active) &&
          (!search || [p.name, p.sku, p.category].some((v) => v?.toLowerCase().includes(search))),
        q,
      );
      return { data: items.map(productView), pagination };
    });

    app.get<IdParams>('/products/:id', { config: { scope: 'products:read' } }, async (request) => {
      const product = core.store.products.get(request.params.id);
      if (!product) throw notFound('Product');
      return { data: productView(product) };
    });
  };
}
