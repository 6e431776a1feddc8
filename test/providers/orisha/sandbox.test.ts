// The Orisha sandbox's contract over real HTTP: the token endpoint, the management endpoint (cap 3,
// secret once, reset), the 13 events made by API changes with the five headers, duplicates and late
// deliveries at a rate, auto-disable after 100 failures with a notification, 404 after a delete.
import { startCatcher, type Catcher } from '../../../scripts/catcher';
import { ORISHA_EVENT_NAMES } from '../../../shared/src/providers/orisha/events';
import { orishaEventSchemas } from '../../../shared/src/providers/orisha/event-schemas';
import { startOrishaSandbox, type OrishaSandbox } from '../../../sandbox/orisha/server';
import { connect, fetchSend } from './support/connect';

let sandbox: OrishaSandbox;
let catcher: Catcher;
const ADM = 'ADM01';

beforeEach(async () => {
  sandbox = await startOrishaSandbox();
  catcher = await startCatcher();
});
afterEach(async () => {
  await sandbox.close();
  await catcher.close();
});

const headerOf = (h: Record<string, string | string[] | undefined>, name: string) => h[name.toLowerCase()] as string | undefined;

describe('token endpoint and access', () => {
  test('client credentials give an expiring bearer token; a wrong secret is invalid_client', async () => {
    const who = sandbox.addClient([ADM]);
    const ok = await fetch(sandbox.tokenUrl, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: who.clientId, client_secret: who.clientSecret, audience: sandbox.audience }) });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ token_type: 'Bearer', expires_in: 3600, access_token: expect.stringMatching(/^oat_/) });
    const bad = await fetch(sandbox.tokenUrl, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: who.clientId, client_secret: 'nope', audience: sandbox.audience }) });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ error: 'invalid_client', error_description: 'Unauthorized' });
  });

  test('no token, an expired token, or another administration: 401 / 401 / 403', async () => {
    const who = sandbox.addClient([ADM]);
    expect((await fetchSend(sandbox.url)({ method: 'GET', path: `/administrations/${ADM}/webhooks` }, 'Bearer none')).status).toBe(401);
    const { client, token } = connect(sandbox, ADM, who);
    await client.webhooks();
    const held = await token.get();
    sandbox.expireTokens();
    expect((await fetchSend(sandbox.url)({ method: 'GET', path: `/administrations/${ADM}/webhooks` }, `Bearer ${held}`)).status).toBe(401);
    const other = connect(sandbox, 'ADM99', who);
    await expect(other.client.webhooks()).rejects.toMatchObject({ status: 403 });
  });

  test('an expired token is renewed once by the kit transport and the call goes through', async () => {
    const { client, token } = connect(sandbox, ADM, sandbox.addClient([ADM]));
    await client.webhooks();
    sandbox.expireTokens();
    await expect(client.webhooks()).resolves.toEqual([]);
    expect(token.fetched).toBe(2);
  });
});

