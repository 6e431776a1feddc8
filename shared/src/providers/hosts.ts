// Every provider the hosts are generated for: `npm run generate` writes one n8n package per entry
// (Distribu's in n8n-node/, the others in n8n-node/packages/<id>/). Registering a provider = one line here.
import type { HostProvider } from '../kit/host';
import { dist0Host } from './dist0/host';
import { distribuHost } from './distribu/host';
import { orishaHost } from './orisha/host';

// Each provider has its own event, operation and client types.
export const hostProviders: readonly HostProvider<any, any, any>[] = [distribuHost, dist0Host, orishaHost];
