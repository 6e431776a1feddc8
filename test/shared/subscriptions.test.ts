// registerWebhook and removeWebhooksAt against a real sandbox over HTTP, with the sandbox's injected
// faults: refusals, server errors, timeouts, and lost answers (the sandbox commits the create, then
// resets, truncates or hangs, so it really holds the webhook afterwards).
import { SandboxClient } from '../../sandbox/src/client';
import { startSandbox, type Sandbox } from '../../sandbox/src';
import {
  DistribuApiError,
  RegistrationOutcomeUnknownError,
  SupersededError,
  WEBHOOK_CAP_MESSAGE,
  registerWebhook,
  removeWebhooksAt,
  type CreatedWebhook,
  type Transport,
  type Webhook,
} from '@distribu/shared/runtime';
import { fetchTransport, sandboxClient } from './support/sandbox-client';

let sandbox: Sandbox;
let control: SandboxClient;
const URL_A = 'https://hooks.example/zap/1';
const EVENTS = ['order.created'];

beforeAll(async () => {
  sandbox = await startSandbox({ seed: false });
  control = new SandboxClient(sandbox.url, sandbox.apiKey);
});
afterAll(() => sandbox.close());
beforeEach(() => control.control('POST', '/reset'));

const transport = (timeoutMs?: number) => fetchTransport(sandbox.url, sandbox.apiKey, timeoutMs);
const client = (t: Transport = transport()) => sandboxClient(sandbox.url, sandbox.apiKey, t);
const hooksAt = async (url: string) => (await control.webhooks()).filter((h) => h.url === url);
const createRaw = (url: string) => control.api<{ data: CreatedWebhook }>('POST', '/webhooks', { url, events: EVENTS }).then((r) => r.data);
const postCount = async () => (await control.requests({ method: 'POST', path: '/webhooks' })).length;
const fault = (body: Record<string, unknown>) => control.control('POST', '/faults', body);

/** What the promise was rejected with (its resolving is a test failure). */
const rejection = (promise: Promise<unknown>): Promise<Error> =>
  promise.then(
    () => Promise.reject(new Error('expected a rejection')),
    (error: unknown) => error as Error,
  );

describe('removeWebhooksAt', () => {
  it('removes webhooks at exactly that URL and nothing else', async () => {
    const [a1, a2] = [await createRaw(URL_A), await createRaw(URL_A)];
    const others = [await createRaw(`${URL_A}/`), await createRaw(`${URL_A}?x=1`), await createRaw(URL_A.toUpperCase().replace('HTTPS', 'https'))];
    expect((await removeWebhooksAt(client(), URL_A)).sort()).toEqual([a1!.id, a2!.id].sort());
    expect((await control.webhooks()).map((h) => h.id).sort()).toEqual(others.map((h) => h.id).sort());
  });
});