describe('management endpoint', () => {
  test('create shows the secret once; list and get never; update, reset secret, delete', async () => {
    const { client } = connect(sandbox, ADM, sandbox.addClient([ADM]));
    const created = await client.createWebhook({ url: `${catcher.url}/a`, eventTypes: ['item.created'], description: 'mine' });
    expect(created).toMatchObject({ id: expect.any(String), secret: expect.stringMatching(/^ows_/), enabled: true, failureCount: 0, disabledAt: null });
    expect(JSON.stringify(await client.webhooks())).not.toContain(created.secret);
    expect(await client.webhook(created.id)).not.toHaveProperty('secret');
    expect(await client.updateWebhook(created.id, { eventTypes: ['item.created', 'item.deleted'] })).toMatchObject({ eventTypes: ['item.created', 'item.deleted'] });
    const fresh = await client.resetSecret(created.id);
    expect(fresh).not.toBe(created.secret);
    expect(await client.deleteWebhook(created.id)).toBe(true);
    expect(await client.deleteWebhook(created.id)).toBe(false);
    await expect(client.webhook(created.id)).rejects.toMatchObject({ status: 404 });
  });

  test('the 4th webhook of an administration is refused with 409 webhook_limit_reached; another administration is separate', async () => {
    const who = sandbox.addClient([ADM, 'ADM02']);
    const { client } = connect(sandbox, ADM, who);
    for (const n of [1, 2, 3]) await client.createWebhook({ url: `${catcher.url}/${n}`, eventTypes: ['item.created'] });
    await expect(client.createWebhook({ url: `${catcher.url}/4`, eventTypes: ['item.created'] })).rejects.toMatchObject({ status: 409, code: 'webhook_limit_reached' });
    expect(await client.webhooks()).toHaveLength(3);
    await expect(connect(sandbox, 'ADM02', who).client.createWebhook({ url: `${catcher.url}/x`, eventTypes: ['item.created'] })).resolves.toMatchObject({ enabled: true });
  });

  test('bad input is refused in plain words', async () => {
    const { client } = connect(sandbox, ADM, sandbox.addClient([ADM]));
    await expect(client.createWebhook({ url: 'ftp://x', eventTypes: ['item.created'] })).rejects.toMatchObject({ status: 400, apiMessage: 'url must be an http(s) URL.' });
    await expect(client.createWebhook({ url: `${catcher.url}/a`, eventTypes: ['order.created'] })).rejects.toMatchObject({ status: 400, apiMessage: 'Unknown event type(s): order.created.' });
  });
});

