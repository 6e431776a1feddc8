// "Otherco": Distribu's API and catalogs under another provider's names, so a generated package with a
// polling trigger can be built and run against the Distribu sandbox.
import { distribuHost } from '@distribu/shared/providers/distribu';
import type { HostProvider } from '@distribu/shared/kit';

export const othercoHost: typeof distribuHost & HostProvider = {
  ...distribuHost,
  provider: { ...distribuHost.provider, id: 'otherco', name: 'Otherco' },
  names: {
    displayName: 'Otherco',
    n8n: {
      packageName: 'n8n-nodes-otherco',
      nodes: {
        trigger: { name: 'othercoTrigger', className: 'OthercoTrigger' },
        pollTrigger: { name: 'othercoPollTrigger', className: 'OthercoPollTrigger' },
      },
      credential: { name: 'othercoApi', className: 'OthercoApi', displayName: 'Otherco API' },
      icons: { light: 'otherco.svg', dark: 'otherco.dark.svg' },
      listing: { description: 'n8n community nodes for Otherco', keywords: ['otherco'], docsUrl: 'https://example.com/otherco', categories: ['Sales'], alias: ['Orders'] },
    },
  },
};
