// A Zapier app for any provider, from its host data (shared/src/kit/host.ts): its connection (an API key, or OAuth2
// client credentials as session auth: provider/connection.ts, with its middleware: provider/middleware.ts), its
// triggers, its searches by code (provider/searches.ts, run by the host's `perform`), and, for a provider whose catalog
// gives operations Zapier keys, its creates (provider/actions.ts), catalog searches and Find or Create pairings
// (provider/finds.ts) and the hidden dropdown triggers of their record pickers (provider/dropdowns.ts), worded and
// matched as its `zapierActions` say. The triggers: REST hooks over a webhook API (one per event, or "New Event" with an
// event-type choice plus the named ones: provider/hooks.ts); for a provider whose webhook URL is pasted by hand,
// polling triggers over its read API (provider/polls.ts), since public Zapier apps may not ship paste-the-URL triggers.
// Every provider's app is this one, Distribu's (zapier/src/index.ts) included.
import type { HostEvent, HostProvider, RestClient, RuntimeOperation } from '@distribu/shared/kit';
import { authenticationOf } from './provider/connection';
import { includeApiKey, throwProviderErrors } from './provider/middleware';
import { anyEventTrigger, ANY_EVENT_KEY, eventTrigger } from './provider/hooks';
import { pollingTrigger, zapierPollable } from './provider/polls';
import { createsOf } from './provider/actions';
import { dropdownTriggersOf } from './provider/dropdowns';
import { catalogSearchesOf, searchOrCreatesOf } from './provider/finds';
import { performSearchesOf } from './provider/searches';
import type { ActionHost } from './provider/steps';

export { ANY_EVENT_KEY, createsOf, dropdownTriggersOf, searchOrCreatesOf };

/** The provider's searches: those by code through its `perform`, and those of its catalog's Zapier keys. */
export function searchesOf(host: ActionHost) {
  return { ...performSearchesOf(host), ...catalogSearchesOf(host) };
}

export type HookTrigger = ReturnType<typeof eventTrigger>;
export type PollingTrigger = ReturnType<typeof pollingTrigger>;
type Trigger = HookTrigger | PollingTrigger;

/** The provider's REST-hook triggers. */
export function hookTriggersOf(host: HostProvider) {
  const triggers: Record<string, HookTrigger> = {};
  const chosen = host.zapierTriggers;
  const events = chosen ? host.events.filter((e) => chosen.named.includes(e.name)) : host.events;
  if (chosen?.anyEvent) triggers[ANY_EVENT_KEY] = anyEventTrigger(host);
  for (const event of events) triggers[event.key] = eventTrigger(host, event);
  return triggers;
}

function triggersOf(host: HostProvider) {
  if (host.subscription.mode === 'api') return hookTriggersOf(host);
  const triggers: Record<string, Trigger> = {};
  for (const event of host.pollable) triggers[event.key] = pollingTrigger(host, event);
  return triggers;
}

/** Whether makeApp can make the provider's app: REST hooks over its webhook API, or polls of its read API. */
export const zapierAppable = (host: HostProvider) => (!!host.api && host.subscription.mode === 'api') || zapierPollable(host);

/** The Zapier app definition of a provider with a webhook API, or a read API it polls (newest first). */
export function makeApp(host: HostProvider<HostEvent, RuntimeOperation, RestClient>, version: string, platformVersion: string) {
  if (!zapierAppable(host)) {
    throw new Error(`${host.names.displayName}: a Zapier app needs REST hooks or a read API to poll (public Zapier apps may not ship paste-the-URL triggers).`);
  }
  // A provider without actions or pairings gets no such key (its app definition stays as Zapier validates it).
  const creates = createsOf(host);
  const searchOrCreates = searchOrCreatesOf(host);
  return {
    version,
    platformVersion,
    authentication: authenticationOf(host),
    beforeRequest: [includeApiKey(host)],
    afterResponse: [throwProviderErrors(host)],
    // Let afterResponse see 429s, so users get the provider's retry delay in its words (core 19 otherwise throws first).
    flags: { throwForThrottlingEarly: false },
    triggers: { ...triggersOf(host), ...dropdownTriggersOf(host) },
    ...(Object.keys(creates).length > 0 ? { creates } : {}),
    searches: searchesOf(host),
    ...(Object.keys(searchOrCreates).length > 0 ? { searchOrCreates } : {}),
  };
}
