import type { FastifyInstance } from 'fastify';
import type { SandboxCore } from '../core';

/** GET|DELETE /_sandbox/requests (the REST request log), GET /_sandbox/audit (webhook configuration changes). */
export function logControls(core: SandboxCore) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: { method?: string; path?: string } }>('/requests', async (request) => {
      const { method, path } = request.query;
      return {
        data: core.store.requests.filter(
          (r) => (!method || r.method === method.toUpperCase()) && (!path || r.path === path || r.path === `/api/v1${path}`),
        ),
      };
    });

    app.get('/audit', async () => ({ data: core.store.audit.map((a) => ({ ...a })) }));

    app.delete('/requests', async () => {
      core.store.requests = [];
      return { cleared: true };
    });
  };
}
