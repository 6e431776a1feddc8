// The Zapier app "Orisha Commerce" (makeApp(orishaHost), zapier/apps/orisha/) through zapier-platform-core's own app
// tester, against the Orisha sandbox over real HTTP on loopback: session auth (the token from sessionConfig.perform,
// RefreshAuthError on an expired one, a fresh token after the refresh Zapier runs), subscribe/unsubscribe leaving the
// 3 slots as they were, New Event with its event-type choice on one webhook, deliveries shaped as hooks.zapier.com
// passes them (Http- headers, the raw body): verified, hydrated, each X-Event-Id run once (z.cache set-if-absent),
// forged or missing X-Secret none; the cap's plain error naming the slots; performList from the API; searches by code.
import { createAppTester, version as platformVersion } from 'zapier-platform-core';
import { makeApp } from '../../zapier/src/provider-app';
import { orishaHost } from '../../shared/src/providers/orisha/host';
import { seedOrisha } from '../../sandbox/orisha/seed';
import { startOrishaSandbox, type OrishaSandbox } from '../../sandbox/orisha/server';
import { connect } from '../providers/orisha/support/connect';

const ADM = 'ADM01';
const TARGET = 'https://hooks.zapier.example/hooks/standard/1/orisha/';
const app = makeApp(orishaHost, '1.0.0', platformVersion);
const appTester = createAppTester(app as never);
type Op = Record<'perform' | 'performList' | 'performSubscribe' | 'performUnsubscribe', unknown>;
const op = (key: string) => (app.triggers as Record<string, { operation: Op }>)[key]!.operation;
let sandbox: OrishaSandbox;
let identity: { clientId: string; clientSecret: string };
let authData: Record<string, string>;

beforeEach(async () => {
  sandbox = await startOrishaSandbox();
  seedOrisha(sandbox.store, ADM);
  identity = sandbox.addClient([ADM]);
  const base = { clientId: identity.clientId, clientSecret: identity.clientSecret, administrationCode: ADM, baseUrl: sandbox.url, tokenUrl: sandbox.tokenUrl, audience: sandbox.audience };
  const session = (await appTester(app.authentication.sessionConfig!.perform as never, { authData: base } as never)) as { accessToken: string };
  authData = { ...base, accessToken: session.accessToken };
});
afterEach(() => sandbox.close());

const user = () => connect(sandbox, ADM, sandbox.addClient([ADM])).client;
/** A delivery as hooks.zapier.com hands it to perform: the raw body and Http- prefixed headers. */
function delivery(subscribeData: unknown, headers: Record<string, string>, body: string) {
  return { authData, subscribeData, rawRequest: { method: 'POST', content: body, headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [`Http-${k}`, v])) }, cleanedRequest: JSON.parse(body) };
}

test('triggers: New Event (an event-type choice) and the named ones; searches by code; session auth with the client ID and secret', () => {
  expect(Object.keys(app.triggers).sort()).toEqual(['customer_created', 'customer_updated', 'item_created', 'new_event']);
  expect(Object.keys(app.searches).sort()).toEqual(['find_address', 'find_contact_person', 'find_customer', 'find_item', 'find_price_list']);
  expect(app.authentication.type).toBe('session');
  expect(app.authentication.fields.map((f) => f.key)).toEqual(['clientId', 'clientSecret', 'administrationCode', 'baseUrl', 'tokenUrl', 'audience']);
  const choice = (app.triggers.new_event!.operation as unknown as { inputFields: Array<{ key: string; choices: Record<string, string>; list: boolean }> }).inputFields[0]!;
  expect(choice).toMatchObject({ key: 'eventTypes', list: true });
  expect(Object.keys(choice.choices)).toHaveLength(13);
});

test("zapier-platform-core's schema validation finds 0 errors in the app definition", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const schemaTools = require('zapier-platform-core/src/tools/schema');
  expect(schemaTools.validateApp(schemaTools.prepareApp(app))).toEqual([]);
});

test('session auth: the connection test passes; an expired token raises RefreshAuthError; after the refresh the call works; a wrong secret is a plain error without it', async () => {
  await appTester(app.authentication.test as never, { authData } as never);
  sandbox.expireTokens();
  const stale = (await appTester(app.authentication.test as never, { authData } as never).catch((e: unknown) => e)) as Error;
  expect(stale.name).toBe('RefreshAuthError');
  const refreshed = (await appTester(app.authentication.sessionConfig!.perform as never, { authData } as never)) as { accessToken: string };
  expect(refreshed.accessToken).not.toBe(authData.accessToken);
  await appTester(app.authentication.test as never, { authData: { ...authData, ...refreshed } } as never);
  const wrong = (await appTester(app.authentication.sessionConfig!.perform as never, { authData: { ...authData, clientSecret: 'ocs_wrong' } } as never).catch((e: unknown) => e)) as Error;
  expect(wrong.message).toContain('Orisha Commerce refused the client ID and client secret (HTTP 401');
  expect(wrong.message).not.toContain('ocs_wrong');
  expect(wrong.message).not.toContain(identity.clientSecret);
});

