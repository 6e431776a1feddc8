// Acme (test/kit/support/acme.ts) as the hosts take it: the HMAC `{timestamp}.{body}` scheme, two events, an
// API; subscribed by hand (acmeHost: the user pastes the trigger's URL and the signing secret) or over its hooks API.
import { createVerifier, NetworkError, type HostEvent, type HostProvider } from '@distribu/shared/kit';
import type { RuntimeOperation } from '@distribu/shared/runtime';
import { ACME_CAP, ACME_EVENTS, acme, AcmeClient, AcmeRefusal, acmeSignedInbound, acmeSubscriptionApi, type AcmeHook } from '../../kit/support/acme';

const events: HostEvent[] = Object.entries(ACME_EVENTS).map(([name, spec]) => ({
  ...spec,
  name,
  key: name.replace('.', '_'),
  label: name === 'thing.made' ? 'Thing Made' : 'Thing Gone',
  description: `When a thing is ${name === 'thing.made' ? 'made' : 'gone'}`,
  sample: { id: 'evt_1', event: name, timestamp: '2026-01-01T00:00:00.000Z', thingId: 't_1' },
}));

/** Acme's API (its hooks API on loopback in the tests). */
const api: HostProvider['api'] = {
  baseUrl: { default: 'http://127.0.0.1', prefix: '', toRoot: (typed) => (typed ?? '').replace(/\/+$/, '') },
  auth: acme.auth,
  pagination: 'none',
  connect: (transport) => new AcmeClient(transport),
  probe: { method: 'GET', path: '/hooks' },
  networkError: (error) => (error instanceof NetworkError ? error : new NetworkError('network', 'Could not reach Acme.')),
  isCap: (error) => error instanceof AcmeRefusal && error.status === 409,
};

/** Manual: the user pastes the trigger's URL and the signing secret (as dist0's); the API key is for reads. */
export const acmeHost: HostProvider<HostEvent, RuntimeOperation> = {
  provider: { ...acme, inbound: acmeSignedInbound, subscription: { mode: 'manual', where: 'Admin → Outgoing hooks' } },
  verify: createVerifier(acmeSignedInbound.scheme),
  names: {
    displayName: 'Acme',
    n8n: {
      packageName: 'n8n-nodes-acme',
      nodes: { trigger: { name: 'acmeTrigger', className: 'AcmeTrigger' } },
      credential: { name: 'acmeApi', className: 'AcmeApi', displayName: 'Acme' },
      icons: { light: 'acme.svg', dark: 'acme.dark.svg' },
      listing: { description: 'n8n community nodes for Acme', keywords: ['acme'], docsUrl: 'https://example.com/acme', categories: ['Development'], alias: ['Things'] },
    },
  },
  events,
  operations: [],
  api,
  subscription: { mode: 'manual', where: 'Admin → Outgoing hooks', secretField: 'signingSecret' },
  pollable: [],
  eventOf: (name) => events.find((event) => event.name === name),
};

/** A rotated hook's grace end, as Acme's hook record shows it. */
const graceOf = (hook: Pick<AcmeHook, 'id' | 'graceUntil'> | undefined) => (hook?.graceUntil ? Date.parse(hook.graceUntil) : undefined);

/**
 * Acme whose hooks' secrets can be rotated with a grace window (the new secret never shown over its API), as
 * Distribu's: the n8n trigger replaces a rotated hook and keeps the old secret until the grace end.
 */
export const acmeRotatingHost: HostProvider<HostEvent, RuntimeOperation> = {
  ...acmeHost,
  provider: acme,
  subscription: {
    mode: 'api',
    cap: ACME_CAP,
    over: (client) => ({ ...acmeSubscriptionApi(client as AcmeClient), rotatedUntil: graceOf }),
    rotation: { graceEnd: async (client, id) => graceOf((await (client as AcmeClient).hooks()).find((hook) => hook.id === id)) },
  },
};

/** Acme with its hooks API (test/kit/support/acme-api.ts): an API subscription with a cap of 2, as Orisha's. */
export const acmeApiHost: HostProvider<HostEvent, RuntimeOperation> = {
  ...acmeHost,
  provider: acme,
  subscription: { mode: 'api', cap: ACME_CAP, over: (client) => acmeSubscriptionApi(client as AcmeClient) },
};
