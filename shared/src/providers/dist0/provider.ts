// dist0 as a provider of the kit (shared/src/kit/provider.ts): its parts wired together. dist0 has no
// webhook API: the customer pastes one URL per project in its dashboard (a manual subscription).
import type { Provider } from '../../kit/provider';
import type { Dist0Client } from './client';
import { dist0Inbound } from './inbound';
import { DIST0_KEY_PATTERN, DIST0_PLACES } from './assumed-api';
import { dist0Voice } from './voice';

export const dist0: Provider<Dist0Client> = {
  id: 'dist0',
  name: dist0Voice.name,
  inbound: dist0Inbound,
  // The docs: "paste your endpoint (it must start with https://)".
  subscription: { mode: 'manual', where: `${DIST0_PLACES.webhooks} (the URL must start with https://)` },
  auth: { kind: 'api-key', header: 'Authorization', scheme: 'Bearer', pattern: new RegExp(DIST0_KEY_PATTERN.source) },
  voice: dist0Voice,
};