test('New Event: one webhook for the chosen types; deliveries verified, hydrated, each X-Event-Id once; forged or missing X-Secret none; unsubscribe → slots as before', async () => {
  const orisha = user();
  const foreign = await orisha.createWebhook({ url: 'http://127.0.0.1:9/erp', eventTypes: ['item.created'], description: 'ERP export' });
  const newEvent = op('new_event');
  const inputData = { eventTypes: ['customer.created', 'customer.updated', 'customer.address.created'] };
  const subscribed = (await appTester(newEvent.performSubscribe as never, { authData, inputData, targetUrl: TARGET } as never)) as { id: string; secret: string; eventTypes: string[] };
  expect(subscribed.secret).toMatch(/^ows_/);
  const hooks = await orisha.webhooks();
  expect(hooks.map((h) => h.id).sort()).toEqual([foreign.id, subscribed.id].sort());
  expect(hooks.find((h) => h.id === subscribed.id)!.eventTypes.sort()).toEqual([...inputData.eventTypes].sort());
  // Its description says who holds the slot: what the cap message names.
  expect(hooks.find((h) => h.id === subscribed.id)!.description).toBe('Zapier: New Event');

  const headers = { 'X-Event-Id': 'e7c1a9f0-0000-4000-8000-000000000001', 'X-Event-Type': 'customer.updated', 'X-Secret': subscribed.secret, 'X-Administration-Code': ADM, 'X-TriggeredBy-Id': 'client_erp' };
  const body = '{"CustomerCode":"CUS-2001"}';
  const first = (await appTester(newEvent.perform as never, { ...delivery(subscribed, headers, body), inputData } as never)) as Array<Record<string, unknown>>;
  expect(first).toEqual([
    expect.objectContaining({ id: headers['X-Event-Id'], event: 'customer.updated', CustomerCode: 'CUS-2001', administrationCode: ADM, triggeredById: 'client_erp', recordStatus: 'fetched', record: sandbox.store.administration(ADM).records.customer.get('CUS-2001') }),
  ]);
  // Orisha's duplicate (same X-Event-Id): no second run.
  expect(await appTester(newEvent.perform as never, { ...delivery(subscribed, headers, body), inputData } as never)).toEqual([]);
  // Forged and missing X-Secret: no run.
  expect(await appTester(newEvent.perform as never, { ...delivery(subscribed, { ...headers, 'X-Event-Id': 'e-2', 'X-Secret': 'ows_forged' }, body), inputData } as never)).toEqual([]);
  const { 'X-Secret': _secret, ...noSecret } = headers;
  expect(await appTester(newEvent.perform as never, { ...delivery(subscribed, { ...noSecret, 'X-Event-Id': 'e-3' }, body), inputData } as never)).toEqual([]);
  // A deletion keeps its codes; not one of the chosen types: no run.
  expect(await appTester(newEvent.perform as never, { ...delivery(subscribed, { ...headers, 'X-Event-Id': 'e-4', 'X-Event-Type': 'item.deleted' }, '{"ItemCode":"ITM-9"}'), inputData } as never)).toEqual([]);

  await appTester(newEvent.performUnsubscribe as never, { authData, inputData, targetUrl: TARGET, subscribeData: subscribed } as never);
  expect((await orisha.webhooks()).map((h) => h.id)).toEqual([foreign.id]);
});

test('a real change in the sandbox reaches a named trigger through its webhook as one full record', async () => {
  const newCustomer = op('customer_created');
  const received: Array<{ headers: Record<string, string>; body: string }> = [];
  // hooks.zapier.com's stand-in: keeps each delivery as Zapier would hand it to perform.
  const { createServer } = await import('node:http');
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: Object.fromEntries(Object.entries(req.headers).filter(([k]) => k.startsWith('x-')).map(([k, v]) => [k, String(v)])), body });
      res.end('{"status":"success"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks/catch/1/`;
  try {
    const subscribed = (await appTester(newCustomer.performSubscribe as never, { authData, targetUrl: url } as never)) as { id: string; secret: string };
    sandbox.deliveries.settings.duplicateRate = 1;
    await user().call({ method: 'POST', path: `/administrations/${ADM}/customers`, body: { CustomerCode: 'CUS-3001', Name: 'Bakker Installatie', Email: null, PriceListCode: 'PL-STD', Blocked: false } });
    await sandbox.settle();
    expect(received).toHaveLength(2);
    const runs = [];
    for (const d of received) runs.push(...((await appTester(newCustomer.perform as never, delivery(subscribed, d.headers, d.body) as never)) as Array<Record<string, unknown>>));
    expect(runs).toEqual([expect.objectContaining({ event: 'customer.created', CustomerCode: 'CUS-3001', recordStatus: 'fetched', record: expect.objectContaining({ Name: 'Bakker Installatie' }) })]);
    await appTester(newCustomer.performUnsubscribe as never, { authData, targetUrl: url, subscribeData: subscribed } as never);
  } finally {
    server.close();
  }
});

