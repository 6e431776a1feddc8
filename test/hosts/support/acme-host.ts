// Acme (test/kit/support/acme.ts) as the hosts take it: a manual subscription (the user pastes the
// trigger's URL and the signing secret), the HMAC `{timestamp}.{body}` scheme, two events, no API.
import { createVerifier, type HostEvent, type HostProvider } from '@distribu/shared/kit';
import { ACME_EVENTS, acme, acmeSignedInbound } from '../../kit/support/acme';

const events: HostEvent[] = Object.entries(ACME_EVENTS).map(([name, spec]) => ({
  ...spec,
  name,
  key: name.replace('.', '_'),
  label: name === 'thing.made' ? 'Thing Made' : 'Thing Gone',
  description: `When a thing is ${name === 'thing.made' ? 'made' : 'gone'}`,
  sample: { id: 'evt_1', event: name, timestamp: '2026-01-01T00:00:00.000Z', thingId: 't_1' },
}));

export const acmeHost: HostProvider = {
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
  subscription: { mode: 'manual', where: 'Admin → Outgoing hooks', secretField: 'signingSecret' },
  pollable: [],
  eventOf: (name) => events.find((event) => event.name === name),
};
