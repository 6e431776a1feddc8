import * as zapier from 'zapier-platform-core';

/** Where core's RPC client sends z.cache calls (Zapier passes `rpc_base` and a `token` in each event). */
export interface RpcTarget {
  url: string;
  token: string;
}

/**
 * Runs an app's methods the way `zapier-platform invoke` does locally: through core's public
 * createAppHandler, with `calledFromCli` (createAppTester is for test runners and, outside them,
 * prints a memory line per call). Methods are addressed by path, as Zapier does at run time.
 * Without `rpc`, z.cache has no RPC to call and throws, as it does outside Zapier; with it, z.cache
 * goes over HTTP to that endpoint (scripts/zapier/rpc.ts stands in for Zapier's).
 */
export function zapierRunner(app: object, rpc?: RpcTarget) {
  const handler = (zapier as unknown as { createAppHandler(app: object): (event: object) => Promise<{ results: unknown }> }).createAppHandler(app);
  /** `storeKey`: what Zapier passes to every page of one paging trigger (a dropdown's "Load more"), for z.cursor. */
  return async <T>(method: string, bundle: object, options: { storeKey?: string } = {}): Promise<T> => {
    const event = {
      command: 'execute',
      method,
      bundle,
      calledFromCli: true,
      ...(rpc ? { rpc_base: rpc.url, token: rpc.token } : {}),
      ...(options.storeKey ? { storeKey: options.storeKey } : {}),
    };
    const response = await handler(event);
    return response.results as T;
  };
}
