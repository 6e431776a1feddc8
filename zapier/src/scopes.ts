// The API key scopes the app needs, derived from the two catalogs (the events behind the triggers,
// the operations behind the actions and searches), so the connection help, the connection test and
// zapier/README.md cannot drift from what the app calls. Distribu fixes a key's scopes when the key
// is created: a user who grants too few must make a new key and reconnect.
import { events, operations, type RuntimeEvent, type RuntimeOperation } from '@distribu/shared/runtime';
import { distribuHost } from '@distribu/shared/providers/distribu';
import { offeredOf } from './provider/actions';

const { creates: zapierCreates, searches: zapierSearches } = offeredOf(distribuHost);

/** Turning a Zap on and off registers and removes its webhook. */
export const WEBHOOKS_WRITE = 'webhooks:write';
/** A delivery that fails verification makes the app ask Distribu about the Zap's webhook. */
export const WEBHOOKS_READ = 'webhooks:read';

export interface ScopeNeed {
  kind: 'trigger' | 'action' | 'search' | 'search or create';
  key: string;
  label: string;
  /** Every scope it needs, in SCOPE_ORDER. */
  scopes: string[];
}

const RESOURCE_ORDER = ['webhooks', 'orders', 'customers', 'products', 'reports'];

/** `webhooks:read` before `webhooks:write` before `orders:read`…: the order the help lists them in. */
function rank(scope: string): number {
  const [resource = '', access = ''] = scope.split(':');
  const at = RESOURCE_ORDER.indexOf(resource);
  return (at === -1 ? RESOURCE_ORDER.length : at) * 2 + (access === 'write' ? 1 : 0);
}

const sorted = (scopes: Iterable<string>) => [...new Set(scopes)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));

/** The scope that reads one record kind (`customer` → the catalog's Get Customer scope). */
export function readScopeOf(resource: string): string {
  const read = operations.find((op) => op.resource === resource && op.kind === 'get');
  if (!read) throw new Error(`The operation catalog has no read of ${resource} records.`);
  return read.scope;
}

/** Record kinds an operation's inputs pick from a dropdown (line items included). */
function pickedResources(inputs: RuntimeOperation['inputs']): string[] {
  return inputs.flatMap((input) => [...(input.picker ? [input.picker.resource] : []), ...pickedResources(input.items ?? [])]);
}

/** What one Zapier action or search calls: its own call, its dropdowns, and for orders the customer's name. */
export function operationScopes(op: RuntimeOperation): string[] {
  const scopes = [op.scope, ...(op.extraScopes ?? []), ...pickedResources(op.inputs).map(readScopeOf)];
  // Update Order Status reads the order when Distribu refuses a change, to name the changes it allows.
  if (op.resource === 'order') scopes.push(readScopeOf('order'), readScopeOf('customer')); // Customer Name in every order output
  return sorted(scopes);
}

/** What one trigger calls: its webhook, and the record behind the event (test step, Fetch Full). */
export function triggerScopes(event: RuntimeEvent): string[] {
  return sorted([WEBHOOKS_READ, WEBHOOKS_WRITE, ...(event.recordScope ? [event.recordScope] : []), ...(event.list ? [event.list.scope] : [])]);
}

/** Every trigger, action and search with the scopes it needs. */
export function scopeNeeds(): ScopeNeed[] {
  const search = (key: string) => zapierSearches.find((op) => op.zapierKey === key)!;
  const create = (key: string) => zapierCreates.find((op) => op.zapierKey === key)!;
  return [
    ...events.map((event) => ({ kind: 'trigger' as const, key: event.key, label: event.label, scopes: triggerScopes(event) })),
    ...zapierCreates.map((op) => ({ kind: 'action' as const, key: op.zapierKey!, label: op.label, scopes: operationScopes(op) })),
    ...zapierSearches.map((op) => ({ kind: 'search' as const, key: op.zapierKey!, label: op.label, scopes: operationScopes(op) })),
    ...(distribuHost.zapierActions?.searchOrCreates ?? []).map((pair) => ({
      kind: 'search or create' as const,
      key: pair.search,
      label: pair.label,
      scopes: sorted([...operationScopes(search(pair.search)), ...operationScopes(create(pair.create))]),
    })),
  ];
}

/** The scopes a key needs for everything the app offers: the union of scopeNeeds(). */
export function requiredScopes(): string[] {
  return sorted(scopeNeeds().flatMap((need) => need.scopes));
}
