import type { FastifyInstance } from 'fastify';
import { objectBody } from '../body';
import type { SandboxCore } from '../../core';
import { createCustomer, parseCustomerFields, updateCustomer } from '../../domain/customers';
import { notFound } from '../errors';
import { paginate } from '../pagination';
import { customerView } from '../views';

type IdParams = { Params: { id: string } };
type ListQuery = { Querystring: Record<string, string | undefined> };

/** /api/v1/customers: list (status, search), get, create (source api), update. */
export function customerRoutes(core: SandboxCore) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.get<ListQuery>('/customers', { config: { scope: 'customers:read' } }, async (request) => {
      const q = request.query;
      const search = q.search?.trim().toLowerCase();
      const { items, pagination } = paginate(
        core.store.customers.values(),
        (c) =>
          (!q.status || c.status === q.status) &&
          (!search || c.email.includes(search) || (c.name ?? '').toLowerCase().includes(search)),
        q,
      );
      return { data: items.map(customerView), pagination };
    });

    app.get<IdParams>('/customers/:id', { config: { scope: 'customers:read' } }, async (request) => {
      const customer = core.store.customers.get(request.params.id);
      if (!customer) throw notFound('Customer');
      return { data: customerView(customer) };
    });

    // 200, not 201: Distribu documents 201 for POST /orders only.
    app.post('/customers', { config: { scope: 'customers:write' } }, async (request) => {
      const fields = parseCustomerFields(objectBody(request), { requireEmail: true });
      const { customer } = createCustomer(core, { ...fields, email: fields.email! }, 'api');
      return { data: customerView(customer) };
    });

    app.patch<IdParams>('/customers/:id', { config: { scope: 'customers:write' } }, async (request) => {
      if (!core.store.customers.has(request.params.id)) throw notFound('Customer');
      const fields = parseCustomerFields(objectBody(request), { requireEmail: false });
      const { customer } = updateCustomer(core, request.params.id, fields);
      return { data: customerView(customer) };
    });
  };
}
