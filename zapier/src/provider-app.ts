// A Zapier app for any provider with a webhook API, from its host data (shared/src/kit/host.ts): an API-key
// connection checked by the provider's probe, and one REST-hook trigger per event, subscribed with the kit's
// no-orphan registration, verified with the provider's scheme, and run once per event id (replays.ts). Distribu's own app (index.ts) predates it
// and keeps its keys and labels; this is the factory the next providers' apps start from.
import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  ApiError,
  boundedLine,
  judge,
  normalizeWith,
  redactor,
  registerHook,
  removeHooksAt,
  type HostEvent,
  type HostProvider,
  type RegistrationVoice,
  type Transport,
} from '@distribu/shared/kit';
import { firstDelivery, isFresh } from './triggers/replays';

/** Zapier asks nothing of the provider on a refusal here and cannot store a new secret: it runs or ignores. */
const ZAPIER = { heals: false, asksOnRefusal: false } as const;

function transportOf(z: ZObject, host: HostProvider, bundle: Pick<Bundle, 'authData'>): Transport {
  const api = host.api!;
  const root = api.baseUrl.toRoot(bundle.authData?.baseUrl as string | undefined);
  const auth = api.auth.kind === 'api-key' ? api.auth : undefined;
  const key = String(bundle.authData?.apiKey ?? '');
  return async (request) => {
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.query ?? {})) if (v !== undefined) params[k] = String(v);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (auth) headers[auth.header] = auth.scheme === 'Bearer' ? `Bearer ${key}` : key;
    let response;
    try {
      response = await z.request({
        url: `${root}${request.path}`,
        method: request.method,
        headers,
        params,
        skipThrowForStatus: true,
        ...(request.body !== undefined ? { body: request.body as Record<string, unknown> } : {}),
      });
    } catch (error) {
      throw api.networkError(error);
    }
    return { status: response.status, body: response.data !== undefined ? response.data : response.content };
  };
}

/** Any failure as a Zapier error in the provider's words (never the request, which carries the key). */
async function inZapierWords<T>(z: ZObject, host: HostProvider, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ApiError && error.status === 401) throw new z.errors.ExpiredAuthError(message);
    throw new z.errors.Error(message, error instanceof ApiError ? `Http${error.status}` : 'ProviderError', error instanceof ApiError ? error.status : undefined);
  }
}

function hookTrigger(host: HostProvider, event: HostEvent) {
  const subscription = host.subscription;
  if (subscription.mode !== 'api') throw new Error(`${host.names.displayName} has no webhook API for REST hooks.`);
  const redact = redactor(host.provider.voice);
  const words: RegistrationVoice = { voice: host.provider.voice, bounded: (text, max = 300) => boundedLine(text, max, redact) };
  const apiOf = (z: ZObject, bundle: Bundle) => subscription.over(host.api!.connect(transportOf(z, host, bundle)));
  return {
    key: event.key,
    noun: event.resource,
    display: { label: event.label, description: event.description },
    operation: {
      type: 'hook' as const,
      performSubscribe: (z: ZObject, bundle: Bundle) =>
        inZapierWords(z, host, () => registerHook(apiOf(z, bundle), words, { url: bundle.targetUrl!, events: [event.name] }, { log: (line) => z.console.log(line) })),
      performUnsubscribe: (z: ZObject, bundle: Bundle) =>
        inZapierWords(z, host, async () => {
          const id = (bundle.subscribeData as { id?: unknown } | undefined)?.id;
          const api = apiOf(z, bundle);
          if (typeof id === 'string' && id) return { id, deleted: await api.remove(id) };
          return { id: null, deleted: (await removeHooksAt(api, bundle.targetUrl ?? '')).length > 0 };
        }),
      perform: async (z: ZObject, bundle: Bundle) => {
        const raw = bundle.rawRequest as { content?: string; headers?: Record<string, string> } | undefined;
        const secret = (bundle.subscribeData as { secret?: unknown } | undefined)?.secret;
        const verdict = host.verify({ body: raw?.content, headers: raw?.headers, secrets: typeof secret === 'string' ? secret : undefined });
        const decision = judge({ verdict, subscribed: true, host: ZAPIER, now: Date.now() });
        if (decision.do !== 'run') {
          z.console.log(`${host.names.displayName}: a delivery started no run: ${decision.do === 'ignore' ? decision.reason : decision.do}`);
          return [];
        }
        const delivery = normalizeWith(host.provider.inbound, raw!.content!, raw?.headers);
        if (!delivery.ok || delivery.item.event !== event.name) return [];
        // Outside the replay window, or an event id this subscription already ran (here or, via z.cache, anywhere): no run.
        const hookId = String((bundle.subscribeData as { id?: unknown } | undefined)?.id ?? '');
        if (!isFresh(delivery.item) || !(await firstDelivery(z, hookId, delivery.item))) {
          z.console.log(`${host.names.displayName}: event ${delivery.item.id} started no run (a replay, a duplicate or outside the replay window).`);
          return [];
        }
        return [delivery.item];
      },
      performList: () => [event.sample],
      sample: event.sample,
    },
  };
}

/** The Zapier app definition of a provider with a webhook API (`api` and an `api` subscription). */
export function makeApp(host: HostProvider, version: string, platformVersion: string) {
  if (!host.api || host.subscription.mode !== 'api') {
    throw new Error(`${host.names.displayName}: a Zapier app needs REST hooks (public Zapier apps may not ship paste-the-URL triggers).`);
  }
  const api = host.api;
  if (api.auth.kind !== 'api-key') {
    throw new Error(`${host.names.displayName}: the Zapier factory carries API-key auth only, not ${api.auth.kind}.`);
  }
  return {
    version,
    platformVersion,
    authentication: {
      type: 'custom' as const,
      fields: [
        { key: 'apiKey', label: 'API Key', required: true, type: 'password' as const, helpText: `A ${host.names.displayName} API key.` },
        { key: 'baseUrl', label: 'Base URL', required: false, default: api.baseUrl.default },
      ],
      test: (z: ZObject, bundle: Bundle) => inZapierWords(z, host, async () => (await api.connect(transportOf(z, host, bundle)).call(api.probe)).body),
      connectionLabel: (_z: ZObject, bundle: Bundle) => {
        try {
          return new URL(api.baseUrl.toRoot(bundle.authData?.baseUrl as string | undefined)).host;
        } catch {
          return host.names.displayName;
        }
      },
    },
    triggers: Object.fromEntries(host.events.map((event) => [event.key, hookTrigger(host, event)])),
  };
}
