// Distribu as the hosts take it (shared/src/kit/host.ts): the names its users already have, its
// generated catalogs, its API and subscription. The hosts' factories take this one object; what only its Zapier app
// reads is added in zapier-host.ts (so the n8n and MCP packages carry none of it).
import type { HostProvider } from '../../kit/host';
import { events, getEvent } from '../../runtime/catalog';
import { API_PREFIX, apiBaseUrl, DEFAULT_BASE_URL, DistribuClient } from '../../runtime/client';
import { DistribuApiError, DistribuNetworkError, networkErrorFrom, timeoutAfter } from '../../runtime/errors';
import { distribuOperationRules, operations } from '../../runtime/operations';
import type { RuntimeOperation } from '../../runtime/operation-types';
import { pollableEvents } from '../../runtime/polling';
import { fetchFullRecord } from '../../runtime/records';
import { verifyDelivery } from '../../runtime/signature';
import type { RuntimeEvent } from '../../runtime/types';
import { distribu } from './provider';
import { distribuGraceEnd, distribuSubscriptionApi, repairDistribuHook } from './subscription';
import { DISTRIBU_WEBHOOK_CAP } from './voice';

/** The package's README, its npm listing's page. */
const DOCS_URL = 'https://github.com/distribu/distribu-connectors/tree/main/n8n-node';

export const distribuHost: HostProvider<RuntimeEvent, RuntimeOperation, DistribuClient> = {
  provider: distribu,
  verify: verifyDelivery,
  names: {
    displayName: 'Distribu',
    n8n: {
      packageName: 'n8n-nodes-distribu',
      nodes: {
        trigger: { name: 'distribuTrigger', className: 'DistribuTrigger' },
        pollTrigger: { name: 'distribuPollTrigger', className: 'DistribuPollTrigger' },
        action: { name: 'distribu', className: 'Distribu' },
      },
      credential: { name: 'distribuApi', className: 'DistribuApi', displayName: 'Distribu API' },
      icons: { light: 'distribu.svg', dark: 'distribu.dark.svg' },
      // n8n-node/package.json and the codex files are written from these by `npm run generate` (scripts/n8n-packages.ts).
      listing: {
        description:
          "n8n community nodes for Distribu: an action node for orders, customers, products and reports (usable as an AI tool), a trigger for Distribu's twelve webhook events with signed-delivery verification, and a polling trigger that needs no public URL.",
        keywords: ['distribu', 'webhook', 'trigger', 'b2b', 'orders', 'wholesale'],
        docsUrl: DOCS_URL,
        homepage: `${DOCS_URL}#readme`,
        categories: ['Sales'],
        alias: ['Orders', 'B2B', 'Wholesale', 'Webhook', 'Customers', 'Products', 'Returns'],
        nodes: {
          action: { alias: ['Orders', 'B2B', 'Wholesale', 'Customers', 'Products', 'Inventory', 'Reports', 'Shipping', 'Tracking'], credentialDocsUrl: DOCS_URL },
          pollTrigger: { alias: ['Orders', 'B2B', 'Wholesale', 'Polling', 'Customers', 'Products', 'Low stock'], credentialDocsUrl: DOCS_URL },
        },
      },
    },
    mcp: { packageName: '@distribu/mcp-server', bin: 'distribu-mcp' },
  },
  events,
  operations,
  api: {
    baseUrl: { default: DEFAULT_BASE_URL, prefix: API_PREFIX, toRoot: apiBaseUrl },
    auth: distribu.auth,
    pagination: 'cursor',
    connect: (transport) => new DistribuClient(transport),
    // Lists webhooks: proves the key works and has webhooks:read, and changes nothing.
    probe: { method: 'GET', path: '/webhooks' },
    networkError: (error) => (error instanceof DistribuNetworkError ? error : networkErrorFrom(error)),
    timedOut: (ms, message) => (message ? new DistribuNetworkError('timeout', message, ms) : timeoutAfter(ms)),
    isCap: (error) => error instanceof DistribuApiError && error.isWebhookCap,
  },
  subscription: {
    mode: 'api',
    cap: DISTRIBU_WEBHOOK_CAP,
    over: distribuSubscriptionApi,
    // A webhook changed in Distribu's dashboard (URL, events, disabled) is PATCHed back: same id, same secret.
    repair: repairDistribuHook,
    repairsUrl: true,
    // A secret rotated in the dashboard is never shown over the API: n8n replaces the webhook within the grace window.
    rotation: { graceEnd: distribuGraceEnd },
  },
  rules: distribuOperationRules,
  pollable: pollableEvents(events),
  eventOf: getEvent,
  async hydrate(client, item, log, options) {
    const lazy = { get: async (path: string, id: string) => (await client()).get(path, id) };
    const outcome = await fetchFullRecord(lazy, getEvent(item.event), item, { log });
    if (outcome.authFailed && options?.refusedKey === 'throw') throw new DistribuApiError({ status: 401 }, String(outcome.item.fullRecordError));
    return outcome.item;
  },
};
