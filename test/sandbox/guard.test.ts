import { startSandbox, type Sandbox } from '../../sandbox/src';
import { SandboxClient } from '../../sandbox/src/client';
import { rawCall } from './support/raw';
import { parseRawAnswer, sendRaw } from './support/wire';

// The sandbox's own surface (/_sandbox and the dashboard) answers loopback names only and refuses
// cross-site writes, so neither a DNS-rebinding page nor any other web page can read or drive it.
// Distribu's REST API (key-protected) is unaffected.

let sb: Sandbox;
let port: string;
let client: SandboxClient;
beforeAll(async () => {
  sb = await startSandbox({ port: 0, seed: true });
  port = new URL(sb.url).port;
  client = new SandboxClient(sb.url, sb.apiKey);
});
afterAll(() => sb.close());

/** Tables are built before the sandbox starts: 'PORT' stands for its port. */
const withPort = (headers: Record<string, string>) => JSON.parse(JSON.stringify(headers).replaceAll('PORT', port)) as Record<string, string>;
const keyCount = async () => (await client.control<{ data: unknown[] }>('GET', '/api-keys')).data.length;

describe('Host', () => {
  test.each(['evil.example', 'evil.example:PORT', '127.0.0.1.evil.example', '10.0.0.5', 'localhost.', '[::2]:80'])(
    '%s is refused with 421 on the controls and the dashboard (PORT: the sandbox’s)',
    async (host) => {
      for (const [method, path] of [['GET', '/_sandbox/webhooks'], ['GET', '/'], ['GET', '/dashboard'], ['GET', '/_sandbox/dashboard/webhooks'], ['POST', '/_sandbox/reset']]) {
        const res = await rawCall(sb.url, method!, path!, { headers: withPort({ host }) });
        expect(res.status).toBe(421);
        expect(JSON.parse(res.body)).toEqual({ error: expect.stringContaining('127.0.0.1, localhost or [::1]') });
      }
    },
  );

  test('a request without Host (HTTP/1.0) is refused', async () => {
    const answer = parseRawAnswer(await sendRaw(sb.url, 'GET /_sandbox/webhooks HTTP/1.0\r\n\r\n'));
    expect(answer.status).toBe(421);
  });

  test.each(['127.0.0.1', '127.0.0.1:4010', 'localhost', 'LOCALHOST:1', '[::1]', '[::1]:4010'])('%s is a loopback name', async (host) => {
    expect((await rawCall(sb.url, 'GET', '/_sandbox/webhooks', { headers: { host } })).status).toBe(200);
  });

  test('the REST API answers any Host (it needs a key)', async () => {
    expect((await rawCall(sb.url, 'GET', '/api/v1/orders', { key: sb.apiKey, headers: { host: 'distribu.example' } })).status).toBe(200);
  });
});

describe('cross-site writes', () => {
  const reset = (headers: Record<string, string>) => rawCall(sb.url, 'POST', '/_sandbox/api-keys', { body: {}, headers: withPort(headers) });

  test.each([
    { origin: 'http://evil.example' },
    { origin: 'null' },
    { origin: 'http://localhost:PORT' },
    { origin: 'https://127.0.0.1:PORT' },
    { 'sec-fetch-site': 'cross-site' },
    { 'sec-fetch-site': 'same-site' },
    { origin: 'http://127.0.0.1:PORT', 'sec-fetch-site': 'cross-site' },
  ] as Array<Record<string, string>>)('%j is refused with 403 and changes nothing', async (headers) => {
    const before = await keyCount();
    const res = await reset(headers);
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toEqual({ error: expect.stringContaining('Cross-site requests') });
    expect(await keyCount()).toBe(before);
  });

  test.each([{}, { origin: 'http://127.0.0.1:PORT', 'sec-fetch-site': 'same-origin' }, { 'sec-fetch-site': 'none' }] as Array<Record<string, string>>)(
    'the sandbox’s own page or a local program (%j) may write',
    async (headers) => {
      expect((await reset(headers)).status).toBe(201);
    },
  );

  test('reads are not refused for coming from elsewhere (browsers do not let the page read them)', async () => {
    expect((await rawCall(sb.url, 'GET', '/_sandbox/webhooks', { headers: { 'sec-fetch-site': 'cross-site', origin: 'http://evil.example' } })).status).toBe(200);
  });
});

describe('writes take JSON', () => {
  test.each([
    ['text/plain', '{}'],
    ['application/x-www-form-urlencoded', 'name=x'],
    ['multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--b--\r\n'],
    ['text/plain', ''],
  ])('a %s body is refused with 415 and mints no key', async (type, rawBody) => {
    const before = await keyCount();
    const res = await rawCall(sb.url, 'POST', '/_sandbox/api-keys', { rawBody, headers: { 'content-type': type } });
    expect(res.status).toBe(415);
    expect(JSON.parse(res.body)).toEqual({ error: 'Sandbox controls take JSON: send the body with Content-Type: application/json.' });
    expect(await keyCount()).toBe(before);
  });

  test('a body without a Content-Type is refused; a bodiless write needs none', async () => {
    expect((await rawCall(sb.url, 'POST', '/_sandbox/idle', { rawBody: '{}' })).status).toBe(415);
    expect((await rawCall(sb.url, 'POST', '/_sandbox/idle')).status).toBe(200);
    expect((await rawCall(sb.url, 'DELETE', '/_sandbox/faults')).status).toBe(200);
    expect((await rawCall(sb.url, 'POST', '/_sandbox/idle', { rawBody: '{}', headers: { 'content-type': 'Application/JSON; charset=utf-8' } })).status).toBe(200);
  });

  test('the REST API still reads JSON whatever the Content-Type (as Distribu does)', async () => {
    const res = await rawCall(sb.url, 'GET', '/api/v1/orders?limit=1', { key: sb.apiKey, headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(200);
  });
});

test('the dashboard and the controls may not be framed', async () => {
  for (const path of ['/', '/dashboard', '/dashboard/dashboard.js', '/_sandbox/webhooks', '/_sandbox/nope']) {
    const res = await rawCall(sb.url, 'GET', path);
    expect(res.headers!['x-frame-options']).toBe('DENY');
    expect(res.headers!['content-security-policy']).toContain("frame-ancestors 'none'");
  }
  // The page keeps its own policy, with framing forbidden in it.
  expect((await rawCall(sb.url, 'GET', '/')).headers!['content-security-policy']).toMatch(/^default-src 'none';.*frame-ancestors 'none'$/);
});
