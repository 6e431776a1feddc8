// "Acme": a tiny provider that exists only in the tests, to prove the kit knows no provider. Two
// events; two inbound variants (an HMAC over a `{timestamp}.{body}` template with a previous-secret
// header, and a shared secret); a webhook API (served by acme-api.ts over real HTTP) and a manual
// subscription. Everything Acme-specific is here, as data plus a small adapter.
import type { Envelope, ErrorVoice, Inbound, ItemSpec, ManualSubscription, Provider, SubscriptionApi } from '@distribu/shared/kit';

export interface AcmeHook {
  id: string;
  url: string;
  events: string[];
  createdAt: string;
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

/** A refusal from Acme's API (it did nothing). */
export class AcmeRefusal extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** Acme's hooks API over fetch: the provider's small subscription adapter. */
export function acmeSubscriptionApi(baseUrl: string): SubscriptionApi<AcmeHook> {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(2_000),
    });
    const text = await response.text();
    const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (response.status >= 400) {
      throw new AcmeRefusal(response.status, response.status === 429 ? '' : String(json.message ?? response.status));
    }
    return json;
  };
  return {
    mode: 'api',
    cap: ACME_CAP,
    hooksAt: async (url) => ((await call('GET', '/hooks')).hooks as AcmeHook[]).filter((h) => h.url === url),
    create: async (want) => (await call('POST', '/hooks', want)) as unknown as AcmeHook & { secret: string },
    remove: async (id) => {
      try {
        await call('DELETE', `/hooks/${encodeURIComponent(id)}`);
        return true;
      } catch (error) {
        if (error instanceof AcmeRefusal && error.status === 404) return false;
        throw error;
      }
    },
    isDefiniteRefusal: (error) => error instanceof AcmeRefusal && error.status < 500,
  };
}

const manual: ManualSubscription = { mode: 'manual', where: 'Admin → Outgoing hooks → Send to URL' };

/** Acme with signed deliveries and a hooks API. */
export const acme: Provider<string> = {
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
