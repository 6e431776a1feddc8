// Orisha Commerce as a provider of the kit: deliveries become items (event from X-Event-Type, id =
// X-Event-Id, administration and triggered-by on every item, the secret in none), its voice, and over
// a real Orisha sandbox: registration without orphans under the cap of 3, the cap error naming the
// webhooks that hold the slots, repair of an auto-disabled webhook, hydration of every event by its codes.
import { registerHook, judge } from '@distribu/shared/kit';
import { startCatcher, type Catcher } from '../../../scripts/catcher';
import {
  hydrateOrisha,
  isOwnChange,
  orisha,
  orishaEvent,
  orishaEvents,
  ORISHA_EVENT_NAMES,
  orishaBounded,
  orishaHookHealth,
  orishaRegistrationVoice,
  orishaSubscriptionApi,
  OrishaCapError,
  checkAndRepair,
  receiveOrisha,
  runOrishaRead,
} from '../../../shared/src/providers/orisha';
import { orishaOperations } from '../../../shared/src/providers/orisha/operations';
import { orishaHost } from '../../../shared/src/providers/orisha/host';
import { orishaEventSchemas } from '../../../shared/src/providers/orisha/event-schemas';
import { startOrishaSandbox, type OrishaSandbox } from '../../../sandbox/orisha/server';
import { connect } from './support/connect';

const SECRET = 'ows_test-secret-1234567890';
const headers = (extra: Record<string, string> = {}) => ({
  'X-Event-Id': '6f1c2a9e-0000-4000-8000-000000000001',
  'X-Event-Type': 'customer.contactperson.updated',
  'X-Secret': SECRET,
  'X-Administration-Code': 'ADM01',
  'X-TriggeredBy-Id': 'client_abc',
  ...extra,
});
const BODY = '{"CustomerCode":"C1","ContactPersonCode":"CP1"}';

