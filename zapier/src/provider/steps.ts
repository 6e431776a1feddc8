// How a create, search or dropdown step reaches the provider: its client for the step's connection, the wording of
// its failures as Zapier errors, and the runner of one catalog operation (the host's `perform`, else the kit's REST
// executor with the provider's rules: the same runner as its n8n action node and MCP tools).
import type { Bundle, ZObject } from 'zapier-platform-core';
import { runOperationWith, type ApiRecord, type HostEvent, type HostProvider, type HostRunOptions, type OperationClient, type RestClient, type RuntimeOperation } from '@distribu/shared/kit';
import { clientOf } from './connection';
import { stepErrorOf } from './errors';

/** What the steps call: one request, cursor pages, and one record by its id. */
export type StepClient = RestClient & OperationClient & { get(path: string, id: string): Promise<ApiRecord> };

export type ActionHost = HostProvider<HostEvent, RuntimeOperation, RestClient>;

export interface Steps {
  client(z: ZObject, bundle: Bundle): StepClient;
  /** Runs a step's calls and rethrows their failures as Zapier errors in the provider's words. */
  words<T>(z: ZObject, bundle: Bundle, call: () => Promise<T>): Promise<T>;
}

/** The provider's client over the connection (provider/connection.ts), its failures as errors.ts words them. */
export function stepsOf(host: ActionHost): Steps {
  return {
    client: (z, bundle) => clientOf(z, host, bundle) as StepClient,
    words: async (z, _bundle, call) => {
      try {
        return await call();
      } catch (error) {
        throw stepErrorOf(z, host, error);
      }
    },
  };
}

/** Runs one operation: checks, the call(s), no retries; a create that fails without a clear answer says so. */
export function runStep(host: ActionHost, client: StepClient, op: RuntimeOperation, params: Record<string, unknown>, options: HostRunOptions = {}): Promise<Record<string, unknown>[]> {
  if (host.perform) return host.perform(client, op, params, options);
  if (!host.rules) throw new Error(`${host.names.displayName}: Zapier's actions need host.perform or the REST executor's rules.`);
  return runOperationWith(host.rules, client, op, params, options);
}
