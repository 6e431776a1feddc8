// Orisha Commerce as a provider of the kit (shared/src/kit/provider.ts): its parts wired together.
import type { Provider } from '../../kit/provider';
import { ORISHA_AUTH } from './assumed-api';
import type { OrishaClient } from './client';
import { orishaInbound } from './inbound';
import { orishaSubscriptionApi } from './subscription';
import { ORISHA_WEBHOOK_CAP, orishaVoice } from './voice';

export const orisha: Provider<OrishaClient> = {
  id: 'orisha',
  name: orishaVoice.name,
  inbound: orishaInbound,
  subscription: { mode: 'api', cap: ORISHA_WEBHOOK_CAP, over: (client) => orishaSubscriptionApi(client) },
  auth: { kind: 'oauth2-client-credentials', tokenUrl: ORISHA_AUTH.defaultTokenUrl, audience: ORISHA_AUTH.defaultAudience },
  voice: orishaVoice,
};
