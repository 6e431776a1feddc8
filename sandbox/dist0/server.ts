// The dist0 sandbox: its read API, its signed sends, and controls for tests under /_sandbox (what a
// customer does in dist0's web app: projects, API keys, webhook settings, and signals found on demand).
// Loopback only, a free port unless one is given.
import Fastify, { type FastifyInstance } from 'fastify';
import { SIGNAL_KINDS, type SignalKind } from '@distribu/shared/providers/dist0/catalog';
import { readApi } from './read-api';
import { DEFAULT_POLICY, isLoopback, Sender, type RetryPolicy } from './sender';
import { Dist0Store, newSecret, type ApiKey, type Project } from './store';

export interface Dist0SandboxOptions {
  port?: number;
  /** Seed the docs' example project `prj_9f2a` with pains, briefs, next moves and a run (default true). */
  seed?: boolean;
  /** Send to non-loopback URLs too (default: loopback only). */
  allowExternal?: boolean;
  retry?: Partial<RetryPolicy>;
  /** Use this key for the first (untied) API key instead of a random one. */
  apiKey?: string;
}

export interface Dist0Sandbox {
  url: string;
  /** An API key not tied to a project. */
  apiKey: string;
  /** The seeded project, when seeded. */
  project?: Project;
  store: Dist0Store;
  sender: Sender;
  app: FastifyInstance;
  close(): Promise<void>;
}

class ControlError extends Error {
  readonly statusCode = 400;
}

function kindsOf(value: unknown): SignalKind[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((k) => (SIGNAL_KINDS as readonly string[]).includes(k))) {
    throw new ControlError(`kinds must be a non-empty list of ${SIGNAL_KINDS.join(', ')}.`);
  }
  return [...new Set(value as SignalKind[])];
}

/** The docs: the URL "must start with https://". The sandbox also takes http on loopback, for tests. */
export function checkWebhookUrl(value: unknown): string {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw new ControlError('The URL is not a valid URL.');
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url))) return url.toString();
  throw new ControlError('The URL must start with https:// (plain http only on loopback in the sandbox).');
}

function controls(app: FastifyInstance, store: Dist0Store, sender: Sender): void {
  const project = (id: string): Project => {
    const p = store.projects.get(id);
    if (!p) throw Object.assign(new Error(`No project ${id}.`), { statusCode: 404 });
    return p;
  };
  const hookView = (id: string) => {
    const { url, enabled, kinds, secret } = store.webhooks.get(id)!;
    return { url, enabled, kinds, signingSecret: secret };
  };
  const keyView = ({ key, name, projectId, cancelled }: ApiKey) => ({ key, name, projectId, cancelled });

  app.post('/_sandbox/projects', async (request) => {
    const body = (request.body ?? {}) as { name?: string; url?: string };
    return store.addProject({ name: body.name, url: body.url });
  });
  app.get('/_sandbox/projects', async () => [...store.projects.values()]);
  app.post('/_sandbox/keys', async (request) => {
    const body = (request.body ?? {}) as { name?: string; projectId?: string | null };
    if (body.projectId) project(body.projectId);
    return keyView(store.addKey({ name: body.name, projectId: body.projectId ?? null }));
  });
  app.post('/_sandbox/keys/cancel', async (request) => {
    const key = store.keys.get(String((request.body as { key?: string } | undefined)?.key));
    if (!key) throw Object.assign(new Error('No such key.'), { statusCode: 404 });
    key.cancelled = true;
    return keyView(key);
  });

  // Settings → Send new signals to your URL: one URL per project, on/off, kinds; the signing secret.
  app.get<{ Params: { id: string } }>('/_sandbox/projects/:id/webhook', async (request) => (project(request.params.id), hookView(request.params.id)));
  app.put<{ Params: { id: string } }>('/_sandbox/projects/:id/webhook', async (request) => {
    project(request.params.id);
    const body = (request.body ?? {}) as { url?: string | null; enabled?: boolean; kinds?: unknown };
    const hook = store.webhooks.get(request.params.id)!;
    const next = { ...hook };
    if (body.url !== undefined) next.url = body.url === null ? null : checkWebhookUrl(body.url);
    if (body.kinds !== undefined) next.kinds = kindsOf(body.kinds);
    if (body.enabled !== undefined) next.enabled = body.enabled === true;
    if (next.enabled && !next.url) throw new ControlError('Paste a URL before turning sends on.');
    store.webhooks.set(request.params.id, next);
    return hookView(request.params.id);
  });
  app.post<{ Params: { id: string } }>('/_sandbox/projects/:id/webhook/secret', async (request) => {
    project(request.params.id);
    store.webhooks.get(request.params.id)!.secret = newSecret();
    return hookView(request.params.id);
  });
  app.get<{ Params: { id: string } }>('/_sandbox/projects/:id/failed-sends', async (request) => (project(request.params.id), store.failedSends.get(request.params.id) ?? []));

  // A signal found now: its post, a pain for a pain signal, and the send.
  app.post('/_sandbox/signals', async (request) => {
    const body = (request.body ?? {}) as { projectId?: string; kind?: string; quote?: string; author?: string; post?: { title?: string; permalink?: string }; painId?: string; painTitle?: string };
    const p = project(String(body.projectId));
    const [kind] = kindsOf([body.kind ?? 'pain']);
    const signal = store.addSignal({ ...body, projectId: p.id, kind: kind! });
    return { signal, sent: sender.signalCreated(signal) };
  });
  app.get('/_sandbox/sends', async () => sender.log);
  app.put('/_sandbox/retry', async (request) => {
    const body = (request.body ?? {}) as Partial<RetryPolicy>;
    if (body.deliveryIdStyle !== undefined && body.deliveryIdStyle !== 'same' && body.deliveryIdStyle !== 'new') throw new ControlError('deliveryIdStyle is "same" or "new".');
    for (const k of ['attempts', 'firstGapMs', 'factor', 'timeoutMs'] as const) {
      if (body[k] !== undefined && !(typeof body[k] === 'number' && body[k] >= (k === 'attempts' || k === 'factor' ? 1 : 0))) throw new ControlError(`${k} must be a number.`);
    }
    sender.policy = { ...sender.policy, ...body };
    return sender.policy;
  });
  app.post('/_sandbox/idle', async () => {
    await sender.idle();
    return { idle: true };
  });
}

export async function startDist0Sandbox(options: Dist0SandboxOptions = {}): Promise<Dist0Sandbox> {
  const store = new Dist0Store();
  const project = options.seed === false ? undefined : store.seed();
  const apiKey = store.addKey({ name: 'Zapier', key: options.apiKey }).key;
  const sender = new Sender(store, { allowExternal: options.allowExternal });
  sender.policy = { ...DEFAULT_POLICY, ...options.retry };
  const app = Fastify({ logger: false, forceCloseConnections: true });
  readApi(app, store);
  controls(app, store, sender);
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    project,
    store,
    sender,
    app,
    close: async () => {
      sender.close();
      await sender.idle();
      await app.close();
    },
  };
}
