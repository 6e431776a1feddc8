import { createServer, type Server } from 'node:http';
import type { Page } from 'playwright-core';
import { startSandbox, type Sandbox } from '../../sandbox/src';
import { SandboxClient } from '../../sandbox/src/client';
import { openBrowser, type Browser } from './support/browser';

// Another web page, opened in a real chromium, tries what a hostile site would: mint a key and
// reset the sandbox with the requests a page can send without the sandbox's consent (no-cors
// fetch, an auto-submitted form), and frame the dashboard. The sandbox sees each request and
// refuses it; nothing changes.

let sb: Sandbox;
let browser: Browser;
let page: Page;
let attacker: Server;
let attackerOrigin: string;
let controls: SandboxClient;
/** What the sandbox answered to each /_sandbox write (so a test knows the browser really sent it). */
const writes: Array<{ method: string; path: string; status: number }> = [];

/** The hostile page: its script runs against `target` as soon as it loads. */
function attackPage(target: string): string {
  return `<!doctype html><html><body>
<iframe id="framed" src="${target}/"></iframe>
<form id="form" method="POST" action="${target}/_sandbox/api-keys" enctype="text/plain" target="sink">
  <input name='{"name":"csrf","x":"' value='"}'>
</form>
<iframe name="sink"></iframe>
<script>
  (async () => {
    const results = [];
    const send = (path, init) => fetch('${target}' + path, { mode: 'no-cors', method: 'POST', ...init }).then(() => 'sent', (e) => 'error ' + e.message);
    results.push(await send('/_sandbox/api-keys', { headers: { 'content-type': 'text/plain' }, body: '{"name":"no-cors"}' }));
    results.push(await send('/_sandbox/reset', {}));
    document.getElementById('form').submit();
    document.title = 'done ' + results.join(',');
  })();
</script></body></html>`;
}

beforeAll(async () => {
  [sb, browser] = await Promise.all([startSandbox({ port: 0, seed: true }), openBrowser()]);
  page = browser.page;
  controls = new SandboxClient(sb.url, sb.apiKey);
  sb.app.server.on('request', (req, res) => {
    if (req.method !== 'GET' && req.url?.startsWith('/_sandbox')) {
      res.once('finish', () => writes.push({ method: req.method!, path: req.url!, status: res.statusCode }));
    }
  });
  // `localhost` and `127.0.0.1` are different sites, so the sandbox gets Sec-Fetch-Site: cross-site.
  attacker = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(attackPage(sb.url)));
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerOrigin = `http://localhost:${(attacker.address() as { port: number }).port}`;
});

afterAll(async () => {
  await Promise.allSettled([browser?.close(), sb?.close(), new Promise((resolve) => attacker?.close(resolve))]);
});

test('a hostile page can neither mint a key, nor reset the sandbox, nor frame the dashboard', async () => {
  await controls.api('POST', '/webhooks', { url: 'http://127.0.0.1:9/keep', events: ['order.created'] });
  const keysBefore = (await controls.control<{ data: unknown[] }>('GET', '/api-keys')).data.length;
  const consoleLines: string[] = [];
  page.on('console', (message) => consoleLines.push(message.text()));

  await page.goto(`${attackerOrigin}/`);
  await page.waitForFunction("document.title.startsWith('done')");
  // The form posts into a frame; wait until the sandbox has answered all three writes.
  for (let i = 0; i < 200 && writes.length < 3; i++) await new Promise((r) => setTimeout(r, 25));

  expect(await page.title()).toBe('done sent,sent');
  expect(writes.map((w) => [w.path, w.status]).sort()).toEqual([
    ['/_sandbox/api-keys', 403],
    ['/_sandbox/api-keys', 403],
    ['/_sandbox/reset', 403],
  ]);
  expect((await controls.control<{ data: unknown[] }>('GET', '/api-keys')).data.length).toBe(keysBefore);
  expect((await controls.webhooks()).map((w) => w.url)).toEqual(['http://127.0.0.1:9/keep']);

  // The framed dashboard never renders: chromium refuses it under frame-ancestors 'none'.
  for (const frame of page.frames()) expect(await frame.locator('#live').count()).toBe(0);
  expect(consoleLines.some((line) => line.includes('frame-ancestors'))).toBe(true);
});
