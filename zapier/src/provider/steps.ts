// How a create, search or dropdown step reaches the provider: its client for the step's connection (its failures are
// worded by errors.ts's inZapierWords), and the runner of one catalog operation (the host's `perform`, else the kit's REST
// executor with the provider's rules: the same runner as its n8n action node and MCP tools).
import type { Bundle, ZObject } from 'zapier-platform-core';
import { runOperationWith, type ApiRecord, type HostEvent, type HostProvider, type HostRunOptions, type OperationClient, type RestClient, type RuntimeOperation } from '@distribu/shared/kit';
import { clientOf } from './connection';

/** What the steps call: one request, cursor pages, and one record by its id. */
export type StepClient = RestClient & OperationClient & { get(path: string, id: string): Promise<ApiRecord> };

export type ActionHost = HostProvider<HostEvent, RuntimeOperation, RestClient>;

/** The provider's client over the step's connection (provider/connection.ts). */
export const stepClient = (z: ZObject, host: ActionHost, bundle: Bundle): StepClient => clientOf(z, host, bundle) as StepClient;

/** Runs one operation: checks, the call(s), no retries; a create that fails without a clear answer says so. */
export function runStep(host: ActionHost, client: StepClient, op: RuntimeOperation, params: Record<string, unknown>, options: HostRunOptions = {}): Promise<Record<string, unknown>[]> {
  if (host.perform) return host.perform(client, op, params, options);
  if (!host.rules) throw new Error(`${host.names.displayName}: Zapier's actions need host.perform or the REST executor's rules.`);
  return runOperationWith(host.rules, client, op, params, options);
}
