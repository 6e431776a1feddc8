import { DistribuClient, getOperation, runOperation, type ApiRequest, type RunOptions, type RuntimeOperation } from '@distribu/shared/runtime';
import { startSandbox, type Sandbox } from '../../../sandbox/src';
import { call } from '../../sandbox/support/http';
import { fetchTransport } from '../../shared/support/sandbox-client';

/** A seeded sandbox in this process, and clients that record every request they send. */
export interface OpsWorld {
  sb: Sandbox;
  /** Every request the full-scope client sent, in order (cleared with `requests.length = 0`). */
  requests: ApiRequest[];
  client: DistribuClient;
  /** A client with a new key holding only these scopes; it records into `requests` too. */
  clientWith(scopes: string[]): Promise<DistribuClient>;
  /** Runs `key` (`order.create`) with the full-scope client. */
  run(key: string, params: Record<string, unknown>, options?: RunOptions): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export function op(key: string): RuntimeOperation {
  const found = getOperation(key);
  if (!found) throw new Error(`no operation ${key}`);
  return found;
}

export async function startOpsWorld(): Promise<OpsWorld> {
  const sb = await startSandbox({ port: 0, seed: true });
  const requests: ApiRequest[] = [];
  const recording = (key: string) => {
    const transport = fetchTransport(sb.url, key);
    return new DistribuClient(async (request) => {
      requests.push(structuredClone(request));
      return transport(request);
    });
  };
  const client = recording(sb.apiKey);
  return {
    sb,
    requests,
    client,
    async clientWith(scopes) {
      const made = await call(sb.url, 'POST', '/_sandbox/api-keys', { body: { scopes } });
      if (made.status !== 201) throw new Error(`could not make a key: ${JSON.stringify(made.body)}`);
      return recording(made.body.key as string);
    },
    run: (key, params, options) => runOperation(client, op(key), params, options),
    close: () => sb.close(),
  };
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the operation to fail');
}
