import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from './app';
import { fireEvent } from './controls/events';
import type { SettledEvent } from './controls/settle';
import { SandboxCore, type CoreOptions } from './core';
import { loadState, restore, saveState } from './persist';

export interface SandboxOptions extends CoreOptions, AppOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only by default. */
  host?: string;
  /** Seed realistic demo data (default true). */
  seed?: boolean;
  /** Use this full-scope key instead of a random one (the CLI's stable demo key). */
  apiKey?: string;
  /**
   * Keep the company's state in this JSON file: loaded at start if it exists (instead of seeding),
   * saved shortly after each change and on close. Holds webhook secrets: written owner-only.
   */
  statePath?: string;
  /** Register more routes (e.g. the dashboard page) before the server starts. */
  plugins?: Array<(app: FastifyInstance, core: SandboxCore) => void | Promise<void>>;
}

export interface Sandbox {
  /** `http://127.0.0.1:PORT`; the REST API is under `${url}/api/v1`. */
  url: string;
  /** A `dk_...` key with every scope. */
  apiKey: string;
  app: FastifyInstance;
  core: SandboxCore;
  /** Fires an event (a variant) through its real state change; resolves after its deliveries. */
  fire(event: string, options?: { variant?: string; [key: string]: unknown }): Promise<SettledEvent[]>;
  /** Resolves when no delivery is in flight. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a sandbox Distribu on a loopback port. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const core = new SandboxCore(options);
  const saved = options.statePath ? loadState(options.statePath) : null;
  if (saved) restore(core.store, saved);
  const apiKey = core.createMainKey(options.apiKey);
  if (!saved && options.seed !== false) core.seed();
  const app = buildApp(core, options);
  const persistence = options.statePath ? persist(app, core, options.statePath) : null;
  for (const plugin of options.plugins ?? []) await plugin(app, core);
  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    apiKey,
    app,
    core,
    fire: (event, fireOptions) => fireEvent(core, event, fireOptions),
    idle: () => core.deliverer.idle(),
    close: async () => {
      core.faults.releaseAll();
      core.deliverer.abortAll();
      await app.close();
      await core.deliverer.idle();
      persistence?.stop();
    },
  };
}

/** Saves the state 200 ms after changes (API writes, controls, delivery attempts) and on stop. */
function persist(app: FastifyInstance, core: SandboxCore, path: string) {
  let timer: NodeJS.Timeout | null = null;
  const save = () => {
    timer = null;
    saveState(path, core.store);
  };
  const changed = () => {
    timer ??= setTimeout(save, 200).unref();
  };
  // onSend, not onResponse: a call whose answer a fault loses has changed the state all the same.
  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') changed();
    return payload;
  });
  core.deliverer.attemptListeners.add(changed);
  saveState(path, core.store);
  return {
    stop() {
      if (timer) clearTimeout(timer);
      core.deliverer.attemptListeners.delete(changed);
      save();
    },
  };
}

export { buildApp } from './app';
export { SandboxCore } from './core';
export type { DeliveryResult, Envelope } from './delivery';
export type { SettledEvent } from './controls/settle';
export type { FaultKind, FaultRule } from './faults';