describe('registerWebhook', () => {
  it('removes leftovers at the URL (their secrets are lost), creates once, and leaves other URLs alone', async () => {
    const leftover = await createRaw(URL_A);
    const other = await createRaw('https://hooks.example/other');
    const lines: string[] = [];
    const created = await registerWebhook(client(), { url: URL_A, events: EVENTS }, { log: (l) => lines.push(l) });
    expect(created.secret).toMatch(/^whsec_/);
    expect((await hooksAt(URL_A)).map((h) => h.id)).toEqual([created.id]);
    expect((await control.webhooks()).map((h) => h.id)).toContain(other.id);
    expect(lines).toEqual([`Removed 1 earlier Distribu webhook(s) at this URL: ${leftover.id}.`]);
    expect(await postCount()).toBe(3); // two setup creates + one
  });

  it('leaves a kept webhook at the URL in place', async () => {
    const kept = await createRaw(URL_A);
    const created = await registerWebhook(client(), { url: URL_A, events: EVENTS }, { keep: (h: Webhook) => h.id === kept.id });
    expect((await hooksAt(URL_A)).map((h) => h.id).sort()).toEqual([kept.id, created.id].sort());
  });

  it.each([401, 403] as const)('rethrows a definite %s refusal as is, without a cleanup or a retry', async (status) => {
    const existing = await createRaw(URL_A);
    await control.control('DELETE', '/requests');
    await fault({ status, method: 'POST', path: '/webhooks' });
    // The pre-create cleanup already removed the leftover; the refused create left nothing.
    const error = await rejection(registerWebhook(client(), { url: URL_A, events: EVENTS }));
    expect(error).toBeInstanceOf(DistribuApiError);
    expect((error as DistribuApiError).status).toBe(status);
    const calls = (await control.requests()).map((r) => `${r.method} ${r.path.replace(existing.id, 'ID')}`);
    expect(calls).toEqual(['GET /api/v1/webhooks', 'DELETE /api/v1/webhooks/ID', 'POST /api/v1/webhooks']);
  });

  it('rethrows the 10-webhook cap and touches no webhook at another URL', async () => {
    const others = [];
    for (let i = 0; i < 10; i += 1) others.push(await createRaw(`https://hooks.example/other/${i}`));
    const error = await rejection(registerWebhook(client(), { url: URL_A, events: EVENTS }));
    expect(error.message).toBe(WEBHOOK_CAP_MESSAGE);
    expect((await control.webhooks()).map((h) => h.id).sort()).toEqual(others.map((h) => h.id).sort());
  });

  it('a 500 on create: the outcome is unknown, the URL is checked, nothing was created', async () => {
    await fault({ status: 500, method: 'POST', path: '/webhooks' });
    const error = await rejection(registerWebhook(client(), { url: URL_A, events: EVENTS }));
    expect(error).toBeInstanceOf(RegistrationOutcomeUnknownError);
    expect(error.message).toBe(
      'Distribu did not confirm the webhook registration (Distribu had a server error (HTTP 500). Try again in a few minutes; if it persists, contact support@distribu.app). No webhook was created, so nothing is left behind. Try again.',
    );
    expect(await postCount()).toBe(1);
    expect(await hooksAt(URL_A)).toEqual([]);
  });

  it('a create that hangs past the timeout: never retried, nothing left', async () => {
    await fault({ status: 'timeout', method: 'POST', path: '/webhooks', delayMs: 3000 });
    const sent: string[] = [];
    const inner = transport(300);
    const counting: Transport = (request) => (sent.push(request.method), inner(request));
    const error = await rejection(registerWebhook(client(counting), { url: URL_A, events: EVENTS }));
    expect(error).toBeInstanceOf(RegistrationOutcomeUnknownError);
    expect(error.message).toMatch(/^Distribu did not confirm the webhook registration \(Distribu did not answer within 30 seconds/);
    expect(sent).toEqual(['GET', 'POST', 'GET']);
    expect(await hooksAt(URL_A)).toEqual([]);
  });

  it.each([
    ['lost-reset', {}],
    ['lost-truncated', {}],
    ['lost-hang', { delayMs: 5000 }],
  ] as const)('the sandbox commits the create and loses its answer (%s): the orphan is found and removed', async (kind, extra) => {
    const other = await createRaw('https://hooks.example/other');
    await fault({ status: kind, method: 'POST', path: '/webhooks', ...extra });
    const error = await rejection(registerWebhook(client(transport(500)), { url: URL_A, events: EVENTS }));
    expect(error).toBeInstanceOf(RegistrationOutcomeUnknownError);
    expect((error as RegistrationOutcomeUnknownError).removed).toHaveLength(1);
    expect(error.message).toMatch(/^Distribu did not confirm the webhook registration \((Could not reach Distribu|Distribu did not answer within 30 seconds|Distribu's answer could not be read).*The webhook it created anyway was removed, so nothing is left behind\. Try again\.$/);
    expect(await hooksAt(URL_A)).toEqual([]);
    expect((await control.webhooks()).map((h) => h.id)).toEqual([other.id]);
    const audit = (await control.control<{ data: Array<{ action: string }> }>('GET', '/audit')).data;
    expect(audit.filter((a) => a.action === 'WebhookCreated')).toHaveLength(2); // ours once (never retried), and the other
  });

  it.each(['malformed', 'echo', 'html'] as const)('a %s answer to the create: nothing left, and neither the key nor the page in the message', async (kind) => {
    await fault({ status: kind, method: 'POST', path: '/webhooks' });
    const error = await rejection(registerWebhook(client(), { url: URL_A, events: EVENTS }));
    expect(error.message).not.toContain(sandbox.apiKey.slice(3));
    expect(error.message).not.toMatch(/<|html/i);
    if (kind === 'html') {
      // A 413 is a definite refusal: rethrown as is, in plain words.
      expect(error.message).toBe('Distribu refused the request as too large (HTTP 413).');
    } else {
      expect(error).toBeInstanceOf(RegistrationOutcomeUnknownError);
      expect(error.message).toMatch(/No webhook was created, so nothing is left behind\. Try again\.$/);
    }
    expect(await hooksAt(URL_A)).toEqual([]);
  });

  it('lost answer and the cleanup fails too: says a webhook may remain, where, and how to remove it', async () => {
    await fault({ status: 'lost-reset', method: 'POST', path: '/webhooks' });
    const inner = transport();
    const t: Transport = async (request) => {
      // From the create on, listing the URL fails too.
      if (request.method === 'POST') await fault({ status: 500, method: 'GET', path: '/webhooks' });
      return inner(request);
    };
    const error = await rejection(registerWebhook(client(t), { url: URL_A, events: EVENTS }));
    expect(error).toBeInstanceOf(RegistrationOutcomeUnknownError);
    expect((error as RegistrationOutcomeUnknownError).mayRemain).toBe(true);
    expect(error.message).toBe(
      `A webhook may remain at ${URL_A}: delete it in Distribu under Settings → Webhooks, then try again. ` +
        'Distribu did not confirm the webhook registration (Could not reach Distribu: the connection failed or was cut before an answer came. Check the connection and try again). ' +
        'Checking for a webhook it may have created failed too (Distribu had a server error (HTTP 500). Try again in a few minutes; if it persists, contact support@distribu.app).',
    );
    expect(await hooksAt(URL_A)).toHaveLength(1); // the message is true: it is still there
  });

  it('keeps its webhook when the check after a successful create fails', async () => {
    let gets = 0;
    const inner = transport();
    const t: Transport = async (request) => {
      // Every GET after the first (the check, and the client's one retry of a reset GET) is cut.
      if (request.method === 'GET' && (gets += 1) >= 2) throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
      return inner(request);
    };
    const lines: string[] = [];
    const created = await registerWebhook(client(t), { url: URL_A, events: EVENTS }, { log: (l) => lines.push(l) });
    expect((await hooksAt(URL_A)).map((h) => h.id)).toEqual([created.id]);
    expect(lines[0]).toMatch(/could not check this URL for concurrent registrations/);
  });

  it('newest wins: 5 concurrent registrations of one URL end with exactly one webhook there, the newest', async () => {
    for (let round = 0; round < 5; round += 1) {
      await control.control('POST', '/reset');
      const others = [await createRaw('https://hooks.example/other/1'), await createRaw('https://hooks.example/other/2')];
      await createRaw(URL_A); // a leftover too
      const created: Webhook[] = [];
      const inner = transport();
      const recording: Transport = async (request) => {
        const response = await inner(request);
        if (request.method === 'POST' && response.status === 201) created.push((response.body as { data: Webhook }).data);
        return response;
      };
      const results = await Promise.allSettled(
        Array.from({ length: 5 }, () => registerWebhook(client(recording), { url: URL_A, events: EVENTS })),
      );
      expect(created).toHaveLength(5);
      const newest = [...created].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : 1)).at(-1)!;
      expect((await hooksAt(URL_A)).map((h) => h.id)).toEqual([newest.id]);
      const won = results.filter((r): r is PromiseFulfilledResult<CreatedWebhook> => r.status === 'fulfilled').map((r) => r.value.id);
      expect(won).toContain(newest.id);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(SupersededError);
      const rest = (await control.webhooks()).filter((h) => h.url !== URL_A).map((h) => h.id);
      expect(rest.sort()).toEqual(others.map((h) => h.id).sort());
    }
  });
});
