// dist0 as the hosts take it (shared/src/kit/host.ts): the names of its n8n package, its one event, its
// read API (the key is tested with GET /capabilities), and the manual subscription: the user pastes the
// trigger's Production URL under Settings → "Send new signals to your URL" and its signing secret into
// the credential. `@distribu/shared/providers/dist0` resolves to this file, so it also re-exports the
// provider's zod-free parts (the n8n package bundles it: no zod); the zod catalogs are
// `@distribu/shared/providers/dist0/catalog`.
import { NetworkError } from '../../kit/api/errors';
import type { HostEvent, HostProvider } from '../../kit/host';
import type { RuntimeOperation } from '../../kit/catalog';
import { operations as generatedOperations } from '../../../generated/dist0-operations.json';
import { DIST0_BASE_URL, DIST0_PLACES } from './assumed-api';
import { Dist0Client } from './client';
import { DOCUMENTED_BODY, KIND_LABELS, SIGNAL_EVENT, SIGNAL_KINDS } from './signal';
import { verifyDist0 } from './inbound';
import { dist0 } from './provider';
import { dist0ApiShape } from './voice';
import { runDist0Operation } from './run';
import { dist0PollEvents, dist0Poller } from './poll';

export * from './assumed-api';
export * from './capabilities';
export * from './client';
export * from './inbound';
export * from './provider';
export * from './scheme';
export * from './signal';
export * from './voice';
export * from './run';
export * from './poll';

/** dist0's capabilities as runtime operations (generated from operations.ts by `npm run generate`). */
export const dist0RuntimeOps: readonly RuntimeOperation[] = generatedOperations as unknown as RuntimeOperation[];

/** The webhook's one event, with the item the trigger emits for the docs' body as its sample. */
export const dist0HostEvents: HostEvent[] = [
  {
    name: SIGNAL_EVENT.event,
    key: 'new_signal',
    resource: 'signal',
    label: SIGNAL_EVENT.label,
    description: SIGNAL_EVENT.description,
    idKey: null,
    discriminator: null,
    derive: null,
    sample: {
      id: DOCUMENTED_BODY.signal.id,
      event: 'signal.created',
      timestamp: '2026-07-03T12:00:00.000Z',
      kind: DOCUMENTED_BODY.signal.kind,
      projectId: DOCUMENTED_BODY.project_id,
      deliveryId: 'dlv_5b1e',
      dedupeKey: DOCUMENTED_BODY.signal.id,
      signal: DOCUMENTED_BODY.signal,
      post: DOCUMENTED_BODY.post,
    },
  },
];

export const dist0Host: HostProvider<HostEvent, RuntimeOperation, Dist0Client> = {
  provider: dist0,
  verify: verifyDist0,
  names: {
    displayName: 'dist0',
    n8n: {
      packageName: 'n8n-nodes-dist0',
      nodes: {
        trigger: { name: 'dist0Trigger', className: 'Dist0Trigger' },
        pollTrigger: { name: 'dist0PollTrigger', className: 'Dist0PollTrigger' },
        action: { name: 'dist0', className: 'Dist0' },
      },
      credential: { name: 'dist0Api', className: 'Dist0Api', displayName: 'Dist0 API' },
      icons: { light: 'dist0.svg', dark: 'dist0.dark.svg' },
      listing: {
        description: 'n8n community nodes for dist0: each new buyer pain or competitor mention, verified and run once.',
        keywords: ['dist0', 'signals', 'buyer pains', 'competitor mentions', 'webhook'],
        docsUrl: 'https://dist0.com',
        categories: ['Marketing', 'Sales'],
        alias: ['signals', 'pains', 'competitors', 'leads'],
      },
    },
    mcp: { packageName: 'dist0-mcp', bin: 'dist0-mcp' },
  },
  events: dist0HostEvents,
  operations: dist0RuntimeOps,
  perform: runDist0Operation,
  api: {
    baseUrl: { default: DIST0_BASE_URL, prefix: '/api/v1', toRoot: (typed) => `${(typed?.trim() || DIST0_BASE_URL).replace(/\/+$/, '').replace(/\/api\/v1$/, '')}/api/v1` },
    auth: dist0.auth,
    pagination: 'none',
    connect: (transport) => new Dist0Client(transport),
    // Lists what the key may call: proves the key and changes nothing.
    probe: { method: 'GET', path: '/capabilities' },
    networkError: (error) => (error instanceof NetworkError ? error : (dist0ApiShape.networkError(error) as NetworkError)),
    // dist0 has no webhook API, so no cap.
    isCap: () => false,
    // dist0 answers 403 to a missing, unknown or cancelled key (its docs: not 401).
    keyRefused: (status) => status === 403 || status === 401,
    // The project(s) the key reads name the connection (a key tied to one project: its name).
    async label(client) {
      const names = (await client.page<{ name: string }>('project.list', { pageSize: 5 })).items.map((project) => project.name);
      return names.length === 1 ? names[0]! : `${names.length} projects: ${names.join(', ')}`;
    },
  },
  subscription: { mode: 'manual', where: `${DIST0_PLACES.webhooks} (the URL must start with https://)`, secretField: 'signingSecret' },
  // dist0's read API lists no signals (docs/dist0.md): the polling trigger watches new pains.
  pollable: dist0PollEvents,
  poller: dist0Poller,
  eventOf: (name) => dist0HostEvents.find((event) => event.name === name),
  // The keys of the searches its first Zapier app shipped (`pains.get` → `pains_get`).
  zapierSearchKey: (operationKey) => operationKey.replace('.', '_'),
  // The kind is the signed body's `signal.kind` (the item's `kind`), never the unsigned X-Dist0-Signal-Kind header.
  itemFilters: [
    {
      name: 'kinds',
      displayName: 'Kinds',
      description: 'Which signals start this workflow; the others are answered 200 and start nothing',
      itemKey: 'kind',
      options: SIGNAL_KINDS.map((kind) => ({ name: KIND_LABELS[kind], value: kind })),
    },
  ],
};
