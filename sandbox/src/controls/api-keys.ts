import type { FastifyInstance } from 'fastify';
import type { SandboxCore } from '../core';
import { apiKeyView, createApiKey, SCOPES } from '../http/auth';
import { optionalBody } from '../http/body';
import { ApiError, invalid } from '../http/errors';

/** POST /_sandbox/api-keys {name?, scopes?, expiresAt?}, GET /_sandbox/api-keys, POST /_sandbox/api-keys/:id/revoke. */
export function apiKeyControls(core: SandboxCore) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.post('/api-keys', async (request, reply) => {
      const body = optionalBody(request);
      const scopes = body.scopes ?? [...SCOPES];
      if (!Array.isArray(scopes) || scopes.length === 0 || scopes.some((s) => !SCOPES.includes(s))) {
        throw invalid('scopes', `must list one or more of ${SCOPES.join(', ')}.`);
      }
      if (body.name !== undefined && (typeof body.name !== 'string' || body.name.length > 100)) {
        throw invalid('name', 'must be a string of at most 100 characters.');
      }
      if (body.expiresAt !== undefined && body.expiresAt !== null && (typeof body.expiresAt !== 'string' || Number.isNaN(Date.parse(body.expiresAt)))) {
        throw invalid('expiresAt', 'must be an ISO 8601 date, or null.');
      }
      const { key, record } = createApiKey(core.store, {
        name: body.name as string | undefined,
        scopes: scopes as string[],
        expiresAt: typeof body.expiresAt === 'string' ? body.expiresAt : null,
      });
      return reply.code(201).send({ key, ...apiKeyView(record) });
    });

    app.get('/api-keys', async () => ({ data: [...core.store.apiKeys.values()].map(apiKeyView) }));

    app.post<{ Params: { id: string } }>('/api-keys/:id/revoke', async (request) => {
      const key = core.store.apiKeys.get(request.params.id);
      if (!key) throw new ApiError(404, 'API key not found.');
      key.revoked = true;
      return apiKeyView(key);
    });
  };
}
