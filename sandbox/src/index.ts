import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from './app';
import { fireEvent } from './controls/events';
import type { SettledEvent } from './controls/settle';
import { SandboxCore, type CoreOptions } from './core';

export interface SandboxOptions extends CoreOptions, AppOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only by default. */
  host?: string;
  /** Seed realistic demo data (default true). */
  seed?: boolean;
  /** Use this full-scope key instead of a random one (the CLI's stable demo key). */
  apiKey?: string;
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
  const apiKey = core.createMainKey(options.apiKey);
  if (options.seed !== false) core.seed();
  const app = buildApp(core, options);
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
    },
  };
}

export { buildApp } from './app';
export { SandboxCore } from './core';
export type { DeliveryResult, Envelope } from './delivery';
export type { SettledEvent } from './controls/settle';