test('at the cap: a plain error naming the 3 webhooks that hold the slots; nothing deleted', async () => {
  const orisha = user();
  for (const n of [1, 2, 3]) await orisha.createWebhook({ url: `http://127.0.0.1:9/tool-${n}`, eventTypes: ['item.created'], description: `Tool ${n}` });
  const before = (await orisha.webhooks()).map((h) => h.id);
  const error = (await appTester(op('item_created').performSubscribe as never, { authData, targetUrl: TARGET } as never).catch((e: unknown) => e)) as Error;
  expect(error.message).toContain('Orisha Commerce allows at most 3 webhooks per administration and all 3 are in use');
  for (const id of before) expect(error.message).toContain(id);
  expect((await orisha.webhooks()).map((h) => h.id)).toEqual(before);
});

test('performList: real records from the API, shaped as perform emits them; the sample for a deletion', async () => {
  const listed = (await appTester(op('new_event').performList as never, { authData, inputData: { eventTypes: ['customer.address.created'] } } as never)) as Array<Record<string, unknown>>;
  expect(listed).toEqual([
    { id: 'sample:customer.address.created:CUS-2001/ADR-01', event: 'customer.address.created', timestamp: '', CustomerCode: 'CUS-2001', AddressCode: 'ADR-01', administrationCode: ADM, triggeredById: null, record: sandbox.store.administration(ADM).records.address.get('CUS-2001/ADR-01'), recordStatus: 'fetched' },
  ]);
  const items = (await appTester(op('item_created').performList as never, { authData } as never)) as Array<Record<string, unknown>>;
  expect(items.map((i) => i.ItemCode).sort()).toEqual(['ITM-1001', 'ITM-1002']);
  expect(Object.keys(items[0]!).sort()).toEqual(Object.keys(orishaHost.eventOf('item.created')!.sample).sort());
  const deleted = (await appTester(op('new_event').performList as never, { authData, inputData: { eventTypes: ['item.deleted'] } } as never)) as unknown[];
  expect(deleted).toEqual([orishaHost.eventOf('item.deleted')!.sample]);
});

test('searches by code: the record, [] when not found, plain errors otherwise', async () => {
  const search = (key: string) => (app.searches as Record<string, { operation: { perform: unknown } }>)[key]!.operation.perform;
  const records = sandbox.store.administration(ADM).records;
  expect(await appTester(search('find_item') as never, { authData, inputData: { itemCode: 'ITM-1001' } } as never)).toEqual([records.item.get('ITM-1001')]);
  expect(await appTester(search('find_contact_person') as never, { authData, inputData: { customerCode: 'CUS-2001', contactPersonCode: 'CP-01' } } as never)).toEqual([records.contactPerson.get('CUS-2001/CP-01')]);
  expect(await appTester(search('find_price_list') as never, { authData, inputData: { priceListCode: 'PL-NONE' } } as never)).toEqual([]);
  const forbidden = (await appTester(search('find_customer') as never, { authData: { ...authData, administrationCode: 'ADM99' }, inputData: { customerCode: 'CUS-2001' } } as never).catch((e: unknown) => e)) as Error;
  expect(forbidden.message).toContain('Orisha Commerce refused access (HTTP 403)');
});

test('perform with an expired token: a fresh token once, the record still fetched', async () => {
  const subscribed = (await appTester(op('customer_updated').performSubscribe as never, { authData, targetUrl: TARGET } as never)) as { id: string; secret: string };
  sandbox.expireTokens();
  const tokens = () => [...sandbox.store.tokens.values()].filter((t) => t.clientId === identity.clientId).length;
  const before = tokens();
  const headers = { 'X-Event-Id': 'e7c1a9f0-0000-4000-8000-0000000000aa', 'X-Event-Type': 'customer.updated', 'X-Secret': subscribed.secret, 'X-Administration-Code': ADM, 'X-TriggeredBy-Id': 'client_erp' };
  const items = (await appTester(op('customer_updated').perform as never, delivery(subscribed, headers, '{"CustomerCode":"CUS-2001"}') as never)) as Array<Record<string, unknown>>;
  expect(items).toEqual([expect.objectContaining({ recordStatus: 'fetched', record: expect.objectContaining({ CustomerCode: 'CUS-2001' }) })]);
  expect(tokens() - before).toBe(1);
});
