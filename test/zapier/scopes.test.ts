// The scopes the connection help names and the connection test checks are exactly the union of
// what the two catalogs declare for what the Zapier app offers: the events' record scopes (test
// step, Fetch Full), the webhook calls every trigger makes, and the offered operations' scopes
// with the read scopes of their dropdowns. Computed here from the catalogs on their own.
import { events, operations } from '@distribu/shared/runtime';
import { App } from './support/app-tester';
import { scopesOf } from '../../zapier/src/provider/scopes';
import { distribuZapierHost } from '@distribu/shared/providers/distribu/zapier';

const { operationScopes, required: requiredScopes, needs: scopeNeeds } = scopesOf(distribuZapierHost);

const scopeProbe = distribuZapierHost.api!.keyScopes!.probe;

const offered = operations.filter((op) => op.zapierKey);
const pickerScopes = (inputs: (typeof operations)[number]['inputs']): string[] =>
  inputs.flatMap((i) => [...(i.picker ? [operations.find((op) => op.resource === i.picker!.resource && op.kind === 'get')!.scope] : []), ...pickerScopes(i.items ?? [])]);

test('the scopes list equals the union the catalogs declare', () => {
  const union = new Set<string>(['webhooks:read', 'webhooks:write']);
  for (const event of events) {
    if (event.recordScope) union.add(event.recordScope);
    if (event.list) union.add(event.list.scope);
  }
  for (const op of offered) for (const scope of [op.scope, ...(op.extraScopes ?? []), ...pickerScopes(op.inputs)]) union.add(scope);
  expect([...requiredScopes()].sort()).toEqual([...union].sort());
  expect(requiredScopes()).toEqual(['webhooks:read', 'webhooks:write', 'orders:read', 'orders:write', 'customers:read', 'customers:write', 'products:read']);
});

test('the connection help names exactly those scopes, in that order', () => {
  const help = (App.authentication!.fields as any[]).find((f) => f.key === 'apiKey').helpText as string;
  expect([...help.matchAll(/`([a-z]+:[a-z]+)`/g)].map((m) => m[1])).toEqual(requiredScopes());
});

test('every trigger, action, search and Find or Create is listed with its own scopes', () => {
  const needs = scopeNeeds();
  const triggerKeys = Object.entries(App.triggers as Record<string, any>).filter(([, t]) => !t.display.hidden).map(([k]) => k);
  expect(needs.filter((n) => n.kind === 'trigger').map((n) => n.key).sort()).toEqual(triggerKeys.sort());
  expect(needs.filter((n) => n.kind === 'action').map((n) => n.key).sort()).toEqual(Object.keys(App.creates!).sort());
  expect(needs.filter((n) => n.kind === 'search').map((n) => n.key).sort()).toEqual(Object.keys(App.searches!).sort());
  expect(needs.filter((n) => n.kind === 'search or create').map((n) => n.key)).toEqual(Object.keys(App.searchOrCreates!));
  for (const op of offered) expect(operationScopes(op)).toContain(op.scope);
  // Create Order picks a customer and products: their read scopes come with it.
  expect(needs.find((n) => n.key === 'create_order')!.scopes).toEqual(['orders:read', 'orders:write', 'customers:read', 'products:read']);
});

test('each probe of the connection test reads, or writes to a record that cannot exist', () => {
  for (const scope of requiredScopes()) {
    const probe = scopeProbe(scope);
    if (scope.endsWith(':read')) expect(probe.method).toBe('GET');
    else expect(probe).toMatchObject({ method: 'PATCH', path: expect.stringMatching(/\/zapier-connection-test-no-such-record$/), body: {} });
  }
});
