import { startSandbox, type Sandbox, type SandboxOptions } from '../../../sandbox/src';
import { startCatcher, type Catcher } from '../../../scripts/catcher';
import { call, client, type Answer } from './http';

export interface SandboxSuite {
  sb: Sandbox;
  catcher: Catcher;
  /** The REST API with the sandbox's full-scope key: `api('GET', '/api/v1/orders')`. */
  api: ReturnType<typeof client>;
  /** The sandbox's controls: `control('POST', '/reset', {})` is `POST /_sandbox/reset`. */
  control: (method: string, path: string, body?: unknown) => Promise<Answer>;
}

/**
 * A seeded sandbox on a loopback port and a catcher, shared by one test file: started before its
 * tests and closed after them. Each test starts with an empty catcher and, unless `reset` is
 * false, a freshly seeded company.
 */
export function sandboxSuite(options: SandboxOptions & { reset?: boolean } = {}): SandboxSuite {
  const { reset = true, ...sandboxOptions } = options;
  const suite = {
    api: (...args: Parameters<ReturnType<typeof client>>) => client(suite.sb.url, suite.sb.apiKey)(...args),
    control: (method: string, path: string, body?: unknown) => call(suite.sb.url, method, `/_sandbox${path}`, { body }),
  } as SandboxSuite;
  beforeAll(async () => {
    [suite.sb, suite.catcher] = await Promise.all([startSandbox({ port: 0, seed: true, ...sandboxOptions }), startCatcher()]);
  });
  afterAll(async () => {
    await suite.sb?.close();
    await suite.catcher?.close();
  });
  beforeEach(async () => {
    if (reset) await suite.control('POST', '/reset', {});
    suite.catcher.clear();
  });
  return suite;
}
