// "Acme": a tiny provider that exists only in the tests, to prove the kit knows no provider. Two
// events; two inbound variants (an HMAC over a `{timestamp}.{body}` template with a previous-secret
// header, and a shared secret); a webhook API (served by acme-api.ts over real HTTP) and a manual
// subscription; an API client on the kit's RestClient. Everything Acme-specific is here, as data plus a small adapter.
import {
  ApiError,
  capMessage,
  isDefiniteRefusal,
  isRecord,
  NetworkError,
  networkFailureOf,
  RestClient,
  type ApiShape,
  type Envelope,
  type ErrorVoice,
  type Inbound,
  type ItemSpec,
  type ManualSubscription,
  type Provider,
  type SubscriptionApi,
  type Transport,
} from '@distribu/shared/kit';

export interface AcmeHook {
  id: string;
  url: string;
  events: string[];
  createdAt: string;
  /** Set when the hook's secret was rotated: the old secret still signs, in Acme-Signature-Previous, until then (ISO). */
  graceUntil?: string;
}

/** The two events, with what normalization needs of each. */
export const ACME_EVENTS: Record<string, ItemSpec & { resource: string }> = {
  'thing.made': {
    resource: 'thing',
    idKey: 'thingId',
    discriminator: { key: 'shape', label: 'Shape', rules: [{ variant: 'full', has: 'name' }, { variant: 'thin', lacks: 'name' }] },
    derive: { countOf: { partCount: 'parts' } },
  },
  'thing.gone': { resource: 'thing', idKey: 'thingId', discriminator: null, derive: null },
};

/** Acme's body: `{type, at, payload}`. */
function toEnvelope(body: Record<string, unknown>): Envelope | { refuse: string } {
  const { type, at, payload } = body;
  if (typeof type !== 'string' || type === '') return { refuse: 'The delivery names no Acme event type.' };
  return {
    event: type,
    timestamp: typeof at === 'string' ? at : '',
    data: payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : {},
  };
}

const specOf = (event: string) => ACME_EVENTS[event];

export const acmeSignedInbound: Inbound = {
  scheme: {
    kind: 'hmac',
    algorithm: 'sha256',
    header: 'Acme-Signature',
    previousHeader: 'Acme-Signature-Previous',
    encoding: 'base64',
    prefix: 'sha256=',
    signed: '{timestamp}.{body}',
    timestamp: { header: 'Acme-Time', unit: 's', toleranceSeconds: 300 },
  },
  id: { header: 'Acme-Event-Id' },
  timestamp: { header: 'Acme-Time', unit: 's' },
  toEnvelope,
  specOf,
};

export const acmeTokenInbound: Inbound = {
  scheme: { kind: 'shared-secret', header: 'Acme-Token' },
  id: { bodyPath: 'payload.id' },
  toEnvelope,
  specOf,
};

export const acmeVoice: ErrorVoice = {
  name: 'Acme',
  places: { webhooks: 'Admin → Outgoing hooks', apiKeys: 'Admin → Keys' },
  secretPatterns: [{ pattern: /(?<![A-Za-z0-9])(acme_sk|acme_hs)_[A-Za-z0-9]+/g, replacement: '$1_…[redacted]' }],
  capMessage: '{name} allows {cap} hooks per workspace and all are taken. Remove one under {webhooks}.',
};

export const ACME_CAP = 2;

/** A refusal or failure Acme's API answered with, in Acme's words. */
export class AcmeRefusal extends ApiError {
  constructor(status: number, said: string) {
    super({ status, ...(said ? { apiMessage: said } : {}) }, status === 409 ? capMessage(acmeVoice, ACME_CAP) : `Acme refused the request (HTTP ${status})${said ? `: ${said}` : ''}.`);
    this.name = 'AcmeRefusal';
  }
}

/** How Acme's API answers: bare JSON, errors as `{"message": "..."}`. */
const ACME_API: ApiShape = {
  apiError: (status, body) => new AcmeRefusal(status, isRecord(body) && typeof body.message === 'string' ? body.message : ''),
  networkError: (error) => {
    const { kind } = networkFailureOf(error);
    return new NetworkError(kind, kind === 'timeout' ? 'Acme did not answer in time.' : 'Could not reach Acme, or its answer could not be read.');
  },
  malformed: () => new NetworkError('malformed', "Acme's answer could not be read."),
  unwrap: (body) => body,
};

/** The host's HTTP function, here fetch on loopback. */
function fetchTransport(baseUrl: string): Transport {
  return async (request) => {
    const response = await fetch(`${baseUrl}${request.path}`, {
      method: request.method,
      headers: request.body === undefined ? {} : { 'content-type': 'application/json' },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(2_000),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
}

/** Acme's API client: the kit's RestClient with Acme's answers. */
export class AcmeClient extends RestClient {
  /** A base URL (fetch on loopback), or a host's own HTTP function. */
  constructor(baseUrl: string | Transport) {
    super(typeof baseUrl === 'string' ? fetchTransport(baseUrl) : baseUrl, ACME_API);
  }

  async hooks(): Promise<AcmeHook[]> {
    const body = (await this.call({ method: 'GET', path: '/hooks' })).body;
    if (!isRecord(body) || !Array.isArray(body.hooks)) throw ACME_API.malformed();
    return body.hooks as AcmeHook[];
  }

  async createHook(want: { url: string; events: string[] }): Promise<AcmeHook & { secret: string }> {
    const created = this.record<AcmeHook & { secret: string }>((await this.call({ method: 'POST', path: '/hooks', body: want })).body);
    if (typeof created.secret !== 'string') throw ACME_API.malformed();
    return created;
  }

  /** False when the hook was already gone. */
  deleteHook(id: string): Promise<boolean> {
    return this.deleteAt(`/hooks/${encodeURIComponent(id)}`);
  }
}

/** Acme's hooks API as the kit's SubscriptionApi: the provider's small subscription adapter. */
export function acmeSubscriptionApi(client: AcmeClient): SubscriptionApi<AcmeHook> {
  return {
    mode: 'api',
    cap: ACME_CAP,
    hooksAt: async (url) => (await client.hooks()).filter((h) => h.url === url),
    create: (want) => client.createHook(want),
    remove: (id) => client.deleteHook(id),
    isDefiniteRefusal,
  };
}

const manual: ManualSubscription = { mode: 'manual', where: 'Admin → Outgoing hooks → Send to URL' };

/** Acme with signed deliveries and a hooks API. */
export const acme: Provider<AcmeClient> = {
  id: 'acme',
  name: acmeVoice.name,
  inbound: acmeSignedInbound,
  subscription: { mode: 'api', cap: ACME_CAP, over: acmeSubscriptionApi },
  auth: { kind: 'api-key', header: 'Authorization', scheme: 'Bearer', pattern: /acme_sk_[A-Za-z0-9]+/ },
  voice: acmeVoice,
};

/** Acme Lite: a shared token, and a URL the user pastes in Acme's admin. */
export const acmeLite: Provider = {
  id: 'acme-lite',
  name: acmeVoice.name,
  inbound: acmeTokenInbound,
  subscription: manual,
  auth: { kind: 'oauth2-client-credentials', tokenUrl: 'https://acme.example/oauth/token', audience: 'https://acme.example/api' },
  voice: acmeVoice,
};
