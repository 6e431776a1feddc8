import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { eventNames, events, verify } from '@distribu/shared/runtime';
import { startSandbox, type Sandbox } from '../../sandbox/src';
import { startCatcher, type Catcher } from '../../scripts/catcher';
import { call, client } from '../sandbox/support/http';
import { openBrowser, type Browser } from './support/browser';

// The sandbox's Settings → Webhooks page in a real headless chromium: webhooks and their events,
// deliveries arriving live (success, HTTP failure, timeout, network error), fire buttons from the
// catalog, one-time secret on rotation, and no signing secret anywhere else.
// DASHBOARD_SCREENSHOT=/tmp/dir saves screenshots there.

// Generous, so a loaded CI machine does not turn a 200 into a timeout; the timeout case shortens it.
const DELIVERY_TIMEOUT_MS = 5000;
const SHORT_TIMEOUT_MS = 300;
const SLOW_MS = 2000;
let sb: Sandbox;
let catcher: Catcher;
let browser: Browser;
let page: Page;
let api: ReturnType<typeof client>;
/** Console errors and uncaught exceptions of the page (a CSP violation, a 404, a bug). */
const pageErrors: string[] = [];
/** Every signing secret the API handed out; none may show up on the page. */
const secrets: string[] = [];
type Hook = { id: string; url: string; events: string[]; secret: string };
const hooks: Record<'good' | 'failing' | 'down' | 'slow' | 'disabled', Hook> = {} as never;

async function subscribe(url: string, subscribed: string[], extra: Record<string, unknown> = {}): Promise<Hook> {
  const res = await api('POST', '/api/v1/webhooks', { url, events: subscribed, ...extra });
  expect(res.status).toBe(201);
  secrets.push(res.body.data.secret);
  return { id: res.body.data.id, url, events: subscribed, secret: res.body.data.secret };
}

/** A loopback port with nothing listening: deliveries to it fail with a refused connection. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const card = (id: string): Locator => page.locator(`article[data-webhook-id="${id}"]`);
const rows = (id: string): Locator => card(id).locator('tbody tr[data-delivery-id]');
const serverLog = async (id: string) => (await call(sb.url, 'GET', `/_sandbox/webhooks/${id}/deliveries`)).body.data as Array<{ id: string; event: string; status: number | null; durationMs: number }>;

/** The row's cells as text (a screen reader also hears the outcome: "✓ 200, delivered"). */
async function rowTexts(row: Locator): Promise<string[]> {
  return (await row.locator('td').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
}

async function expectNoSecretOnPage(): Promise<void> {
  const html = await page.content();
  for (const secret of secrets) expect(html).not.toContain(secret);
  expect(html).not.toMatch(/whsec_/);
}

async function screenshot(name: string): Promise<void> {
  const dir = process.env.DASHBOARD_SCREENSHOT;
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  [sb, catcher, browser] = await Promise.all([
    startSandbox({ port: 0, seed: true, deliveryTimeoutMs: DELIVERY_TIMEOUT_MS }),
    startCatcher(),
    openBrowser(),
  ]);
  page = browser.page;
  page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()));
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  api = client(sb.url, sb.apiKey);
  hooks.disabled = await subscribe(`${catcher.url}/paused`, ['customer.created'], { isActive: false });
  hooks.down = await subscribe(`http://127.0.0.1:${await closedPort()}/hook`, ['invoice.paid']);
  hooks.slow = await subscribe(`${catcher.url}/slow/${SLOW_MS}`, ['invoice.paid']);
  hooks.failing = await subscribe(`${catcher.url}/status/500`, ['order.shipped']);
  hooks.good = await subscribe(`${catcher.url}/ok`, ['order.shipped', 'order.status_changed', 'invoice.paid']);
  await page.goto(`${sb.url}/`);
  await page.locator('#live[data-state="live"]').waitFor();
});

afterAll(async () => {
  // One failing close must not keep the others open.
  await Promise.allSettled([browser?.close(), sb?.close(), catcher?.close()]);
});

