// The Orisha Commerce sandbox: a local stand-in for Orisha's token endpoint, management endpoint and
// read/write API, on loopback. Paths and bodies follow shared/src/providers/orisha/assumed-api.ts
// (ours until Orisha confirms); routes are derived from it, so a change there moves the sandbox too.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { parse as parseQuery } from 'node:querystring';
import { ORISHA_API_PREFIX, ORISHA_AUTH, ORISHA_CAP_STATUS, ORISHA_ERROR_CODES, ORISHA_PAGE_SIZE_MAX, readPaths, webhookPaths } from '../../shared/src/providers/orisha/assumed-api';
import { ORISHA_EVENT_NAMES, type OrishaResource } from '../../shared/src/providers/orisha/events';
import { ORISHA_WEBHOOK_CAP } from '../../shared/src/providers/orisha/voice';
import { Deliveries, type DeliverySettings } from './deliveries';
import { OrishaStore, publicWebhook, secretToken, type Client, type RecordData, type StoredWebhook } from './state';

export interface OrishaSandboxOptions extends Partial<DeliverySettings> {
  port?: number;
  /** Access tokens live this long (default 3600 s). */
  tokenLifetimeSeconds?: number;
  /** The audience a token request must name. */
  audience?: string;
}

export interface OrishaSandbox {
  url: string;
  /** The token endpoint. */
  tokenUrl: string;
  audience: string;
  store: OrishaStore;
  deliveries: Deliveries;
  /** A machine client (client ID + secret) allowed into these administrations. */
  addClient(administrations: string[], clientId?: string): Client;
  /** Ends every issued token now (the next call with one answers 401). */
  expireTokens(): void;
  tokenLifetimeSeconds: number;
  /** Waits for every delivery started so far, late and duplicate ones included. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export const SANDBOX_AUDIENCE: string = ORISHA_AUTH.defaultAudience;

/** `/administrations/__a__/items/__ItemCode__` → `/api/v1/administrations/:a/items/:ItemCode`. */
function route(path: string): string {
  return ORISHA_API_PREFIX + path.replace(/__(\w+)__/g, ':$1');
}
const P = (name: string) => `__${name}__`;

interface ResourceRoutes {
  resource: OrishaResource;
  /** Event type prefix, e.g. `customer.contactperson`. */
  event: string;
  /** The record's own code, and the parent's (contact persons and addresses live under a customer). */
  code: string;
  parent?: 'CustomerCode';
  updates: boolean;
  collection: string;
  one: string;
}

const RESOURCES: ResourceRoutes[] = [
  { resource: 'item', event: 'item', code: 'ItemCode', updates: false, collection: route(readPaths.items(P('a'))), one: route(readPaths.item(P('a'), { ItemCode: P('ItemCode') })) },
  { resource: 'customer', event: 'customer', code: 'CustomerCode', updates: true, collection: route(readPaths.customers(P('a'))), one: route(readPaths.customer(P('a'), { CustomerCode: P('CustomerCode') })) },
  { resource: 'priceList', event: 'pricelist', code: 'PriceListCode', updates: false, collection: route(readPaths.priceLists(P('a'))), one: route(readPaths.priceList(P('a'), { PriceListCode: P('PriceListCode') })) },
  {
    resource: 'contactPerson', event: 'customer.contactperson', code: 'ContactPersonCode', parent: 'CustomerCode', updates: true,
    collection: route(readPaths.contactPersons(P('a'), { CustomerCode: P('CustomerCode') })),
    one: route(readPaths.contactPerson(P('a'), { CustomerCode: P('CustomerCode'), ContactPersonCode: P('ContactPersonCode') })),
  },
  {
    resource: 'address', event: 'customer.address', code: 'AddressCode', parent: 'CustomerCode', updates: true,
    collection: route(readPaths.addresses(P('a'), { CustomerCode: P('CustomerCode') })),
    one: route(readPaths.address(P('a'), { CustomerCode: P('CustomerCode'), AddressCode: P('AddressCode') })),
  },
];

type Req = FastifyRequest<{ Params: Record<string, string>; Querystring: Record<string, string>; Body: unknown }>;
const fail = (reply: FastifyReply, status: number, code: string, message: string) => reply.code(status).send({ error: { code, message } });
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export async function startOrishaSandbox(options: OrishaSandboxOptions = {}): Promise<OrishaSandbox> {
  const store = new OrishaStore();
  const deliveries = new Deliveries(store, {
    duplicateRate: options.duplicateRate ?? 0,
    lateRate: options.lateRate ?? 0,
    lateDelayMs: options.lateDelayMs ?? 150,
    timeoutMs: options.timeoutMs ?? 5_000,
    seed: options.seed ?? 1,
  });
  const audience = options.audience ?? SANDBOX_AUDIENCE;
  const sandbox = { tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600 };
  const app: FastifyInstance = Fastify({ logger: false });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, parseQuery(body as string)));

  // The Auth0-style token endpoint: client credentials → an expiring bearer token.
  app.post('/oauth/token', async (req: Req, reply) => {
    const form = isObject(req.body) ? req.body : {};
    if (form.grant_type !== 'client_credentials') return reply.code(400).send({ error: 'unsupported_grant_type' });
    const client = typeof form.client_id === 'string' ? store.clients.get(form.client_id) : undefined;
    if (!client || form.client_secret !== client.clientSecret) return reply.code(401).send({ error: 'invalid_client', error_description: 'Unauthorized' });
    if (form.audience !== audience) return reply.code(403).send({ error: 'access_denied', error_description: 'Service not enabled within domain' });
    const token = secretToken('oat');
    store.tokens.set(token, { clientId: client.clientId, expiresAt: Date.now() + sandbox.tokenLifetimeSeconds * 1000 });
    return { access_token: token, token_type: 'Bearer', expires_in: sandbox.tokenLifetimeSeconds };
  });

  // Every API call: a live token whose client has this administration.
  const callers = new WeakMap<object, Client>();
  app.addHook('preHandler', async (req: Req, reply) => {
    if (!req.url.startsWith(`${ORISHA_API_PREFIX}/`)) return;
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const held = token ? store.tokens.get(token) : undefined;
    if (!held || held.expiresAt <= Date.now()) return fail(reply, 401, ORISHA_ERROR_CODES.unauthorized, 'The access token is missing, invalid or expired.');
    const client = store.clients.get(held.clientId)!;
    const a = req.params.a;
    // No administration in the path: no such route, the 404 handler answers.
    if (a !== undefined && !client.administrations.includes(a)) return fail(reply, 403, 'forbidden', 'This identity has no access to this administration.');
    callers.set(req, client);
  });
  const caller = (req: Req) => callers.get(req)!;

  // The management endpoint.
  const hooksOf = (a: string) => store.webhooks.filter((h) => h.administration === a);
  const findHook = (req: Req) => store.webhooks.find((h) => h.administration === req.params.a && h.id === req.params.id);
  const checkInput = (body: Record<string, unknown>, partial: boolean): string | undefined => {
    if (!(partial && body.url === undefined) && (typeof body.url !== 'string' || !/^https?:\/\/\S+$/.test(body.url))) return 'url must be an http(s) URL.';
    if (!(partial && body.eventTypes === undefined)) {
      if (!Array.isArray(body.eventTypes) || body.eventTypes.length === 0) return 'eventTypes must list at least one event type.';
      const unknown = body.eventTypes.filter((t) => typeof t !== 'string' || !ORISHA_EVENT_NAMES.includes(t));
      if (unknown.length > 0) return `Unknown event type(s): ${unknown.join(', ')}.`;
    }
    if (body.description !== undefined && typeof body.description !== 'string') return 'description must be a string.';
    if (partial && body.enabled !== undefined && typeof body.enabled !== 'boolean') return 'enabled must be true or false.';
    return undefined;
  };
  const hookRoute = (f: (a: string, id: string) => string) => route(f(P('a'), P('id')));
  app.get(route(webhookPaths.list(P('a'))), async (req: Req) => ({ data: hooksOf(req.params.a!).map(publicWebhook) }));
  app.post(route(webhookPaths.create(P('a'))), async (req: Req, reply) => {
    const body = isObject(req.body) ? req.body : {};
    const bad = checkInput(body, false);
    if (bad) return fail(reply, 400, ORISHA_ERROR_CODES.invalid, bad);
    if (hooksOf(req.params.a!).length >= ORISHA_WEBHOOK_CAP) {
      return fail(reply, ORISHA_CAP_STATUS, ORISHA_ERROR_CODES.cap, `This administration already has ${ORISHA_WEBHOOK_CAP} webhooks.`);
    }
    const hook: StoredWebhook = {
      id: store.newWebhookId(), administration: req.params.a!, url: body.url as string, eventTypes: [...new Set(body.eventTypes as string[])],
      description: (body.description as string | undefined) ?? '', enabled: true, failureCount: 0, disabledAt: null,
      createdAt: new Date().toISOString(), secret: secretToken('ows'),
    };
    store.webhooks.push(hook);
    return reply.code(201).send({ ...publicWebhook(hook), secret: hook.secret });
  });
  app.get(hookRoute(webhookPaths.one), async (req: Req, reply) => {
    const hook = findHook(req);
    return hook ? publicWebhook(hook) : fail(reply, 404, ORISHA_ERROR_CODES.notFound, 'No such webhook.');
  });
  app.patch(hookRoute(webhookPaths.one), async (req: Req, reply) => {
    const hook = findHook(req);
    if (!hook) return fail(reply, 404, ORISHA_ERROR_CODES.notFound, 'No such webhook.');
    const body = isObject(req.body) ? req.body : {};
    const bad = checkInput(body, true);
    if (bad) return fail(reply, 400, ORISHA_ERROR_CODES.invalid, bad);
    if (typeof body.url === 'string') hook.url = body.url;
    if (Array.isArray(body.eventTypes)) hook.eventTypes = [...new Set(body.eventTypes as string[])];
    if (typeof body.description === 'string') hook.description = body.description;
    if (body.enabled === true && !hook.enabled) {
      hook.enabled = true;
      hook.failureCount = 0;
      hook.disabledAt = null;
    } else if (body.enabled === false) hook.enabled = false;
    return publicWebhook(hook);
  });
  app.delete(hookRoute(webhookPaths.one), async (req: Req, reply) => {
    const hook = findHook(req);
    if (!hook) return fail(reply, 404, ORISHA_ERROR_CODES.notFound, 'No such webhook.');
    store.webhooks.splice(store.webhooks.indexOf(hook), 1);
    return reply.code(204).send();
  });
  app.post(hookRoute(webhookPaths.resetSecret), async (req: Req, reply) => {
    const hook = findHook(req);
    if (!hook) return fail(reply, 404, ORISHA_ERROR_CODES.notFound, 'No such webhook.');
    hook.secret = secretToken('ows');
    return { secret: hook.secret };
  });
  app.get(route(webhookPaths.notifications(P('a'))), async (req: Req) => ({ data: store.notifications.filter((n) => n.administration === req.params.a) }));

  // Records: reads by code, lists, and the writes that make the 13 events.
  for (const r of RESOURCES) {
    const keyOf = (p: Record<string, string>) => (r.parent ? `${p[r.parent]}/${p[r.code]}` : p[r.code]!);
    const records = (req: Req) => store.administration(req.params.a!).records[r.resource];
    const codesOf = (p: Record<string, string>): Record<string, string> => (r.parent ? { [r.parent]: p[r.parent]!, [r.code]: p[r.code]! } : { [r.code]: p[r.code]! });
    const parentMissing = (req: Req) => !!r.parent && !store.administration(req.params.a!).records.customer.has(req.params[r.parent]!);
    const notFound = (reply: FastifyReply) => fail(reply, 404, ORISHA_ERROR_CODES.notFound, `No such ${r.resource}.`);
    const emit = (req: Req, action: string, codes: Record<string, string>) => deliveries.emit(req.params.a!, `${r.event}.${action}`, codes, caller(req).clientId);

    app.get(r.collection, async (req: Req, reply) => {
      if (parentMissing(req)) return fail(reply, 404, ORISHA_ERROR_CODES.notFound, 'No such customer.');
      const all = [...records(req).entries()].filter(([k]) => !r.parent || k.startsWith(`${req.params[r.parent]}/`)).map(([, v]) => v);
      const page = Math.max(1, Number.parseInt(req.query.page ?? '1', 10) || 1);
      const size = Math.min(ORISHA_PAGE_SIZE_MAX, Math.max(1, Number.parseInt(req.query.pageSize ?? '50', 10) || 50));
      const data = all.slice((page - 1) * size, page * size);
      return { data, nextPage: page * size < all.length ? page + 1 : null };
    });
    app.get(r.one, async (req: Req, reply) => {
      if (parentMissing(req)) return notFound(reply);
      return records(req).get(keyOf(req.params)) ?? notFound(reply);
    });
    app.post(r.collection, async (req: Req, reply) => {
      if (parentMissing(req)) return fail(reply, 404, ORISHA_ERROR_CODES.notFound, 'No such customer.');
      const body = isObject(req.body) ? req.body : {};
      const code = body[r.code];
      if (typeof code !== 'string' || code === '') return fail(reply, 400, ORISHA_ERROR_CODES.invalid, `${r.code} is required.`);
      const params = { ...req.params, [r.code]: code };
      if (records(req).has(keyOf(params))) return fail(reply, 409, 'conflict', `${r.code} ${code} already exists.`);
      const record: RecordData = { ...body, ...codesOf(params), ModifiedAt: new Date().toISOString() };
      records(req).set(keyOf(params), record);
      emit(req, 'created', codesOf(params));
      return reply.code(201).send(record);
    });
    if (r.updates) {
      app.patch(r.one, async (req: Req, reply) => {
        const record = parentMissing(req) ? undefined : records(req).get(keyOf(req.params));
        if (!record) return notFound(reply);
        const body = isObject(req.body) ? req.body : {};
        Object.assign(record, body, codesOf(req.params), { ModifiedAt: new Date().toISOString() });
        emit(req, 'updated', codesOf(req.params));
        return record;
      });
    }
    app.delete(r.one, async (req: Req, reply) => {
      if (parentMissing(req) || !records(req).delete(keyOf(req.params))) return notFound(reply);
      emit(req, 'deleted', codesOf(req.params));
      return reply.code(204).send();
    });
  }

  // Controls for tests and demos (loopback only, like the whole sandbox): not Orisha's API.
  app.post('/_sandbox/clients', async (req: Req, reply) => {
    const body = isObject(req.body) ? req.body : {};
    const adms = Array.isArray(body.administrations) && body.administrations.every((a) => typeof a === 'string' && a) ? (body.administrations as string[]) : undefined;
    if (!adms) return fail(reply, 400, ORISHA_ERROR_CODES.invalid, 'administrations must list administration codes.');
    return reply.code(201).send(store.addClient(adms, typeof body.clientId === 'string' ? body.clientId : undefined));
  });
  app.patch('/_sandbox/settings', async (req: Req, reply) => {
    const body = isObject(req.body) ? req.body : {};
    for (const key of ['duplicateRate', 'lateRate'] as const) {
      const v = body[key];
      if (v === undefined) continue;
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) return fail(reply, 400, ORISHA_ERROR_CODES.invalid, `${key} must be a number from 0 to 1.`);
      deliveries.settings[key] = v;
    }
    if (body.lateDelayMs !== undefined) {
      if (!Number.isInteger(body.lateDelayMs) || (body.lateDelayMs as number) < 0 || (body.lateDelayMs as number) > 60_000) return fail(reply, 400, ORISHA_ERROR_CODES.invalid, 'lateDelayMs must be a whole number from 0 to 60000.');
      deliveries.settings.lateDelayMs = body.lateDelayMs as number;
    }
    if (body.seed !== undefined) {
      if (!Number.isInteger(body.seed)) return fail(reply, 400, ORISHA_ERROR_CODES.invalid, 'seed must be a whole number.');
      deliveries.reseed(body.seed as number);
    }
    if (body.tokenLifetimeSeconds !== undefined) {
      if (!Number.isInteger(body.tokenLifetimeSeconds) || (body.tokenLifetimeSeconds as number) < 1) return fail(reply, 400, ORISHA_ERROR_CODES.invalid, 'tokenLifetimeSeconds must be a whole number of at least 1.');
      sandbox.tokenLifetimeSeconds = body.tokenLifetimeSeconds as number;
    }
    return { ...deliveries.settings, tokenLifetimeSeconds: sandbox.tokenLifetimeSeconds };
  });
  app.post('/_sandbox/expire-tokens', async () => {
    store.tokens.forEach((t) => (t.expiresAt = 0));
    return { expired: store.tokens.size };
  });
  app.post('/_sandbox/settle', async () => {
    await deliveries.settle();
    return { deliveries: deliveries.log.length };
  });
  // Never the secret: the log holds ids, types, kinds and statuses only.
  app.get('/_sandbox/deliveries', async () => ({ data: deliveries.log }));

  app.setNotFoundHandler((_req, reply) => fail(reply, 404, ORISHA_ERROR_CODES.notFound, 'No such endpoint.'));
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    tokenUrl: `${url}/oauth/token`,
    audience,
    store,
    deliveries,
    addClient: (administrations, clientId) => store.addClient(administrations, clientId),
    expireTokens: () => store.tokens.forEach((t) => (t.expiresAt = 0)),
    get tokenLifetimeSeconds() {
      return sandbox.tokenLifetimeSeconds;
    },
    set tokenLifetimeSeconds(value: number) {
      sandbox.tokenLifetimeSeconds = value;
    },
    settle: () => deliveries.settle(),
    close: async () => {
      await deliveries.settle();
      await app.close();
    },
  };
}
