import type { FastifyInstance } from 'fastify';
import type { SandboxCore } from '../core';
import { optionalBody } from '../http/body';

/** POST /_sandbox/idle (waits for deliveries in flight), POST /_sandbox/reset {seed?}. */
export function lifecycleControls(core: SandboxCore) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.post('/idle', async () => {
      await core.deliverer.idle();
      return { idle: true };
    });

    app.post('/reset', async (request) => {
      const b = optionalBody(request);
      await core.deliverer.idle();
      core.reset({ seed: b.seed !== false });
      return { reset: true };
    });
  };
}
