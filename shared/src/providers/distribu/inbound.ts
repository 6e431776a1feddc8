// How Distribu's webhook deliveries are verified and read, as data for the kit
// (docs/kit.md), as Distribu's webhook docs ("Signature verification") state them.
import type { Inbound } from '../../kit/provider';
import type { HmacScheme, Messages } from '../../kit/inbound/verify';
import { getEvent } from '../../runtime/catalog';

/**
 * `X-Webhook-Signature`: lowercase hex HMAC-SHA256 of the raw body, keyed with the whole `whsec_…`
 * string; during a rotation's grace window `X-Webhook-Signature-Old` carries the same digest signed
 * with the previous secret. No timestamp header: the signed envelope's `timestamp` serves replays.
 */
export const distribuScheme = {
  kind: 'hmac',
  algorithm: 'sha256',
  header: 'X-Webhook-Signature',
  previousHeader: 'X-Webhook-Signature-Old',
  encoding: 'hex',
  signed: '{body}',
} as const satisfies HmacScheme;

/** The event name header: redundant with the body, which is what counts (it is signed). */
export const distribuEventHeader = 'X-Webhook-Event';

/** Distribu's words for each refusal (the subscription's secret comes from its registration). */
export const distribuVerifyMessages: Messages = {
  'missing-body': 'The delivery has no raw body to verify.',
  'missing-secret': 'No signing secret is stored for this subscription; turn it off and on again to get a new one.',
  'missing-signature': 'The delivery has no X-Webhook-Signature header.',
  'missing-timestamp': 'The delivery has no timestamp.',
  'bad-timestamp': 'The delivery has no readable timestamp.',
  stale: "The delivery's timestamp is too far from this server's clock.",
  mismatch: "The signature does not match this subscription's signing secret (forged or altered delivery).",
  'rotated-secret': 'The delivery is signed with a secret that was rotated away (forged delivery).',
  'grace-ended': "The delivery is signed only with the previous signing secret, and that secret's grace period after the rotation has ended.",
};

/**
 * `{event, timestamp, data}`: the event name must be there; a missing timestamp becomes '' and a
 * missing or non-object `data` becomes `{}` (docs/normalization.md). Distribu sends no event id,
 * so the id is a digest of the raw body.
 */
export const distribuInbound: Inbound = {
  scheme: distribuScheme,
  id: 'content-digest',
  timestamp: { bodyPath: 'timestamp', format: 'iso' },
  toEnvelope(body) {
    const { event, timestamp, data } = body;
    if (typeof event !== 'string' || event === '') return { refuse: 'The delivery has no event name.' };
    return {
      event,
      timestamp: typeof timestamp === 'string' ? timestamp : '',
      data: data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {},
    };
  },
  specOf: getEvent,
};
