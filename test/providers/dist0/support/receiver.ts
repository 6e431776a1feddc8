// A loopback receiver for dist0's sends in the tests: it keeps each request's exact bytes and
// headers and answers from a script (a status, or 'hang' to answer too late), then 200.
import Fastify from 'fastify';

export interface Received {
  raw: Buffer;
  headers: Record<string, string | string[] | undefined>;
  at: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** The next answers, in order; when it is empty, 200. */
  script: Array<number | 'hang'>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const app = Fastify({ logger: false, forceCloseConnections: true });
  const received: Received[] = [];
  const receiver = { received, script: [] as Array<number | 'hang'> };
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.post('/*', async (request, reply) => {
    received.push({ raw: request.body as Buffer, headers: { ...request.headers }, at: Date.now() });
    const answer = receiver.script.shift() ?? 200;
    if (answer === 'hang') await new Promise((r) => setTimeout(r, 1_500));
    return reply.code(answer === 'hang' ? 200 : answer).send({ ok: answer === 200 });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return Object.assign(receiver, { url: `http://127.0.0.1:${port}/hook`, close: () => app.close() });
}

/** The provider's transport over fetch, as a host's HTTP function would be (adds the key, never throws on a status). */
export function fetchTransport(base: string, key: string | undefined) {
  return async (request: { method: string; path: string; body?: unknown }) => {
    const response = await fetch(`${base}/api/v1${request.path}`, {
      method: request.method,
      headers: { ...(key !== undefined ? { authorization: `Bearer ${key}` } : {}), ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: request.body !== undefined ? JSON.stringify(request.body) : undefined,
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* the raw text */
    }
    return { status: response.status, body };
  };
}
