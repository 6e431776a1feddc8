// The kit's OAuth2 client-credentials transport with "Bolt", a tiny provider that exists only here:
// a token endpoint and one API route on loopback. Token cached until expiry, renewed once on a 401,
// concurrent callers share one token request, and no secret or token in any error.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClientCredentialsToken, clientCredentialsTransport, TokenError, type AuthorizedSend, type FormPost } from '@distribu/shared/kit';

const CLIENT_SECRET = 'bolt-client-secret-7f3a9c';
let server: Server;
let base: string;
let issued: string[] = [];
let tokenForms: Array<Record<string, string>> = [];
let revoked = new Set<string>();
let tokenStatus = 200;
let apiCalls = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url === '/token') {
        const form = Object.fromEntries(new URLSearchParams(text));
        tokenForms.push(form);
        if (tokenStatus !== 200) return send(tokenStatus, { error: 'invalid_client', error_description: `bad secret ${form.client_secret}` });
        if (form.client_secret !== CLIENT_SECRET) return send(401, { error: 'invalid_client' });
        const token = `bolt_at_${issued.length + 1}`;
        issued.push(token);
        return send(200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });
      }
      apiCalls += 1;
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      if (!issued.includes(token) || revoked.has(token)) return send(401, { error: 'unauthorized' });
      return send(200, { ok: true, token });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  issued = [];
  tokenForms = [];
  revoked = new Set();
  tokenStatus = 200;
  apiCalls = 0;
});

const post: FormPost = async (url, form) => {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
  return { status: r.status, body: await r.json() };
};
const send: AuthorizedSend = async (request, authorization) => {
  const r = await fetch(`${base}${request.path}`, { method: request.method, headers: { authorization } });
  return { status: r.status, body: await r.json() };
};
function bolt(secret = CLIENT_SECRET, now = () => Date.now()) {
  const token = new ClientCredentialsToken({ tokenUrl: `${base}/token`, clientId: 'bolt-client', clientSecret: secret, audience: 'https://api.bolt.test' }, post, 'Bolt', now);
  return { token, transport: clientCredentialsTransport(token, send) };
}

test('one token for many calls; the form is RFC 6749 client credentials with the audience', async () => {
  const { token, transport } = bolt();
  for (let i = 0; i < 5; i += 1) expect((await transport({ method: 'GET', path: '/things' })).status).toBe(200);
  expect(token.fetched).toBe(1);
  expect(tokenForms).toEqual([{ grant_type: 'client_credentials', client_id: 'bolt-client', client_secret: CLIENT_SECRET, audience: 'https://api.bolt.test' }]);
});

test('concurrent first calls share one token request', async () => {
  const { token, transport } = bolt();
  await Promise.all(Array.from({ length: 8 }, () => transport({ method: 'GET', path: '/things' })));
  expect(token.fetched).toBe(1);
  expect(tokenForms).toHaveLength(1);
});

test('an expired token is replaced before the call (no 401 needed)', async () => {
  let clock = 1_000_000;
  const { token, transport } = bolt(CLIENT_SECRET, () => clock);
  await transport({ method: 'GET', path: '/things' });
  clock += 3600 * 1000; // past expires_in (less the margin)
  const r = await transport({ method: 'GET', path: '/things' });
  expect(token.fetched).toBe(2);
  expect((r.body as { token: string }).token).toBe('bolt_at_2');
  expect(apiCalls).toBe(2);
});

test('a 401 renews the token once and repeats the call once', async () => {
  const { token, transport } = bolt();
  await transport({ method: 'GET', path: '/things' });
  revoked.add('bolt_at_1');
  const r = await transport({ method: 'GET', path: '/things' });
  expect(r.status).toBe(200);
  expect((r.body as { token: string }).token).toBe('bolt_at_2');
  expect(token.fetched).toBe(2);
  expect(apiCalls).toBe(3);
});

test('a 401 with the fresh token too is returned, after exactly one renewal', async () => {
  const { token, transport } = bolt();
  await transport({ method: 'GET', path: '/things' });
  revoked.add('bolt_at_1');
  revoked.add('bolt_at_2');
  expect((await transport({ method: 'GET', path: '/things' })).status).toBe(401);
  expect(token.fetched).toBe(2);
  expect(apiCalls).toBe(3);
});

test('a wrong client secret is a plain TokenError without the secret', async () => {
  const { transport } = bolt('wrong-secret-123');
  const error = await transport({ method: 'GET', path: '/things' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TokenError);
  expect((error as Error).message).toBe('Bolt refused the client ID and client secret (HTTP 401, invalid_client). Check both and try again.');
  expect(apiCalls).toBe(0);
});

test("the token endpoint's echo of the secret never reaches the error", async () => {
  tokenStatus = 400;
  const error = (await bolt().transport({ method: 'GET', path: '/things' }).catch((e: unknown) => e)) as Error;
  expect(error.message).not.toContain(CLIENT_SECRET);
  expect(JSON.stringify(error)).not.toContain(CLIENT_SECRET);
});

test('an unreachable token endpoint is a plain TokenError', async () => {
  const token = new ClientCredentialsToken({ tokenUrl: 'http://127.0.0.1:1/token', clientId: 'c', clientSecret: CLIENT_SECRET }, post, 'Bolt');
  const error = (await token.get().catch((e: unknown) => e)) as Error;
  expect(error).toBeInstanceOf(TokenError);
  expect(error.message).toMatch(/^Could not reach Bolt's token endpoint/);
  expect(error.message).not.toContain(CLIENT_SECRET);
});

test('no client secret: refused before any request', async () => {
  await expect(bolt('').token.get()).rejects.toThrow('A client ID and a client secret are needed to connect to Bolt.');
  expect(tokenForms).toHaveLength(0);
});
