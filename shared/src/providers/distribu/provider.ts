// Distribu as a provider of the kit (shared/src/kit/provider.ts): its parts wired together.
import type { Provider } from '../../kit/provider';
import type { DistribuClient } from '../../runtime/client';
import { distribuInbound } from './inbound';
import { distribuSubscriptionApi } from './subscription';
import { DISTRIBU_WEBHOOK_CAP, distribuVoice } from './voice';

export const distribu: Provider<DistribuClient> = {
  id: 'distribu',
  name: distribuVoice.name,
  inbound: distribuInbound,
  subscription: { mode: 'api', cap: DISTRIBU_WEBHOOK_CAP, over: distribuSubscriptionApi },
  auth: { kind: 'api-key', header: 'Authorization', scheme: 'Bearer', pattern: /(?<![A-Za-z0-9])dk_[A-Za-z0-9_\-+/=.]+/ },
  voice: distribuVoice,
};