test('lists every webhook with its URL, events, state and the 10-webhook cap, and no secret', async () => {
  expect(await page.title()).toBe('Webhooks · Distribu sandbox');
  // Newest first, as Distribu lists them.
  const order = await page.locator('article.webhook').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-webhook-id')));
  expect(order).toEqual([hooks.good.id, hooks.failing.id, hooks.slow.id, hooks.down.id, hooks.disabled.id]);
  for (const hook of Object.values(hooks)) {
    await expect(card(hook.id).locator('h3').innerText()).resolves.toBe(hook.url);
    await expect(card(hook.id).locator('.chip').allInnerTexts()).resolves.toEqual(hook.events);
    await expect(card(hook.id).locator('.state').innerText()).resolves.toBe(hook === hooks.disabled ? 'Disabled' : 'Active');
    await expect(card(hook.id).locator('.rotation').innerText()).resolves.toMatch(/^Hidden/);
    await expect(card(hook.id).locator('tbody').innerText()).resolves.toBe('No deliveries yet.');
  }
  await expect(page.locator('#usage-text').innerText()).resolves.toBe('5 of 10 webhooks used');
  await expect(page.locator('#usage-raised').isHidden()).resolves.toBe(true); // Distribu's own cap: nothing to explain
  const headers = await card(hooks.good.id).getByRole('columnheader').allInnerTexts();
  expect(headers).toEqual(['Event', 'Status', 'Duration', 'Time']);
  await expectNoSecretOnPage();
});

test('has one labelled fire button per catalog event', async () => {
  const fired = await page.locator('button.fire').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-event')));
  expect(fired).toEqual(events.map((e) => e.name));
  for (const event of events) {
    await page.getByRole('button', { name: `Fire ${event.label} (${event.name})`, exact: true }).waitFor();
  }
});

