import net from 'node:net';
import { startRawServer, type RawServer } from '../support/raw-server';
import {
  DistribuApiError,
  DistribuNetworkError,
  MAX_API_MESSAGE_LENGTH,
  describeApiError,
  errorDetails,
  isDefiniteRefusal,
  networkErrorFrom,
  redactSecrets,
} from '@distribu/shared/runtime';

const KEY = 'dk_Zx9fQw2LkV8mN3pR7tY1uI4oP6aS0dF5gH2jK8lM3nB';
const SECRET = 'whsec_Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56';

describe('redactSecrets', () => {
  it('hides API keys, signing secrets and Bearer tokens wherever they sit', () => {
    const text = `authorization: Bearer ${KEY}; secret=${SECRET} "key":"${KEY}" Bearer abc.def`;
    const out = redactSecrets(text);
    expect(out).not.toContain(KEY.slice(3));
    expect(out).not.toContain(SECRET.slice(6));
    expect(out).not.toContain('abc.def');
    expect(out).toContain('dk_…[redacted]');
    expect(out).toContain('whsec_…[redacted]');
    expect(out).toContain('Bearer …[redacted]');
  });

  it('leaves ordinary words alone', () => {
    expect(redactSecrets('Webhook not found; idk_what network_error')).toBe('Webhook not found; idk_what network_error');
  });
});

