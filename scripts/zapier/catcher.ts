// The hooks.zapier.com stand-in shared by the Zapier tests and the live demo.
import Fastify from 'fastify';
import type { CapturedRequest } from './bundle';

/**
 * Stands in for hooks.zapier.com: accepts every POST on 127.0.0.1 and records the raw body
 * (as the string received, never re-serialised) and headers, per path.
 */
export async function startCatcher() {
  const app = Fastify();
  const received: Array<CapturedRequest & { path: string }> = [];
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.post('/*', async (request, reply) => {
    received.push({
      path: request.url,
      method: request.method,
      headers: { ...request.headers },
      body: typeof request.body === 'string' ? request.body : '',
    });
    return reply.code(200).send({ status: 'success' });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    at: (path: string) => received.filter((r) => r.path === path),
    close: () => app.close(),
  };
}