describe('deliveries → items', () => {
  test('a genuine delivery: event from X-Event-Type, id = X-Event-Id, codes as sent, administration and triggered-by', () => {
    const got = receiveOrisha(BODY, headers(), SECRET);
    expect(got).toEqual({
      ok: true,
      item: {
        id: '6f1c2a9e-0000-4000-8000-000000000001',
        event: 'customer.contactperson.updated',
        timestamp: '',
        CustomerCode: 'C1',
        ContactPersonCode: 'CP1',
        administrationCode: 'ADM01',
        triggeredById: 'client_abc',
      },
    });
    expect(JSON.stringify(got)).not.toContain(SECRET);
  });

  test("Zapier's Http- prefix and any header case work alike", () => {
    const zap = Object.fromEntries(Object.entries(headers()).map(([k, v]) => [`Http-${k.toUpperCase()}`, v]));
    expect(receiveOrisha(BODY, zap, SECRET)).toEqual(receiveOrisha(BODY, headers(), SECRET));
  });

  test('a duplicate delivery has the same id (the dedupe key); another event another one', () => {
    const a = receiveOrisha(BODY, headers(), SECRET);
    const b = receiveOrisha(BODY, headers(), SECRET);
    const c = receiveOrisha(BODY, headers({ 'X-Event-Id': 'other' }), SECRET);
    expect(a.ok && b.ok && c.ok).toBe(true);
    if (a.ok && b.ok && c.ok) {
      expect(a.item.id).toBe(b.item.id);
      expect(c.item.id).toBe('other');
    }
  });

  test('forged, missing secret, no stored secret: 401 with plain words and no secret; unreadable genuine ones: 400', () => {
    expect(receiveOrisha(BODY, headers({ 'X-Secret': 'guess' }), SECRET)).toEqual({ ok: false, status: 401, reason: 'mismatch', message: "The X-Secret header does not match this webhook's secret (forged delivery)." });
    const { 'X-Secret': _drop, ...without } = headers();
    expect(receiveOrisha(BODY, without, SECRET)).toMatchObject({ ok: false, status: 401, reason: 'missing-signature', message: 'The delivery has no X-Secret header.' });
    expect(receiveOrisha(BODY, headers(), '')).toMatchObject({ ok: false, status: 401, reason: 'missing-secret' });
    expect(receiveOrisha(undefined, headers(), SECRET)).toMatchObject({ ok: false, status: 401, reason: 'missing-body' });
    // The secret proves the sender, not the body (Orisha signs nothing): an empty body is genuine but unreadable.
    expect(receiveOrisha('', headers(), SECRET)).toEqual({ ok: false, status: 400, reason: 'unreadable', message: 'The delivery body is not valid JSON.' });
    const { 'X-Event-Type': _t, ...noType } = headers();
    expect(receiveOrisha(BODY, noType, SECRET)).toEqual({ ok: false, status: 400, reason: 'unreadable', message: 'The delivery has no X-Event-Type header.' });
    const { 'X-Event-Id': _i, ...noId } = headers();
    expect(receiveOrisha(BODY, noId, SECRET)).toEqual({ ok: false, status: 400, reason: 'unreadable', message: 'The delivery has no event id.' });
    expect(receiveOrisha('[1]', headers(), SECRET)).toMatchObject({ ok: false, status: 400, message: 'The delivery body is not a JSON object.' });
  });

  test("a body key named like a header field is renamed by the kit's rule (data<Key>, dataData<Key> while taken); the header wins", () => {
    const one = receiveOrisha('{"ItemCode":"I1","administrationCode":"spoof"}', headers({ 'X-Event-Type': 'item.created' }), SECRET);
    expect(one.ok && one.item).toMatchObject({ ItemCode: 'I1', administrationCode: 'ADM01', dataAdministrationCode: 'spoof' });
    // `dataAdministrationCode` is taken by the body itself, so the colliding key moves one further and the other keeps its name.
    const two = receiveOrisha('{"administrationCode":"spoof","dataAdministrationCode":"x"}', headers({ 'X-Event-Type': 'item.created' }), SECRET);
    expect(two.ok && two.item).toMatchObject({ administrationCode: 'ADM01', dataAdministrationCode: 'x', dataDataAdministrationCode: 'spoof' });
  });

  test('no X-Administration-Code or X-TriggeredBy-Id: the fields are null, never missing', () => {
    const { 'X-Administration-Code': _a, 'X-TriggeredBy-Id': _b, ...rest } = headers();
    const got = receiveOrisha(BODY, rest, SECRET);
    expect(got.ok && got.item).toMatchObject({ administrationCode: null, triggeredById: null });
  });

  test('an unknown event type still becomes an item (nothing dropped)', () => {
    const got = receiveOrisha('{"OrderCode":"O1"}', headers({ 'X-Event-Type': 'order.created' }), SECRET);
    expect(got.ok && got.item).toMatchObject({ event: 'order.created', OrderCode: 'O1' });
  });

  test('own changes are recognised by X-TriggeredBy-Id', () => {
    const got = receiveOrisha(BODY, headers(), SECRET);
    if (!got.ok) throw new Error('expected ok');
    expect(isOwnChange(got.item, 'client_abc')).toBe(true);
    expect(isOwnChange(got.item, 'client_other')).toBe(false);
    expect(isOwnChange(got.item, undefined)).toBe(false);
  });
});

