// Distribu's error voice as data for the kit (shared/src/kit/voice.ts).
import type { ErrorVoice } from '../../kit/voice';

/** Distribu's webhooks per company, active or not: the one statement of the figure (the sandbox's too). */
export const DISTRIBU_WEBHOOK_CAP = 10;

export const distribuVoice: ErrorVoice = {
  name: 'Distribu',
  places: { webhooks: 'Settings → Webhooks', apiKeys: 'Settings → API keys' },
  // `dk_…` API keys and `whsec_…` signing secrets wherever they appear.
  secretPatterns: [{ pattern: /(?<![A-Za-z0-9])(dk|whsec)_[A-Za-z0-9_\-+/=.]+/g, replacement: '$1_…[redacted]' }],
  capMessage: '{name} allows at most {cap} webhooks per company and all {cap} are in use. Delete unused ones in {name} under {webhooks}, then publish again.',
};
