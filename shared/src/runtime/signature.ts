// Distribu's signatures through the kit's verifier (shared/src/kit/inbound/verify.ts), with
// Distribu's scheme as data (shared/src/providers/distribu/inbound.ts).
import { createHmac } from 'node:crypto';
import { createVerifier, type Verdict, type VerifyInput } from '../kit/inbound/verify';
import { distribuEventHeader, distribuScheme, distribuVerifyMessages } from '../providers/distribu/inbound';

export { getHeader } from '../kit/inbound/headers';
export type { PreviousSecret } from '../kit/inbound/verify';
export type { Body, Headers } from '../kit/types';

/** Distribu's signature headers. Zapier hands them over as `Http-X-Webhook-Signature` etc. */
export const SIGNATURE_HEADER = distribuScheme.header;
export const OLD_SIGNATURE_HEADER = distribuScheme.previousHeader;
export const EVENT_HEADER = distribuEventHeader;

/** Lowercase hex HMAC-SHA256 of the raw body bytes, keyed with the whole `whsec_...` string. */
export function sign(body: string | Uint8Array, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** The refusals Distribu's scheme can give (it has no timestamp header). */
export type VerifyFailure = 'missing-body' | 'missing-secret' | 'missing-signature' | 'mismatch' | 'rotated-secret' | 'grace-ended';

export type VerifyResult =
  | { ok: true; header: typeof SIGNATURE_HEADER | typeof OLD_SIGNATURE_HEADER }
  | { ok: false; reason: VerifyFailure; message: string };

const verifyDistribu = createVerifier(distribuScheme, distribuVerifyMessages);

/**
 * Verifies a delivery. A current secret is accepted in `X-Webhook-Signature`, or in
 * `X-Webhook-Signature-Old` (which reveals that Distribu has rotated it away: the caller should
 * learn that). A previous secret, once known to be rotated away, is accepted only in `-Old` and
 * only until its grace window ends: people rotate a secret because it leaked, so the rotated
 * secret must never pass as the current signature again. Never throws; fails closed.
 */
export function verify(input: VerifyInput): VerifyResult {
  const verdict = verifyDistribu(input);
  if (!verdict.ok) return verdict as VerifyResult;
  return { ok: true, header: verdict.header === OLD_SIGNATURE_HEADER ? OLD_SIGNATURE_HEADER : SIGNATURE_HEADER };
}

/** The kit's full verdict for a Distribu delivery (with `rotationRevealed`), as judge() takes it. */
export const verifyDelivery: (input: VerifyInput) => Verdict = verifyDistribu;
