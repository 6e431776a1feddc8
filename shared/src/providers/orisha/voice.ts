// Orisha Commerce's error voice as data for the kit (shared/src/kit/voice.ts).
import { redactor, type ErrorVoice } from '../../kit/voice';

/** Orisha's webhooks per administration (its webhook page): the one statement of the figure. */
export const ORISHA_WEBHOOK_CAP = 3;

/** After this many failed deliveries with no success, Orisha disables a webhook (its webhook page). */
export const ORISHA_AUTO_DISABLE_AFTER = 100;

export const orishaVoice: ErrorVoice = {
  name: 'Orisha Commerce',
  places: { webhooks: 'the portal’s webhook settings', apiKeys: 'Auth0 (machine-to-machine applications)' },
  // Orisha's secrets have no documented shape: redact by the names they travel under.
  secretPatterns: [
    { pattern: /\b(x-secret|client_secret|clientSecret|secret|access_token|accessToken)(["']?\s*[:=]\s*["']?)[^\s"',;&}]+/gi, replacement: '$1$2…[redacted]' },
    // The sandbox's and our own formats: webhook secrets `ows_…`, client secrets `ocs_…`.
    { pattern: /(?<![A-Za-z0-9])(ows|ocs)_[A-Za-z0-9_\-]+/g, replacement: '$1_…[redacted]' },
  ],
  capMessage:
    '{name} allows at most {cap} webhooks per administration and all {cap} are in use{holders}. Delete one you no longer need in {webhooks} (or turn off the Zap or workflow that holds it), then try again. n8n’s "Listen for test event" holds a slot of its own while it listens.',
};

/** Replaces whatever looks like one of Orisha's secrets (the voice's patterns) or a Bearer token. */
export const redactOrisha = redactor(orishaVoice);