describe('catalog', () => {
  test("the 13 events of Orisha's table, each with its documented body codes", () => {
    expect(orishaEvents.map((e) => [e.name, e.codes.join(', ')])).toEqual([
      ['item.created', 'ItemCode'],
      ['item.deleted', 'ItemCode'],
      ['customer.created', 'CustomerCode'],
      ['customer.deleted', 'CustomerCode'],
      ['customer.updated', 'CustomerCode'],
      ['pricelist.created', 'PriceListCode'],
      ['pricelist.deleted', 'PriceListCode'],
      ['customer.contactperson.created', 'CustomerCode, ContactPersonCode'],
      ['customer.contactperson.deleted', 'CustomerCode, ContactPersonCode'],
      ['customer.contactperson.updated', 'CustomerCode, ContactPersonCode'],
      ['customer.address.created', 'CustomerCode, AddressCode'],
      ['customer.address.deleted', 'CustomerCode, AddressCode'],
      ['customer.address.updated', 'CustomerCode, AddressCode'],
    ]);
  });

  test('hydration is data: deletions have none; every other event names a get operation that takes exactly its codes', () => {
    const ops = new Map(orishaOperations.map((o) => [o.key, o]));
    for (const e of orishaEvents) {
      if (e.action === 'deleted') {
        expect(e.hydrate).toBeNull();
        continue;
      }
      const op = ops.get(e.hydrate!.operation)!;
      expect(op.kind).toBe('get');
      expect(Object.keys(e.hydrate!.params).sort()).toEqual([...op.codes].sort());
      // The sample's codes (the REST names) as the operation's inputs take them (`CustomerCode` → `customerCode`).
      const inputs = orishaHost.operations.find((o) => o.key === op.key)!.inputs;
      expect(op.input.safeParse(Object.fromEntries(inputs.map((i) => [i.key, (e.sample as Record<string, unknown>)[i.apiName]]))).success).toBe(true);
    }
  });

  test('zod: each sample body parses; a body without one of its codes does not', () => {
    for (const e of orishaEvents) {
      const { body } = orishaEventSchemas[e.name]!;
      expect(body.safeParse(e.sample).success).toBe(true);
      expect(body.safeParse({ ...e.sample, [e.codes[e.codes.length - 1]!]: undefined }).success).toBe(false);
      expect(body.safeParse({ ...e.sample, [e.codes[0]!]: '' }).success).toBe(false);
    }
  });

  test('the operation catalog: a get per resource and the lists', () => {
    expect(orishaOperations.map((o) => o.label)).toEqual([
      'Get Item', 'Get Many Items', 'Get Customer', 'Get Many Customers', 'Get Price List', 'Get Many Price Lists',
      'Get Contact Person', 'Get Many Contact Persons', 'Get Address', 'Get Many Addresses',
    ]);
  });
});

describe('voice', () => {
  test('secrets and tokens are redacted wherever they appear', () => {
    const line = orishaBounded('x-secret: abc123 client_secret=s3cr3t&x "accessToken":"tok" Bearer eyJabc ows_AAAA ocs_BBBB');
    for (const leaked of ['abc123', 's3cr3t', 'tok"', 'eyJabc', 'AAAA', 'BBBB']) expect(line).not.toContain(leaked);
  });
});