describe('events and deliveries', () => {
  /** Makes every one of the 13 events by API changes; returns the codes each carried. */
  async function makeAll(client: ReturnType<typeof connect>['client']) {
    const a = `/administrations/${ADM}`;
    const call = (method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) => client.call({ method, path: `${a}${path}`, body });
    await call('POST', '/items', { ItemCode: 'I1', Description: 'Bolt', Unit: 'pc', Price: 1.5, Blocked: false });
    await call('DELETE', '/items/I1');
    await call('POST', '/customers', { CustomerCode: 'C1', Name: 'Acme BV', Email: null, PriceListCode: null, Blocked: false });
    await call('PATCH', '/customers/C1', { Name: 'Acme B.V.' });
    await call('POST', '/pricelists', { PriceListCode: 'P1', Description: 'Standard', Currency: 'EUR' });
    await call('DELETE', '/pricelists/P1');
    await call('POST', '/customers/C1/contactpersons', { ContactPersonCode: 'CP1', Name: 'Ann', Email: null, Phone: null });
    await call('PATCH', '/customers/C1/contactpersons/CP1', { Phone: '+31 20' });
    await call('DELETE', '/customers/C1/contactpersons/CP1');
    await call('POST', '/customers/C1/addresses', { AddressCode: 'AD1', Street: 'Dam 1', PostalCode: '1012', City: 'Amsterdam', Country: 'NL' });
    await call('PATCH', '/customers/C1/addresses/AD1', { Street: 'Dam 2' });
    await call('DELETE', '/customers/C1/addresses/AD1');
    await call('DELETE', '/customers/C1');
  }

  test('the 13 events, made by API changes, arrive with the five headers and codes-only bodies', async () => {
    const who = sandbox.addClient([ADM]);
    const { client } = connect(sandbox, ADM, who);
    const hook = await client.createWebhook({ url: `${catcher.url}/all`, eventTypes: [...ORISHA_EVENT_NAMES] });
    await makeAll(client);
    await sandbox.settle();
    const got = catcher.at('/all');
    expect(got.map((c) => headerOf(c.headers, 'X-Event-Type')).sort()).toEqual([...ORISHA_EVENT_NAMES].sort());
    for (const c of got) {
      expect(headerOf(c.headers, 'X-Secret')).toBe(hook.secret);
      expect(headerOf(c.headers, 'X-Administration-Code')).toBe(ADM);
      expect(headerOf(c.headers, 'X-TriggeredBy-Id')).toBe(who.clientId);
      expect(headerOf(c.headers, 'X-Event-Id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(orishaEventSchemas[headerOf(c.headers, 'X-Event-Type')!]!.body.safeParse(JSON.parse(c.body)).success).toBe(true);
    }
    const bodies = Object.fromEntries(got.map((c) => [headerOf(c.headers, 'X-Event-Type'), JSON.parse(c.body)]));
    expect(bodies['item.created']).toEqual({ ItemCode: 'I1' });
    expect(bodies['customer.updated']).toEqual({ CustomerCode: 'C1' });
    expect(bodies['pricelist.deleted']).toEqual({ PriceListCode: 'P1' });
    expect(bodies['customer.contactperson.updated']).toEqual({ CustomerCode: 'C1', ContactPersonCode: 'CP1' });
    expect(bodies['customer.address.deleted']).toEqual({ CustomerCode: 'C1', AddressCode: 'AD1' });
    expect(new Set(got.map((c) => headerOf(c.headers, 'X-Event-Id'))).size).toBe(13);
  });

  test('a webhook gets only its event types; reads by code answer 404 after a delete', async () => {
    const { client } = connect(sandbox, ADM, sandbox.addClient([ADM]));
    await client.createWebhook({ url: `${catcher.url}/items`, eventTypes: ['item.deleted'] });
    await client.call({ method: 'POST', path: `/administrations/${ADM}/items`, body: { ItemCode: 'I9', Description: 'Nut', Unit: 'pc', Price: 0.1, Blocked: false } });
    expect(await client.getRecord(`/administrations/${ADM}/items/I9`)).toMatchObject({ ItemCode: 'I9', Description: 'Nut' });
    await client.call({ method: 'DELETE', path: `/administrations/${ADM}/items/I9` });
    await sandbox.settle();
    expect(catcher.at('/items').map((c) => headerOf(c.headers, 'X-Event-Type'))).toEqual(['item.deleted']);
    await expect(client.getRecord(`/administrations/${ADM}/items/I9`)).rejects.toMatchObject({ status: 404 });
  });

  test('duplicates keep their X-Event-Id; late deliveries arrive after later events (rates and seed are settings)', async () => {
    await sandbox.close();
    sandbox = await startOrishaSandbox({ duplicateRate: 0.5, lateRate: 0.3, lateDelayMs: 100, seed: 7 });
    const { client } = connect(sandbox, ADM, sandbox.addClient([ADM]));
    await client.createWebhook({ url: `${catcher.url}/d`, eventTypes: ['item.created'] });
    const made: string[] = [];
    for (let i = 0; i < 40; i += 1) {
      made.push(`I${i}`);
      await client.call({ method: 'POST', path: `/administrations/${ADM}/items`, body: { ItemCode: `I${i}` } });
    }
    await sandbox.settle();
    const got = catcher.at('/d');
    const ids = got.map((c) => headerOf(c.headers, 'X-Event-Id')!);
    const unique = new Set(ids);
    expect(unique.size).toBe(40);
    expect(ids.length).toBeGreaterThan(40);
    const kinds = sandbox.deliveries.log.map((d) => d.kind);
    expect(kinds.filter((k) => k === 'duplicate').length).toBe(ids.length - 40);
    expect(kinds).toContain('late');
    const order = [...new Map(got.map((c) => [headerOf(c.headers, 'X-Event-Id'), JSON.parse(c.body).ItemCode as string])).values()];
    expect(order).not.toEqual(made);
    expect([...order].sort()).toEqual([...made].sort());
  });

  test('100 failed deliveries with no success disable the webhook and notify the app; a success resets the count', async () => {
    const { client } = connect(sandbox, ADM, sandbox.addClient([ADM]));
    const hook = await client.createWebhook({ url: `${catcher.url}/status/500`, eventTypes: ['customer.created', 'customer.updated'] });
    const a = `/administrations/${ADM}`;
    await client.call({ method: 'POST', path: `${a}/customers`, body: { CustomerCode: 'C1' } });
    for (let i = 0; i < 98; i += 1) await client.call({ method: 'PATCH', path: `${a}/customers/C1`, body: { Name: `n${i}` } });
    await sandbox.settle();
    expect(await client.webhook(hook.id)).toMatchObject({ enabled: true, failureCount: 99 });
    await client.call({ method: 'PATCH', path: `${a}/customers/C1`, body: { Name: 'last' } });
    await sandbox.settle();
    const disabled = await client.webhook(hook.id);
    expect(disabled).toMatchObject({ enabled: false, failureCount: 100, disabledAt: expect.any(String) });
    const notes = (await client.call({ method: 'GET', path: `${a}/notifications` })).body as { data: Array<{ kind: string; webhookId: string; message: string }> };
    expect(notes.data).toEqual([expect.objectContaining({ kind: 'webhook.disabled', webhookId: hook.id, message: expect.stringContaining('failing 100 times with no successful execution') })]);
    // Disabled: nothing more is sent.
    const before = catcher.caught.length;
    await client.call({ method: 'PATCH', path: `${a}/customers/C1`, body: { Name: 'unseen' } });
    await sandbox.settle();
    expect(catcher.caught.length).toBe(before);
    // Re-enabled and pointed at a working URL: delivered, count back at 0.
    await client.updateWebhook(hook.id, { enabled: true, url: `${catcher.url}/ok` });
    await client.call({ method: 'PATCH', path: `${a}/customers/C1`, body: { Name: 'seen' } });
    await sandbox.settle();
    expect(catcher.at('/ok')).toHaveLength(1);
    expect(await client.webhook(hook.id)).toMatchObject({ enabled: true, failureCount: 0, disabledAt: null });
  });
});

describe('controls over HTTP', () => {
  const control = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${sandbox.url}/_sandbox${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };

  test('clients, settings (validated), expire-tokens, settle and a secret-free delivery log', async () => {
    const made = await control('POST', '/clients', { administrations: [ADM], clientId: 'ctl' });
    expect(made).toMatchObject({ status: 201, body: { clientId: 'ctl', administrations: [ADM] } });
    const who = made.body as unknown as { clientId: string; clientSecret: string };
    expect(await control('PATCH', '/settings', { duplicateRate: 2 })).toMatchObject({ status: 400, body: { error: { message: 'duplicateRate must be a number from 0 to 1.' } } });
    expect(await control('PATCH', '/settings', { duplicateRate: 1, tokenLifetimeSeconds: 60, seed: 3 })).toMatchObject({ status: 200, body: { duplicateRate: 1, lateRate: 0, tokenLifetimeSeconds: 60, seed: 3 } });
    const { client, token } = connect(sandbox, ADM, who);
    const hook = await client.createWebhook({ url: `${catcher.url}/c`, eventTypes: ['item.created'] });
    await client.call({ method: 'POST', path: `/administrations/${ADM}/items`, body: { ItemCode: 'I1' } });
    expect(await control('POST', '/settle')).toEqual({ status: 200, body: { deliveries: 2 } });
    const log = await control('GET', '/deliveries');
    expect((log.body.data as Array<{ kind: string }>).map((d) => d.kind)).toEqual(['first', 'duplicate']);
    expect(JSON.stringify(log.body)).not.toContain(hook.secret);
    expect(await control('POST', '/expire-tokens')).toEqual({ status: 200, body: { expired: 1 } });
    await client.webhooks();
    expect(token.fetched).toBe(2);
  });
});

test('an unknown API path answers 404 in the error shape, with or without a token', async () => {
  const who = sandbox.addClient([ADM]);
  const { token } = connect(sandbox, ADM, who);
  const bearer = `Bearer ${await token.get()}`;
  const r = await fetchSend(sandbox.url)({ method: 'GET', path: '/nothing-here' }, bearer);
  expect(r).toMatchObject({ status: 404, body: { error: { code: 'not_found', message: 'No such endpoint.' } } });
});