test('firing an event from the page shows its deliveries live: 200 with ms, and the failing endpoint\'s 500', async () => {
  await page.evaluate(() => ((globalThis as { notReloaded?: boolean }).notReloaded = true));
  await page.getByRole('button', { name: 'Fire Order Shipped (order.shipped)' }).click();

  // Shipping moves the order to SHIPPED: order.status_changed and order.shipped both reach the good hook.
  await rows(hooks.good.id).nth(1).waitFor();
  await rows(hooks.failing.id).first().waitFor();
  const good = await serverLog(hooks.good.id);
  expect(good.map((d) => [d.event, d.status])).toEqual(
    expect.arrayContaining([
      ['order.shipped', 200],
      ['order.status_changed', 200],
    ]),
  );
  for (const [i, d] of good.entries()) {
    const [event, status, duration, time] = await rowTexts(rows(hooks.good.id).nth(i));
    expect([event, status, duration]).toEqual([d.event, '✓ 200, delivered', `${d.durationMs} ms`]);
    expect(time).toMatch(/\d{1,2}:\d{2}:\d{2}/);
  }
  const [failed] = await serverLog(hooks.failing.id);
  expect(failed!.status).toBe(500);
  const [event, status, duration] = await rowTexts(rows(hooks.failing.id).first());
  expect([event, status, duration]).toEqual(['order.shipped', '✕ 500, failed', `${failed!.durationMs} ms`]);
  await expect(rows(hooks.failing.id).first().getAttribute('data-outcome')).resolves.toBe('http-error');

  await expect(page.locator('#fire-result').innerText()).resolves.toBe(
    'Fired order.shipped (with order.status_changed). 3 deliveries: 2 delivered, 1 failed.',
  );
  expect(await page.evaluate(() => (globalThis as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await screenshot('dashboard');
});

const settings = (deliveryTimeoutMs: number) => call(sb.url, 'POST', '/_sandbox/settings', { body: { deliveryTimeoutMs } });

test('a timeout and a refused connection are shown as such, not as a status', async () => {
  await settings(SHORT_TIMEOUT_MS);
  try {
    await page.getByRole('button', { name: 'Fire Invoice Paid (invoice.paid)' }).click();
    await rows(hooks.slow.id).first().waitFor();
    await rows(hooks.down.id).first().waitFor();
  } finally {
    await settings(DELIVERY_TIMEOUT_MS);
  }
  const [slowEvent, slowStatus] = await rowTexts(rows(hooks.slow.id).first());
  expect([slowEvent, slowStatus]).toEqual(['invoice.paid', '✕ Timeout, failed']);
  const [downEvent, downStatus] = await rowTexts(rows(hooks.down.id).first());
  expect([downEvent, downStatus]).toEqual(['invoice.paid', '✕ Network error, failed']);
  await expect(rows(hooks.down.id).first().locator('.status').getAttribute('title')).resolves.toMatch(/ECONNREFUSED/);
  // A failure caused on purpose says so on its row (the demo labels the deliveries it loses while n8n is stopped).
  const note = 'Lost on purpose: this test stopped the receiver.';
  const deliveryId = await rows(hooks.down.id).first().getAttribute('data-delivery-id');
  expect((await call(sb.url, 'POST', '/_sandbox/dashboard/notes', { body: { deliveryId, note } })).status).toBe(204);
  await expect(rows(hooks.down.id).first().locator('.status-cell .note', { hasText: note }).innerText()).resolves.toBe(note);
  expect((await serverLog(hooks.slow.id))[0]!.status).toBeNull();
  // The disabled webhook's event was not fired, and a disabled webhook gets nothing anyway.
  await expect(card(hooks.disabled.id).locator('tbody').innerText()).resolves.toBe('No deliveries yet.');
  // Later invoice.paid fires need not wait for the slow endpoint.
  expect((await api('PATCH', `/api/v1/webhooks/${hooks.slow.id}`, { isActive: false })).status).toBe(200);
  await card(hooks.slow.id).locator('.state', { hasText: 'Disabled' }).waitFor();
});

test('changes made elsewhere (REST API, other controls) arrive live, without moving the focus', async () => {
  const rotateFailing = card(hooks.failing.id).getByRole('button', { name: `Rotate the signing secret of ${hooks.failing.url}` });
  await rotateFailing.focus();

  const extra = await subscribe(`${catcher.url}/extra`, ['customer.created']);
  await card(extra.id).waitFor();
  await page.locator('#usage-text', { hasText: '6 of 10 webhooks used' }).waitFor();

  // A REST call answers before its deliveries are made: the row comes from the delivery itself.
  expect((await api('POST', '/api/v1/customers', { email: 'live@example.com', name: 'Live Update' })).status).toBe(200);
  await rows(extra.id).first().waitFor();
  expect((await rowTexts(rows(extra.id).first())).slice(0, 2)).toEqual(['customer.created', '✓ 200, delivered']);

  expect((await api('PATCH', `/api/v1/webhooks/${extra.id}`, { isActive: false })).status).toBe(200);
  await card(extra.id).locator('.state', { hasText: 'Disabled' }).waitFor();

  expect((await api('DELETE', `/api/v1/webhooks/${extra.id}`)).status).toBe(200);
  await card(extra.id).waitFor({ state: 'detached' });
  await page.locator('#usage-text', { hasText: '5 of 10 webhooks used' }).waitFor();

  expect(await rotateFailing.evaluate((button) => button.matches(':focus'))).toBe(true);
});

test('rotating shows the new secret once, with the grace window, and the secret really signs', async () => {
  await card(hooks.good.id).getByRole('button', { name: `Rotate the signing secret of ${hooks.good.url}` }).click();
  const dialog = page.getByRole('dialog', { name: 'New signing secret' });
  await dialog.waitFor();
  await expect(dialog.locator('#secret-warning').innerText()).resolves.toBe("Copy it now — you won't see it again.");
  const secret = await dialog.locator('#secret-value').innerText();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
  expect(secrets).not.toContain(secret);
  await expect(dialog.locator('#secret-grace').innerText()).resolves.toMatch(/^Until .+X-Webhook-Signature-Old/);

  // Behind the dialog, the card now shows the rotation window (about 24 h).
  const rotation = card(hooks.good.id).locator('.rotation');
  await rotation.locator('.badge', { hasText: 'Rotation window' }).waitFor();
  await expect(rotation.innerText()).resolves.toMatch(/until .+ \(2[34] h \d+ min left\)\.$/);
  const { body } = await call(sb.url, 'GET', '/_sandbox/dashboard/webhooks');
  const graceEnd = Date.parse(body.webhooks.find((w: { id: string }) => w.id === hooks.good.id).secretRotationGraceExpiresAt);
  expect(graceEnd - Date.now()).toBeGreaterThan(23.9 * 3600_000);
  await expect(rotation.locator('time').getAttribute('datetime')).resolves.toBe(new Date(graceEnd).toISOString());
  await screenshot('dashboard-secret');

  // The secret shown is the one the next delivery is signed with; the old one signs the -Old header.
  catcher.clear();
  await call(sb.url, 'POST', '/_sandbox/events/invoice.paid', { body: {} });
  const [delivery] = catcher.at('/ok');
  expect(verify({ body: delivery!.raw, headers: delivery!.headers, secrets: [secret] }).ok).toBe(true);
  const old = { 'x-webhook-signature': delivery!.headers['x-webhook-signature-old'] };
  expect(verify({ body: delivery!.raw, headers: old, secrets: [hooks.good.secret] }).ok).toBe(true);

  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.waitFor({ state: 'hidden' });
  const html = await page.content();
  expect(html).not.toContain(secret);
  await expectNoSecretOnPage();
});

test('the page\'s data endpoints never carry a signing secret', async () => {
  const snapshot = await fetch(`${sb.url}/_sandbox/dashboard/webhooks`).then((r) => r.text());
  expect(snapshot).not.toMatch(/whsec_|"secret"/);
  const controller = new AbortController();
  const stream = await fetch(`${sb.url}/_sandbox/dashboard/stream`, { signal: controller.signal });
  expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = stream.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (!/event: snapshot\ndata: .*\n\n/.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    controller.abort();
  }
  expect(text).toContain(hooks.good.id);
  expect(text).not.toMatch(/whsec_|"secret"/);
});

test('shows when the cap is full, and the empty state once every webhook is deleted', async () => {
  const more = [];
  for (let i = 0; i < 5; i++) more.push(await subscribe(`${catcher.url}/more/${i}`, ['product.updated']));
  await page.locator('#usage-text', { hasText: '10 of 10 webhooks used — delete one to add another' }).waitFor();
  expect((await api('POST', '/api/v1/webhooks', { url: `${catcher.url}/eleventh`, events: ['order.created'] })).status).toBe(422);

  for (const hook of [...more, ...Object.values(hooks)]) expect((await api('DELETE', `/api/v1/webhooks/${hook.id}`)).status).toBe(200);
  await page.locator('#empty').waitFor();
  await expect(page.locator('article.webhook').count()).resolves.toBe(0);
  await expect(page.locator('#usage-text').innerText()).resolves.toBe('0 of 10 webhooks used');

  await page.getByRole('button', { name: 'Fire Refund Processed (refund.processed)' }).click();
  await page.locator('#fire-result', { hasText: 'Fired refund.processed.' }).waitFor();
  await expect(page.locator('#fire-result').innerText()).resolves.toBe(
    'Fired refund.processed. No active webhook is subscribed, so nothing was delivered.',
  );
  expect(pageErrors).toEqual([]);
});

test('every fire button produces its event and delivers it', async () => {
  const all = await subscribe(`${catcher.url}/all`, [...eventNames]);
  await card(all.id).waitFor();
  for (const event of events) {
    await page.getByRole('button', { name: `Fire ${event.label} (${event.name})` }).click();
    const result = page.locator('#fire-result');
    await result.locator(`xpath=self::*[starts-with(normalize-space(.), "Fired ${event.name}")]`).waitFor();
    expect(await result.innerText()).toMatch(/: (\d+) delivered, 0 failed\.$/);
  }
  const received = new Set(catcher.at('/all').map((c) => c.json.event));
  expect([...received].sort()).toEqual([...eventNames].sort());
  // The table keeps the last five, newest first, as the server's log does.
  await rows(all.id).nth(4).waitFor();
  const shown = await rows(all.id).locator('td.event').allTextContents();
  expect(shown).toEqual((await serverLog(all.id)).map((d) => d.event));
  expect(shown[0]).toBe(events[events.length - 1]!.name);
  expect(pageErrors).toEqual([]);
  await screenshot('dashboard-all');
});
