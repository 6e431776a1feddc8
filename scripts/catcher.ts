// The receiving end of webhook deliveries for the demo and the tests: it stands in for
// hooks.zapier.com (the Zapier app's subscriptions) and for any subscriber the sandbox delivers to.
import Fastify, { type FastifyInstance } from 'fastify';
import type { CapturedRequest } from './zapier/bundle';

export interface Caught extends CapturedRequest {
  /** The request path, without its query. */
  path: string;
  /** The exact bytes received (`body` is the same as text). */
  raw: Buffer;
  /** `raw` parsed as a Distribu envelope (empty fields when it is not JSON). */
  json: { event: string; timestamp: string; data: Record<string, unknown> };
  at: number;
}

export interface Catcher {
  url: string;
  caught: Caught[];
  /** Requests to one path (e.g. '/a'). */
  at(path: string): Caught[];
  clear(): void;
  close(): Promise<void>;
}

/**
 * A receiver on 127.0.0.1:0 that records every request's raw body and headers, never re-serialised.
 * Its answer depends on the path: `/status/<code>` answers that code, `/slow/<ms>` waits first,
 * `/redirect` answers 302, anything else 200 with hooks.zapier.com's `{"status": "success"}`.
 */
export async function startCatcher(): Promise<Catcher> {
  const app: FastifyInstance = Fastify({ logger: false, forceCloseConnections: true });
  const caught: Caught[] = [];
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.all('/*', async (request, reply) => {
    const raw = (request.body as Buffer | undefined) ?? Buffer.alloc(0);
    const path = request.url.split('?')[0]!;
    const body = raw.toString('utf8');
    let json: Caught['json'];
    try {
      json = JSON.parse(body);
    } catch {
      json = { event: '', timestamp: '', data: {} };
    }
    caught.push({ method: request.method, path, headers: { ...request.headers }, raw, body, json, at: Date.now() });
    const slow = /^\/slow\/(\d+)/.exec(path);
    if (slow) await new Promise((r) => setTimeout(r, Number(slow[1])));
    const status = /^\/status\/(\d{3})/.exec(path);
    if (status) return reply.code(Number(status[1])).send({ answered: Number(status[1]) });
    if (path.startsWith('/redirect')) return reply.code(302).header('location', '/ok').send();
    return reply.code(200).send({ status: 'success' });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    caught,
    at: (path) => caught.filter((c) => c.path === path),
    clear: () => {
      caught.length = 0;
    },
    close: () => app.close(),
  };
}
