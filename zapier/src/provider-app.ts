// A Zapier app for any provider with a webhook API, from its host data (shared/src/kit/host.ts): its connection
// (an API key, or OAuth2 client credentials as session auth: provider/connection.ts), REST-hook triggers (one per
// event, or "New Event" with an event-type choice plus the named ones: provider/hooks.ts) and searches by code
// (provider/searches.ts, run by the host's `perform`). Distribu's own app (index.ts) predates it and keeps its keys and labels.
import type { HostEvent, HostProvider, RestClient, RuntimeOperation } from '@distribu/shared/kit';
import { authenticationOf } from './provider/connection';
import { anyEventTrigger, ANY_EVENT_KEY, eventTrigger } from './provider/hooks';
import { searchesOf } from './provider/searches';

export { ANY_EVENT_KEY };

function triggersOf(host: HostProvider) {
  const chosen = host.zapierTriggers;
  const events = chosen ? host.events.filter((e) => chosen.named.includes(e.name)) : host.events;
  const triggers: Record<string, ReturnType<typeof eventTrigger>> = {};
  if (chosen?.anyEvent) triggers[ANY_EVENT_KEY] = anyEventTrigger(host);
  for (const event of events) triggers[event.key] = eventTrigger(host, event);
  return triggers;
}

/** The Zapier app definition of a provider with a webhook API (`api` and an `api` subscription). */
export function makeApp(host: HostProvider<HostEvent, RuntimeOperation, RestClient>, version: string, platformVersion: string) {
  if (!host.api || host.subscription.mode !== 'api') {
    throw new Error(`${host.names.displayName}: a Zapier app needs REST hooks (public Zapier apps may not ship paste-the-URL triggers).`);
  }
  return {
    version,
    platformVersion,
    authentication: authenticationOf(host),
    triggers: triggersOf(host),
    searches: searchesOf(host),
  };
}
