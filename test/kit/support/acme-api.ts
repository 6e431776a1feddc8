// Acme's hooks API, served on loopback for the test provider: list, create (a secret shown once,
// a cap of 2), delete; and one fault: the next create is committed but its answer is lost.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ACME_CAP, type AcmeHook } from './acme';

export interface AcmeApi {
  url: string;
  hooks: AcmeHook[];
  /** The next create is stored, then the connection is cut before the answer. */
  loseNextCreateAnswer(): void;
  close(): Promise<void>;
}

export async function startAcmeApi(): Promise<AcmeApi> {
  const hooks: AcmeHook[] = [];
  let loseAnswer = false;
  let counter = 0;
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      const send = (status: number, body?: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body === undefined ? '' : JSON.stringify(body));
      };
      if (req.method === 'GET' && req.url === '/hooks') return send(200, { hooks });
      if (req.method === 'POST' && req.url === '/hooks') {
        if (hooks.length >= ACME_CAP) return send(409, { message: `hook limit (${ACME_CAP}) reached` });
        const want = JSON.parse(text) as { url: string; events: string[] };
        counter += 1;
        // Distinct, increasing creation times, as a real API's clock gives.
        const hook: AcmeHook = { id: `hk_${counter}`, url: want.url, events: want.events, createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, counter)).toISOString() };
        hooks.push(hook);
        if (loseAnswer) {
          loseAnswer = false;
          req.socket.destroy();
          return undefined;
        }
        return send(201, { ...hook, secret: `acme_hs_${randomBytes(12).toString('hex')}` });
      }
      const del = req.method === 'DELETE' && /^\/hooks\/([^/]+)$/.exec(req.url ?? '');
      if (del) {
        const at = hooks.findIndex((h) => h.id === decodeURIComponent(del[1]!));
        if (at < 0) return send(404, { message: 'no such hook' });
        hooks.splice(at, 1);
        return send(204);
      }
      return send(404, { message: 'not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hooks,
    loseNextCreateAnswer: () => (loseAnswer = true),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
