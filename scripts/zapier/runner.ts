import * as zapier from 'zapier-platform-core';

/**
 * Runs an app's methods the way `zapier-platform invoke` does locally: through core's public
 * createAppHandler, with `calledFromCli` (createAppTester is for test runners and, outside them,
 * prints a memory line per call). Methods are addressed by path, as Zapier does at run time.
 */
export function zapierRunner(app: object) {
  const handler = (zapier as unknown as { createAppHandler(app: object): (event: object) => Promise<{ results: unknown }> }).createAppHandler(app);
  return async <T>(method: string, bundle: object): Promise<T> => {
    const response = await handler({ command: 'execute', method, bundle, calledFromCli: true });
    return response.results as T;
  };
}