describe('errorDetails and describeApiError', () => {
  it("quotes only Distribu's JSON error string, redacted", () => {
    const d = errorDetails(400, { error: `Validation failed: bad header ${KEY}` });
    expect(d.apiMessage).toBe('Validation failed: bad header dk_…[redacted]');
    expect(describeApiError(d)).toBe('Distribu refused the request: Validation failed: bad header dk_…[redacted]');
  });

  it('reads a JSON error the host left as text', () => {
    expect(errorDetails(422, '{"error":"Not enough stock."}').apiMessage).toBe('Not enough stock.');
  });

  it('never uses an HTML page or plain text body: 413 gets its own sentence', () => {
    const html = `<html><head><title>413 Request Entity Too Large</title></head><body>${'<p>nginx</p>'.repeat(300)}</body></html>`;
    const d = errorDetails(413, html);
    expect(d.apiMessage).toBeUndefined();
    expect(describeApiError(d)).toBe('Distribu refused the request as too large (HTTP 413).');
    expect(describeApiError(errorDetails(409, `echo: Authorization: Bearer ${KEY}`))).toBe('Distribu refused the request (HTTP 409).');
    expect(describeApiError(errorDetails(502, '<html>Bad gateway</html>'))).toMatch(/^Distribu had a server error \(HTTP 502\)/);
  });

  it('cuts a long error to the cap, ending in …, on one line', () => {
    const d = errorDetails(400, { error: `line one\n${'x'.repeat(5000)}` });
    expect(d.apiMessage!.length).toBe(MAX_API_MESSAGE_LENGTH);
    expect(d.apiMessage!.endsWith('…')).toBe(true);
    expect(d.apiMessage).not.toContain('\n');
    expect(describeApiError(d).length).toBeLessThan(MAX_API_MESSAGE_LENGTH + 60);
  });

  it('does not cut an emoji in half', () => {
    const d = errorDetails(400, { error: `${'x'.repeat(MAX_API_MESSAGE_LENGTH - 2)}🚚🚚` });
    expect(d.apiMessage!.endsWith('x…')).toBe(true);
    expect(d.apiMessage).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('a secret cut in half by the cap is still redacted', () => {
    const d = errorDetails(400, { error: `${'a '.repeat(140)}${KEY}` });
    expect(d.apiMessage).not.toMatch(/dk_[A-Za-z0-9]/);
  });

  it('ignores a non-string error field and an array body', () => {
    expect(errorDetails(400, { error: { nested: KEY } }).apiMessage).toBeUndefined();
    expect(errorDetails(400, [{ error: 'x' }]).apiMessage).toBeUndefined();
    expect(describeApiError(errorDetails(400, null))).toBe('Distribu refused the request (HTTP 400).');
  });

  it('403 without a named scope quotes only the redacted JSON error', () => {
    expect(describeApiError(errorDetails(403, { error: `Forbidden for ${KEY}` }))).toBe(
      'This Distribu API key lacks a scope this step needs (Forbidden for dk_…[redacted]). Create a key with the scopes listed in the connection help.',
    );
    expect(describeApiError(errorDetails(403, '<h1>Forbidden</h1>'))).not.toContain('<h1>');
  });

  it('an odd status gets a sentence, not the body', () => {
    expect(describeApiError(errorDetails(302, 'Found'))).toBe('Distribu sent an unexpected answer (HTTP 302).');
  });
});

describe('isDefiniteRefusal', () => {
  it('is true only for a 4xx answer from Distribu', () => {
    expect(isDefiniteRefusal(new DistribuApiError({ status: 422 }))).toBe(true);
    expect(isDefiniteRefusal(new DistribuApiError({ status: 429 }))).toBe(true);
    expect(isDefiniteRefusal(new DistribuApiError({ status: 500 }))).toBe(false);
    expect(isDefiniteRefusal(new DistribuNetworkError('timeout'))).toBe(false);
    expect(isDefiniteRefusal(new DistribuNetworkError('malformed'))).toBe(false);
    expect(isDefiniteRefusal(new Error('boom'))).toBe(false);
    expect(isDefiniteRefusal(undefined)).toBe(false);
  });
});

/**
 * A raw TCP server that misbehaves the ways a lost answer looks: it resets the connection, sends
 * half a JSON body, or never answers. The real HTTP clients the hosts use (Node's fetch/undici,
 * node-fetch in Zapier, axios in n8n) throw their own errors; networkErrorFrom must map each.
 */
type Mode = 'reset' | 'truncated' | 'hang' | 'garbage';
let raw: RawServer;
let port = 0;

beforeAll(async () => {
  raw = await startRawServer((socket, request) => {
    const mode = /GET \/(\w+)/.exec(request)?.[1] as Mode;
    if (mode === 'reset') socket.resetAndDestroy();
    if (mode === 'truncated') {
      socket.end('HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"data":{"id":"wh_');
    }
    if (mode === 'garbage') {
      const body = '{"data": {"id": "wh_1", "secret": ';
      socket.end(`HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    }
  });
  port = raw.port;
});

afterAll(() => raw.close());

async function thrown(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

const headers = { authorization: `Bearer ${KEY}` };

function expectPlain(error: DistribuNetworkError, kind: DistribuNetworkError['kind']): void {
  expect(error).toBeInstanceOf(DistribuNetworkError);
  expect(error.kind).toBe(kind);
  expect(error.name).toBe('DistribuNetworkError');
  // Only what kind of failure it was: a kind, and for some network failures why (refused, host not found).
  expect(Object.keys(error).filter((key) => key !== 'why').sort()).toEqual(['kind', 'name']);
  expect([undefined, 'refused', 'host-not-found']).toContain(error.why);
  expect((error as { cause?: unknown }).cause).toBeUndefined();
  expect(JSON.stringify({ m: error.message, s: error.stack })).not.toContain(KEY.slice(3));
}

describe('networkErrorFrom with real host errors', () => {
  const url = (mode: Mode) => `http://127.0.0.1:${port}/${mode}`;

  it("Node's fetch (undici): reset → network, hang past the timeout → timeout, truncated → network or malformed", async () => {
    expectPlain(networkErrorFrom(await thrown(() => fetch(url('reset'), { headers }))), 'network');
    expectPlain(networkErrorFrom(await thrown(() => fetch(url('hang'), { headers, signal: AbortSignal.timeout(150) }))), 'timeout');
    const truncated = networkErrorFrom(await thrown(async () => (await fetch(url('truncated'), { headers })).json()));
    expect(['network', 'malformed']).toContain(truncated.kind);
    expectPlain(networkErrorFrom(await thrown(async () => (await fetch(url('garbage'), { headers })).json())), 'malformed');
  });

  it('node-fetch (Zapier): reset → network, its timeout → timeout, bad JSON → malformed', async () => {
    const nodeFetch = (await import('node-fetch')).default;
    expectPlain(networkErrorFrom(await thrown(() => nodeFetch(url('reset'), { headers }))), 'network');
    expectPlain(networkErrorFrom(await thrown(() => nodeFetch(url('hang'), { headers, signal: AbortSignal.timeout(150) as never }))), 'timeout');
    expectPlain(networkErrorFrom(await thrown(async () => (await nodeFetch(url('garbage'), { headers })).json())), 'malformed');
  });

  it('axios (n8n): reset → network, timeout → timeout, refused port → network, and no config/headers kept', async () => {
    const axios = (await import('axios')).default;
    const reset = await thrown(() => axios.get(url('reset'), { headers }));
    expect(JSON.stringify((reset as { config: unknown }).config)).toContain(KEY); // what must not escape
    expectPlain(networkErrorFrom(reset), 'network');
    expectPlain(networkErrorFrom(await thrown(() => axios.get(url('hang'), { headers, timeout: 150 }))), 'timeout');
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = networkErrorFrom(await thrown(() => axios.get(`http://127.0.0.1:${closedPort}/`, { headers })));
    expectPlain(refused, 'network');
    expect(refused.message).toMatch(/refused/);
  });

  it('JSON.parse errors are malformed; an unknown thing is a network error', () => {
    expectPlain(networkErrorFrom(new SyntaxError('Unexpected end of JSON input')), 'malformed');
    expectPlain(networkErrorFrom({ code: 'ENOTFOUND' }), 'network');
    expect(networkErrorFrom({ code: 'ENOTFOUND' }).message).toMatch(/server name was not found/);
    expectPlain(networkErrorFrom('a string'), 'network');
    expectPlain(networkErrorFrom(undefined), 'network');
    const same = new DistribuNetworkError('timeout');
    expect(networkErrorFrom(same)).toBe(same);
  });

  it('the timeout message names the 30 seconds', () => {
    expect(new DistribuNetworkError('timeout').message).toBe('Distribu did not answer within 30 seconds. Try again in a few minutes.');
  });
});
