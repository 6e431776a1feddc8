import type { FastifyInstance } from 'fastify';
import type { SandboxCore } from '../core';
import { findWebhook, listWebhooks, rotateSecret } from '../domain/webhooks';
import { optionalBody } from '../http/body';
import { GRACE_SECONDS, numberIn } from '../http/limits';
import { webhookView } from '../http/views';

type IdParams = { Params: { id: string } };

/** GET /_sandbox/webhooks, GET /_sandbox/webhooks/:id/deliveries, POST /_sandbox/webhooks/:id/rotate-secret {graceSeconds?}. */
export function webhookControls(core: SandboxCore) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.get('/webhooks', async () => ({
      data: listWebhooks(core).map((w) => ({ ...webhookView(w), deliveries: w.deliveries.length })),
    }));

    app.get<IdParams>('/webhooks/:id/deliveries', async (request) => ({
      data: findWebhook(core, request.params.id).deliveries.map((d) => ({ ...d })),
    }));

    app.post<IdParams>('/webhooks/:id/rotate-secret', async (request) => {
      const body = optionalBody(request);
      const grace = body.graceSeconds === undefined ? undefined : numberIn('graceSeconds', body.graceSeconds, GRACE_SECONDS, 'seconds');
      const { webhook, secret } = rotateSecret(core, request.params.id, grace === undefined ? undefined : Math.round(grace * 1000));
      return { id: webhook.id, secret, secretRotationGraceExpiresAt: webhook.secretRotationGraceExpiresAt };
    });
  };
}
