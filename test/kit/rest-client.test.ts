// The kit's RestClient sends a GET once more when its connection was cut before any answer (a
// kept-alive connection the server had just closed), and never a write, a refused call or a
// timed-out one. Real HTTP on loopback: a raw server resets as many requests as it is told to.
import net from 'node:net';
import { ClientCredentialsToken, clientCredentialsTransport, NetworkError, TokenError, type Transport } from '@distribu/shared/kit';
import { startRawServer, type RawServer } from '../support/raw-server';
import { AcmeClient } from './support/acme';

let raw: RawServer;
let baseUrl: string;
/** Requests the server received, and how many of the next ones it resets before a byte of the answer. */
const received: string[] = [];
let resets = 0;
let hold = false;

beforeAll(async () => {
  raw = await startRawServer((socket, request) => {
    received.push(/^(\w+) /.exec(request)?.[1] ?? '?');
    if (hold) return;
    if (resets > 0) {
      resets -= 1;
      socket.resetAndDestroy();
      return;
    }
    const body = '{"hooks":[]}';
    socket.end(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
  });
  baseUrl = raw.url;
});

afterAll(() => raw.close());

beforeEach(() => {
  received.length = 0;
  resets = 0;
  hold = false;
});

/** fetch as the host's HTTP function; `sent` counts the calls the client made. */
function transport(url: string, sent: string[], timeoutMs = 2_000): Transport {
  return async (request) => {
    sent.push(request.method);
    const response = await fetch(`${url}${request.path}`, { method: request.method, signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, body: await response.json() };
  };
}

test('a GET cut once before any answer is sent again, and answers', async () => {
  resets = 1;
  const sent: string[] = [];
  const answer = await new AcmeClient(transport(baseUrl, sent)).call({ method: 'GET', path: '/hooks' });
  expect(answer.body).toEqual({ hooks: [] });
  expect(sent).toEqual(['GET', 'GET']);
  expect(received).toEqual(['GET', 'GET']);
});

test('a GET cut twice fails with the plain network error, after two tries', async () => {
  resets = 2;
  const sent: string[] = [];
  const error = await new AcmeClient(transport(baseUrl, sent)).call({ method: 'GET', path: '/hooks' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NetworkError);
  expect((error as NetworkError).message).toBe('Could not reach Acme, or its answer could not be read.');
  expect(received).toEqual(['GET', 'GET']);
});

test.each(['POST', 'PATCH', 'DELETE'] as const)('a %s cut before any answer is never sent again (it may have happened)', async (method) => {
  resets = 1;
  const sent: string[] = [];
  const error = await new AcmeClient(transport(baseUrl, sent)).call({ method, path: '/hooks' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NetworkError);
  expect(sent).toEqual([method]);
  expect(received).toEqual([method]);
});

test('a refused GET is not sent again: nothing listens there', async () => {
  const closed = net.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(closed.address() as net.AddressInfo).port}`;
  await new Promise((resolve) => closed.close(resolve));
  const sent: string[] = [];
  const error = await new AcmeClient(transport(url, sent)).call({ method: 'GET', path: '/hooks' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NetworkError);
  expect(sent).toEqual(['GET']);
});

test('a GET that timed out is not sent again: the time is already spent', async () => {
  hold = true;
  const sent: string[] = [];
  const error = await new AcmeClient(transport(baseUrl, sent, 200)).call({ method: 'GET', path: '/hooks' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NetworkError);
  expect((error as NetworkError).message).toBe('Acme did not answer in time.');
  expect(sent).toEqual(['GET']);
  expect(received).toEqual(['GET']);
});

test('a refused sign-in (client credentials) keeps its own words: no network error, no second try', async () => {
  const forms: string[] = [];
  // The token endpoint refuses the secret: the kit's token flow over a refused form POST.
  const token = new ClientCredentialsToken({ tokenUrl: `${baseUrl}/token`, clientId: 'id', clientSecret: 'wrong' }, async (url) => (forms.push(url), { status: 401, body: { error: 'invalid_client' } }), 'Acme');
  const sent: string[] = [];
  const error = await new AcmeClient(clientCredentialsTransport(token, (request) => transport(baseUrl, sent)(request))).call({ method: 'GET', path: '/hooks' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TokenError);
  expect((error as TokenError).message).toMatch(/^Acme refused the client ID and client secret \(HTTP 401, invalid_client\)/);
  expect([forms.length, sent]).toEqual([1, []]);
});
