// Which catalog operations a provider's Zapier app offers: every operation with a Zapier key is a create (it changes
// something) or a search (it reads), for a provider that says how in its `zapierActions`.
import type { HostEvent, HostProvider, RestClient, RuntimeOperation } from '@distribu/shared/kit';

const READS = new Set<RuntimeOperation['kind']>(['get', 'getMany']);
const WRITES = new Set<RuntimeOperation['kind']>(['create', 'update']);

/** The operations Zapier offers as creates and as searches, in catalog order. */
export function offeredOf(host: HostProvider<HostEvent, RuntimeOperation, RestClient>): { creates: RuntimeOperation[]; searches: RuntimeOperation[] } {
  const keyed = host.zapierActions ? host.operations.filter((op) => op.zapierKey) : [];
  return { creates: keyed.filter((op) => WRITES.has(op.kind)), searches: keyed.filter((op) => READS.has(op.kind)) };
}
