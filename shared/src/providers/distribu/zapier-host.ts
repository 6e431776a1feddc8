// Distribu as its Zapier app takes it: the host data every host reads (host.ts), plus what only the Zapier app reads,
// kept here so that Distribu's n8n and MCP packages carry none of it: the key scopes its connection names and proves,
// the webhook's health and count, the actions' words and search rules, Fetch Full and the test step's real records.
import type { HostProvider } from '../../kit/host';
import { getEvent } from '../../runtime/catalog';
import type { DistribuClient } from '../../runtime/client';
import type { RuntimeOperation } from '../../runtime/operation-types';
import type { RuntimeEvent } from '../../runtime/types';
import { distribuHost } from './host';
import { distribuKeyScopes } from './key-scopes';
import { distribuSamples } from './samples';
import { distribuHookHealth } from './subscription';
import { distribuZapierActions } from './zapier';

const subscription = distribuHost.subscription;
if (subscription.mode !== 'api') throw new Error("Distribu's webhooks are managed over its API.");

export const distribuZapierHost: HostProvider<RuntimeEvent, RuntimeOperation, DistribuClient> = {
  ...distribuHost,
  api: { ...distribuHost.api!, keyScopes: distribuKeyScopes },
  subscription: {
    ...subscription,
    inUse: async (client) => (await client.listWebhooks()).length,
    // The webhook's record shows a rotation only until its grace ends, so a host that learns one remembers it.
    health: async (client, id) => distribuHookHealth(await client.getWebhook(id)),
  },
  zapierActions: distribuZapierActions,
  // Fetch Full <Noun>: where the event's resource is a REST record the key may read.
  fullRecord: (event) => (event.recordPath && event.idKey && event.recordScope ? { scope: event.recordScope } : undefined),
  samples: (client, event, limit, options) => distribuSamples(client, getEvent(event), limit, options),
};
