// Orisha Commerce as the hosts take it (shared/src/kit/host.ts): names, its events and read operations,
// its API (client credentials, the administration from the connection), the management endpoint with
// its cap of 3, and Fetch Full Record by code.
import type { HostEvent, HostProvider } from '../../kit/host';
import type { RuntimeOperation } from '../../kit/catalog';
import { NetworkError } from '../../kit/api/errors';
import { ORISHA_API_PREFIX } from './assumed-api';
import { ORISHA_API, OrishaApiError, OrishaClient } from './client';
import { orishaEvents, type OrishaEvent } from './events';
import { orishaSamples, ORISHA_RECORD_SAMPLES } from './samples';
import { orishaRuntimeOperation, performOrisha } from './run';
import { hydrateOrisha } from './hydrate';
import { judgeLateOrisha, ORISHA_LATE_DESCRIPTION } from './late';
import { isOwnChange, verifyOrisha } from './normalize';
import { orisha } from './provider';
import { orishaReads } from './reads';
import { checkAndRepair, disabledNote, OrishaCapError, orishaSubscriptionApi } from './subscription';
import { ORISHA_WEBHOOK_CAP } from './voice';

export type OrishaHostEvent = OrishaEvent & HostEvent;

const events: OrishaHostEvent[] = orishaEvents.map((e) => ({
  ...e,
  key: e.name.replace(/\./g, '_'),
  // As the trigger emits it: Fetch Full Record is on by default (a deletion keeps its codes only).
  sample: {
    id: '6f1c2a9e-7d4b-4c1e-9a0f-2b3c4d5e6f70',
    event: e.name,
    timestamp: '',
    ...e.sample,
    administrationCode: 'ADM01',
    triggeredById: 'client_1a2b3c',
    ...(e.hydrate ? { record: ORISHA_RECORD_SAMPLES[e.resource], recordStatus: 'fetched' } : {}),
  },
}));

// Its reads as runtime operations: the action node, the Zapier searches and the MCP tools run them by `perform`.
const operations: RuntimeOperation[] = orishaReads.map(orishaRuntimeOperation);

/** Where the credential's base URL leads: the API root, with Orisha's prefix. */
const toRoot = (typed: string | undefined) => `${(typed || DEFAULT_BASE_URL).replace(/\/+$/, '')}${ORISHA_API_PREFIX}`;
/** Ours until Orisha confirms (assumed-api.ts): the credential asks for it. */
const DEFAULT_BASE_URL = 'https://api.orisha-commerce.com';

export const orishaHost: HostProvider<OrishaHostEvent, RuntimeOperation, OrishaClient> = {
  provider: orisha,
  verify: verifyOrisha,
  names: {
    displayName: 'Orisha Commerce',
    n8n: {
      packageName: 'n8n-nodes-orisha-commerce',
      nodes: {
        trigger: { name: 'orishaCommerceTrigger', className: 'OrishaCommerceTrigger' },
        action: { name: 'orishaCommerce', className: 'OrishaCommerce' },
      },
      credential: { name: 'orishaCommerceApi', className: 'OrishaCommerceApi', displayName: 'Orisha Commerce API' },
      icons: { light: 'orisha.svg', dark: 'orisha.dark.svg' },
      listing: {
        description: 'n8n community nodes for Orisha Commerce',
        keywords: ['orisha', 'orisha-commerce', 'b2b', 'commerce'],
        docsUrl: 'https://github.com/distribu/distribu-connectors/tree/main/docs/orisha.md',
        categories: ['Sales'],
        alias: ['Items', 'Customers', 'Price Lists', 'B2B', 'Webhook'],
      },
    },
    mcp: { packageName: 'orisha-commerce-mcp', bin: 'orisha-commerce-mcp' },
  },
  events,
  operations,
  api: {
    baseUrl: { default: DEFAULT_BASE_URL, prefix: ORISHA_API_PREFIX, toRoot },
    auth: orisha.auth,
    pagination: 'none',
    connect: (transport, credentials) => new OrishaClient(transport, typeof credentials?.administrationCode === 'string' ? credentials.administrationCode : ''),
    // Lists the administration's webhooks: proves the token and the administration, changes nothing.
    // The path's administration is filled by the credential test from the credential's field.
    probe: { method: 'GET', path: '/administrations/{{$credentials.administrationCode}}/webhooks' },
    networkError: (error) => (error instanceof NetworkError ? error : (ORISHA_API.networkError(error) as NetworkError)),
    isCap: (error) => error instanceof OrishaCapError || (error instanceof OrishaApiError && error.code === 'webhook_limit_reached'),
  },
  subscription: {
    mode: 'api',
    cap: ORISHA_WEBHOOK_CAP,
    over: (client, label) => orishaSubscriptionApi(client, label),
    // Re-enables an auto-disabled webhook (same id and secret) and says since when events may have been missed.
    repair: (client, ours) => checkAndRepair(client, ours),
    // n8n's default publication service calls delete then create on a republish: the gap is said there.
    disabledNote: (client, ours) => disabledNote(client, ours),
  },
  pollable: [],
  eventOf: (name) => events.find((e) => e.name === name),
  async hydrate(client, item) {
    return hydrateOrisha(await client(), item);
  },
  hydrateByDefault: true,
  // No event time, but the hydrated record's ModifiedAt tells a delivery that was overtaken (late.ts).
  lateDeliveries: { description: ORISHA_LATE_DESCRIPTION, judge: (store, item) => judgeLateOrisha(store, item) },
  perform: performOrisha,
  samples: (client, event, limit) => orishaSamples(client(), event, limit),
  // One "New Event" trigger takes one of the 3 slots for any events; these have triggers of their own too.
  zapierTriggers: { anyEvent: true, named: ['item.created', 'customer.created', 'customer.updated'] },
  // X-TriggeredBy-Id holds the machine identity's client ID for a change made over the API (assumed-api.ts).
  ownChange: (item, credentials) => isOwnChange(item, typeof credentials.clientId === 'string' ? credentials.clientId.trim() : undefined),
};
