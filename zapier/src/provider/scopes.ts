// The API key scopes a provider's app needs (a provider whose keys carry scopes: `api.keyScopes`), derived from its
// two catalogs: the events behind the triggers, the operations behind the actions and searches. So the connection
// help, the connection test and the app's README cannot drift from what the app calls. A key's scopes are fixed
// when it is created: a user who granted too few must make a new key and reconnect.
import type { HostEvent, HostProvider, KeyScopes, RestClient, RuntimeEvent, RuntimeOperation } from '@distribu/shared/kit';
import { offeredOf } from './offered';

export interface ScopeNeed {
  kind: 'trigger' | 'action' | 'search' | 'search or create';
  key: string;
  label: string;
  /** Every scope it needs, in the provider's order. */
  scopes: string[];
}

type Host = HostProvider<HostEvent, RuntimeOperation, RestClient>;

/** Record kinds an operation's inputs pick from a dropdown (line items included). */
function pickedResources(inputs: RuntimeOperation['inputs']): string[] {
  return inputs.flatMap((input) => [...(input.picker ? [input.picker.resource] : []), ...pickedResources(input.items ?? [])]);
}

/** The scopes of a provider with scoped keys, over its catalogs. */
export function scopesOf(host: Host) {
  const spec: KeyScopes = host.api!.keyScopes!;
  /** `webhooks:read` before `webhooks:write` before `orders:read`…: the order the help lists them in. */
  const rank = (scope: string) => {
    const [resource = '', access = ''] = scope.split(':');
    const at = spec.resourceOrder.indexOf(resource);
    return (at === -1 ? spec.resourceOrder.length : at) * 2 + (access === 'write' ? 1 : 0);
  };
  const sorted = (scopes: Iterable<string>) => [...new Set(scopes)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));

  /** The scope that reads one record kind (`customer` → the catalog's read of one customer). */
  const readScopeOf = (resource: string) => {
    const read = host.operations.find((op) => op.resource === resource && op.kind === 'get');
    if (!read) throw new Error(`${host.names.displayName}'s operation catalog has no read of ${resource} records.`);
    return read.scope;
  };

  /** What one action or search calls: its own call, its dropdowns, and the records it also reads. */
  const operationScopes = (op: RuntimeOperation) =>
    sorted([op.scope, ...(op.extraScopes ?? []), ...[...pickedResources(op.inputs), ...(spec.alsoReads?.(op) ?? [])].map(readScopeOf)]);

  /** What one trigger calls: its webhook, and the record behind the event (test step, Fetch Full). */
  const triggerScopes = (event: HostEvent) => {
    const { recordScope, list } = event as Partial<RuntimeEvent>;
    return sorted([spec.webhooks.read, spec.webhooks.write, ...(recordScope ? [recordScope] : []), ...(list ? [list.scope] : [])]);
  };

  /** Every trigger, action, search and search-or-create with the scopes it needs. */
  const needs = (): ScopeNeed[] => {
    const { creates, searches } = offeredOf(host);
    const byKey = (key: string) => [...creates, ...searches].find((op) => op.zapierKey === key)!;
    return [
      ...host.events.map((event) => ({ kind: 'trigger' as const, key: event.key, label: event.label, scopes: triggerScopes(event) })),
      ...creates.map((op) => ({ kind: 'action' as const, key: op.zapierKey!, label: op.label, scopes: operationScopes(op) })),
      ...searches.map((op) => ({ kind: 'search' as const, key: op.zapierKey!, label: op.label, scopes: operationScopes(op) })),
      ...(host.zapierActions?.searchOrCreates ?? []).map((pair) => ({
        kind: 'search or create' as const,
        key: pair.search,
        label: pair.label,
        scopes: sorted([...operationScopes(byKey(pair.search)), ...operationScopes(byKey(pair.create))]),
      })),
    ];
  };

  /** The scopes a key needs for everything the app offers: the union of needs(). */
  const required = () => sorted(needs().flatMap((need) => need.scopes));

  /** `"orders:write" (Create Order, Update Order Status)`: what stops working without a scope. */
  const whatNeeds = (scope: string) => {
    const all = needs();
    const users = all.filter((need) => need.scopes.includes(scope));
    const triggers = users.filter((u) => u.kind === 'trigger');
    const others = users.filter((u) => u.kind !== 'trigger').map((u) => u.label);
    const names = [...(triggers.length === all.filter((n) => n.kind === 'trigger').length ? ['every trigger'] : triggers.map((u) => u.label)), ...others];
    return `"${scope}" (${names.join(', ')})`;
  };

  return { spec, operationScopes, triggerScopes, needs, required, whatNeeds, readScopeOf };
}
