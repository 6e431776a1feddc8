// Distribu's `/webhooks` API as the kit's SubscriptionApi (shared/src/kit/subscriptions.ts).
import type { Health } from '../../kit/judge';
import type { RegistrationVoice, SubscriptionApi } from '../../kit/subscriptions';
import type { CreatedWebhook, DistribuClient, Webhook } from '../../runtime/client';
import { boundedText, isDefiniteRefusal } from '../../runtime/errors';
import { DISTRIBU_WEBHOOK_CAP, distribuVoice } from './voice';

export function distribuSubscriptionApi(client: DistribuClient): SubscriptionApi<Webhook, CreatedWebhook> {
  return {
    mode: 'api',
    cap: DISTRIBU_WEBHOOK_CAP,
    hooksAt: (url) => client.webhooksAt(url),
    create: ({ url, events }) => client.createWebhook({ url, events, isActive: true }),
    remove: (id) => client.deleteWebhook(id),
    isDefiniteRefusal,
  };
}

export const distribuRegistrationVoice: RegistrationVoice = { voice: distribuVoice, bounded: boundedText };

/** What Distribu's webhook record says about its health: disabled, within a rotation's grace window, or healthy. */
export function distribuHookHealth(hook: Pick<Webhook, 'isActive' | 'secretRotationGraceExpiresAt'>): Health {
  const graceEnd = hook.secretRotationGraceExpiresAt ? Date.parse(hook.secretRotationGraceExpiresAt) : NaN;
  if (hook.isActive === false) return { kind: 'disabled' };
  if (Number.isFinite(graceEnd)) return { kind: 'rotating', until: graceEnd };
  return { kind: 'healthy' };
}