describe('over the Orisha sandbox', () => {
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

  test('registerHook over the management endpoint: leftovers at our URL removed, others untouched, unsubscribe leaves the slots as they were', async () => {
    const { client } = connect(sandbox, ADM, sandbox.addClient([ADM]));
    const foreign = await client.createWebhook({ url: `${catcher.url}/erp`, eventTypes: ['item.created'], description: 'ERP export' });
    await client.createWebhook({ url: `${catcher.url}/ours`, eventTypes: ['item.created'] }); // a leftover with a lost secret
    const api = orisha.subscription.mode === 'api' ? orisha.subscription.over(client) : undefined;
    const created = await registerHook(api!, orishaRegistrationVoice, { url: `${catcher.url}/ours`, events: ['item.created', 'customer.created'] });
    expect((await client.webhooks()).map((h) => h.id).sort()).toEqual([foreign.id, created.id].sort());
    expect(await api!.remove(created.id)).toBe(true);
    expect((await client.webhooks()).map((h) => h.id)).toEqual([foreign.id]);
  });

  test('at the cap: a plain error naming the 3 webhooks that hold the slots and what to do; nothing deleted', async () => {
    const { client } = connect(sandbox, ADM, sandbox.addClient([ADM]));
    const held = [];
    for (const name of ['ERP export', 'Zap: new customers', '']) held.push(await client.createWebhook({ url: `${catcher.url}/${held.length}`, eventTypes: ['item.created'], description: name }));
    const error = (await registerHook(orishaSubscriptionApi(client), orishaRegistrationVoice, { url: `${catcher.url}/n8n`, events: ['item.created'] }).catch((e: unknown) => e)) as OrishaCapError;
    expect(error).toBeInstanceOf(OrishaCapError);
    expect(error.message).toBe(
      'Orisha Commerce allows at most 3 webhooks per administration and all 3 are in use: ' +
        `${held[0]!.id} ("ERP export", enabled, ${catcher.url}/0); ${held[1]!.id} ("Zap: new customers", enabled, ${catcher.url}/1); ${held[2]!.id} (no description, enabled, ${catcher.url}/2). ` +
        'Delete one you no longer need in the portal’s webhook settings (or turn off the Zap or workflow that holds it), then try again. n8n’s "Listen for test event" holds a slot of its own while it listens.',
    );
    for (const h of held) expect(error.message).not.toContain(h.secret);
    expect((await client.webhooks()).map((h) => h.id)).toEqual(held.map((h) => h.id));
  });

  test('an auto-disabled webhook is found, enabled again with the gap stated, and delivers again; a deleted one is missing', async () => {
    const { client } = connect(sandbox, ADM, sandbox.addClient([ADM]));
    const url = `${catcher.url}/status/503`;
    const hook = await client.createWebhook({ url, eventTypes: ['customer.created', 'customer.updated'] });
    await client.call({ method: 'POST', path: `/administrations/${ADM}/customers`, body: { CustomerCode: 'C1' } });
    for (let i = 0; i < 99; i += 1) await client.call({ method: 'PATCH', path: `/administrations/${ADM}/customers/C1`, body: { Name: `n${i}` } });
    await sandbox.settle();
    const disabled = await client.webhook(hook.id);
    expect(orishaHookHealth(disabled)).toEqual({ kind: 'disabled' });
    // A Zap asking why deliveries stopped learns it from the health: the kit raises "disabled".
    expect(judge({ verdict: { ok: false, reason: 'mismatch', message: '' }, subscribed: true, health: orishaHookHealth(disabled), host: { heals: false, asksOnRefusal: true }, now: Date.now() })).toEqual({ do: 'raise', kind: 'disabled' });
    const repaired = await checkAndRepair(client, { id: hook.id, url, events: ['customer.created', 'customer.updated'] });
    expect(repaired.kind).toBe('re-enabled');
    if (repaired.kind !== 're-enabled') return;
    expect(repaired.note).toBe(
      `Orisha Commerce had disabled webhook ${hook.id} after 100 failed deliveries; it is enabled again. Events since ${disabled.disabledAt} until now were not delivered and may have been missed: customer.created, customer.updated.`,
    );
    expect(repaired.hook).toMatchObject({ id: hook.id, enabled: true, failureCount: 0 });
    expect(await checkAndRepair(client, { id: hook.id, url, events: ['customer.created', 'customer.updated'] })).toMatchObject({ kind: 'healthy' });
    // Events chosen anew: the same webhook takes them, no second slot.
    expect(await checkAndRepair(client, { id: hook.id, url, events: ['customer.deleted'] })).toMatchObject({ kind: 'healthy', hook: { id: hook.id, eventTypes: ['customer.deleted'] } });
    expect(await client.webhooks()).toHaveLength(1);
    expect(await checkAndRepair(client, { id: hook.id, url: `${catcher.url}/elsewhere`, events: [] })).toEqual({ kind: 'missing' });
    await client.deleteWebhook(hook.id);
    expect(await checkAndRepair(client, { id: hook.id, url, events: [] })).toEqual({ kind: 'missing' });
  });

  test('every event, delivered by the sandbox, hydrates to its full record by its codes; a deletion keeps its codes', async () => {
    const who = sandbox.addClient([ADM]);
    const { client } = connect(sandbox, ADM, who);
    const hook = await client.createWebhook({ url: `${catcher.url}/all`, eventTypes: [...ORISHA_EVENT_NAMES] });
    const a = `/administrations/${ADM}`;
    const call = (method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) => client.call({ method, path: `${a}${path}`, body });
    await call('POST', '/customers', { CustomerCode: 'C1', Name: 'Acme BV', Email: null, PriceListCode: null, Blocked: false });
    await call('PATCH', '/customers/C1', { Name: 'Acme B.V.' });
    await call('POST', '/items', { ItemCode: 'I1', Description: 'Bolt', Unit: 'pc', Price: 1.5, Blocked: false });
    await call('POST', '/pricelists', { PriceListCode: 'P1', Description: 'Standard', Currency: 'EUR' });
    await call('POST', '/customers/C1/contactpersons', { ContactPersonCode: 'CP1', Name: 'Ann', Email: null, Phone: null });
    await call('PATCH', '/customers/C1/contactpersons/CP1', { Phone: '+31 20' });
    await call('POST', '/customers/C1/addresses', { AddressCode: 'AD1', Street: 'Dam 1', PostalCode: '1012', City: 'Amsterdam', Country: 'NL' });
    await call('DELETE', '/items/I1');
    await sandbox.settle();
    const items = catcher.at('/all').map((c) => {
      const got = receiveOrisha(c.raw, c.headers, hook.secret);
      if (!got.ok) throw new Error(got.message);
      return got.item;
    });
    const hydrated = await Promise.all(items.map((item) => hydrateOrisha(client, item)));
    const by = Object.fromEntries(hydrated.map((h) => [h.event, h]));
    expect(by['customer.updated']).toMatchObject({ CustomerCode: 'C1', recordStatus: 'fetched', record: { CustomerCode: 'C1', Name: 'Acme B.V.' }, triggeredById: who.clientId });
    expect(by['customer.contactperson.updated']).toMatchObject({ record: { CustomerCode: 'C1', ContactPersonCode: 'CP1', Phone: '+31 20' } });
    expect(by['customer.address.created']).toMatchObject({ record: { AddressCode: 'AD1', City: 'Amsterdam' } });
    expect(by['pricelist.created']).toMatchObject({ record: { PriceListCode: 'P1', Currency: 'EUR' } });
    // Created, then deleted before the read: the record is gone, said plainly.
    expect(by['item.created']).toMatchObject({ ItemCode: 'I1', record: null, recordStatus: 'not-found' });
    expect(by['item.deleted']).toEqual(items.find((i) => i.event === 'item.deleted'));
    for (const h of hydrated) {
      expect(JSON.stringify(h)).not.toContain(hook.secret);
      const parsed = orishaEventSchemas[h.event]!.item.safeParse(h);
      expect(parsed.error?.issues ?? []).toEqual([]);
      const op = orishaOperations.find((o) => o.key === orishaEvent(h.event)?.hydrate?.operation);
      if (h.recordStatus === 'fetched') expect(op!.output.safeParse(h.record).success).toBe(true);
    }
  });

  test('a read that fails keeps the item and says why in plain words (no token, no secret)', async () => {
    const who = sandbox.addClient([ADM]);
    const { client } = connect(sandbox, ADM, who);
    const item = { id: 'e1', event: 'customer.updated', timestamp: '', CustomerCode: 'C1', administrationCode: ADM, triggeredById: null };
    const noAccess = connect(sandbox, 'ADM77', who).client;
    const failed = await hydrateOrisha(noAccess, item);
    expect(failed).toEqual({ ...item, record: null, recordStatus: 'failed', recordError: "Orisha Commerce refused access (HTTP 403): This identity has no access to this administration. The machine identity may lack this administration: assign it in Orisha's admin portal." });
    expect(await hydrateOrisha(client, { ...item, CustomerCode: '' })).toMatchObject({ record: null, recordStatus: 'no-code' });
  });

  test('lists page through; a missing code is a plain error', async () => {
    const { client } = connect(sandbox, ADM, sandbox.addClient([ADM]));
    for (let i = 0; i < 130; i += 1) await client.call({ method: 'POST', path: `/administrations/${ADM}/items`, body: { ItemCode: `I${i}`, Description: 'x', Unit: 'pc', Price: 1, Blocked: false } });
    const all = (await runOrishaRead(client, 'item.list', {})) as unknown[];
    expect(all).toHaveLength(130);
    await expect(runOrishaRead(client, 'address.get', { CustomerCode: 'C1' })).rejects.toThrow('Get Address needs AddressCode.');
  });
});
