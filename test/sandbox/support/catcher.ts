import Fastify, { type FastifyInstance } from 'fastify';

export interface Caught {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The exact bytes received. */
  raw: Buffer;
  /** Parsed JSON of raw. */
  json: { event: string; timestamp: string; data: Record<string, unknown> };
  at: number;
}

export interface Catcher {
  url: string;
  caught: Caught[];
  /** Deliveries to one path (e.g. '/a'). */
  at(path: string): Caught[];
  clear(): void;
  close(): Promise<void>;
}

/**
 * A webhook receiver on 127.0.0.1:0 that records raw bodies and headers. Its answer depends on the
 * path: `/status/<code>` answers that code, `/slow/<ms>` waits first, `/redirect` answers 302,
 * anything else 200.
 */
export async function startCatcher(): Promise<Catcher> {
  const app: FastifyInstance = Fastify({ logger: false, forceCloseConnections: true });
  const caught: Caught[] = [];
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.all('/*', async (request, reply) => {
    const raw = (request.body as Buffer | undefined) ?? Buffer.alloc(0);
    const path = request.url.split('?')[0]!;
    let json: Caught['json'];
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      json = { event: '', timestamp: '', data: {} };
    }
    caught.push({ method: request.method, path, headers: { ...request.headers }, raw, json, at: Date.now() });
    const slow = /^\/slow\/(\d+)/.exec(path);
    if (slow) await new Promise((r) => setTimeout(r, Number(slow[1])));
    const status = /^\/status\/(\d{3})/.exec(path);
    if (status) return reply.code(Number(status[1])).send({ answered: Number(status[1]) });
    if (path.startsWith('/redirect')) return reply.code(302).header('location', '/ok').send();
    return reply.code(200).send({ ok: true });
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
