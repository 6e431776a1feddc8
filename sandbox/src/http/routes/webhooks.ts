import type { FastifyInstance } from 'fastify';
import { objectBody } from '../body';
import type { SandboxCore } from '../../core';
import { createWebhook, deleteWebhook, findWebhook, listWebhooks, parseWebhookFields, rotateSecret, updateWebhook } from '../../domain/webhooks';
import { webhookView } from '../views';

type IdParams = { Params: { id: string } };
const read = { config: { scope: 'webhooks:read' } };
const write = { config: { scope: 'webhooks:write' } };

/** /api/v1/webhooks: Distribu's webhook management (cap WEBHOOK_CAP, secret shown once). */
export function webhookRoutes(core: SandboxCore) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.get('/webhooks', read, async () => ({ data: listWebhooks(core).map(webhookView) }));

    app.get<IdParams>('/webhooks/:id', read, async (request) => ({ data: webhookView(findWebhook(core, request.params.id)) }));

    app.post('/webhooks', write, async (request, reply) => {
      const fields = parseWebhookFields(objectBody(request), { create: true });
      const webhook = createWebhook(core, { ...fields, url: fields.url!, events: fields.events! });
      return reply.code(201).send({ data: { ...webhookView(webhook), secret: webhook.secret } });
    });

    app.patch<IdParams>('/webhooks/:id', write, async (request) => {
      findWebhook(core, request.params.id);
      const fields = parseWebhookFields(objectBody(request), { create: false });
      return { data: webhookView(updateWebhook(core, request.params.id, fields)) };
    });

    app.delete<IdParams>('/webhooks/:id', write, async (request) => {
      deleteWebhook(core, request.params.id);
      return { data: { id: request.params.id, deleted: true } };
    });

    // Not in Distribu's public API (rotation is a dashboard action there): a sandbox-only stand-in
    // (sandbox/README.md, Decisions). Connectors must not depend on it.
    app.post<IdParams>('/webhooks/:id/rotate-secret', write, async (request) => {
      const { webhook, secret } = rotateSecret(core, request.params.id);
      return { data: { ...webhookView(webhook), secret } };
    });
  };
}
