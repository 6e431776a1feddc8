import { createHmac, timingSafeEqual } from 'node:crypto';

/** Distribu's signature headers. Zapier hands them over as `Http-X-Webhook-Signature` etc. */
export const SIGNATURE_HEADER = 'X-Webhook-Signature';
export const OLD_SIGNATURE_HEADER = 'X-Webhook-Signature-Old';
export const EVENT_HEADER = 'X-Webhook-Event';

export type Body = string | Uint8Array;
export type Headers = Record<string, string | string[] | undefined | null>;

/** Lowercase hex HMAC-SHA256 of the raw body bytes, keyed with the whole `whsec_...` string. */
export function sign(body: Body, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/**
 * Finds a header whatever its case, also under Zapier's `Http-` prefix.
 * A repeated header yields its first value.
 */
export function getHeader(headers: Headers | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    const k = key.toLowerCase();
    if (k !== wanted && k !== `http-${wanted}`) continue;
    const v = Array.isArray(value) ? value[0] : value;
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

export type VerifyFailure =
  | 'missing-body'
  | 'missing-secret'
  | 'missing-signature'
  | 'mismatch'
  | 'rotated-secret'
  | 'grace-ended';

export type VerifyResult =
  | { ok: true; header: 'X-Webhook-Signature' | 'X-Webhook-Signature-Old' }
  | { ok: false; reason: VerifyFailure; message: string };

/** A signing secret known to have been rotated away in Distribu. */
export interface PreviousSecret {
  secret: string;
  /** ms epoch: the end of the rotation's grace window; the secret is accepted (in -Old only) until then. */
  until: number;
}

const MESSAGES: Record<VerifyFailure, string> = {
  'missing-body': 'The delivery has no raw body to verify.',
  'missing-secret': 'No signing secret is stored for this subscription; turn it off and on again to get a new one.',
  'missing-signature': 'The delivery has no X-Webhook-Signature header.',
  mismatch: "The signature does not match this subscription's signing secret (forged or altered delivery).",
  'rotated-secret': 'The delivery is signed with a secret that was rotated away (forged delivery).',
  'grace-ended': "The delivery is signed only with the previous signing secret, and that secret's grace period after the rotation has ended.",
};

function fail(reason: VerifyFailure): VerifyResult {
  return { ok: false, reason, message: MESSAGES[reason] };
}

function equalHex(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received.trim().toLowerCase(), 'utf8');
  // timingSafeEqual throws on different lengths; a length mismatch is simply "no match".
  return a.length === b.length && timingSafeEqual(a, b);
}

function matches(body: Body, secret: string, signature: string | undefined): boolean {
  return signature !== undefined && equalHex(sign(body, secret), signature);
}

/**
 * Verifies a delivery. A current secret is accepted in `X-Webhook-Signature`, or in
 * `X-Webhook-Signature-Old` (which reveals that Distribu has rotated it away: the caller should
 * learn that). A previous secret, once known to be rotated away, is accepted only in `-Old` and
 * only until its grace window ends: people rotate a secret because it leaked, so the rotated
 * secret must never pass as the current signature again. Never throws; fails closed.
 */
export function verify(input: {
  body: Body | undefined | null;
  headers: Headers | undefined;
  secrets: ReadonlyArray<string | undefined | null> | string | undefined | null;
  previous?: ReadonlyArray<PreviousSecret> | null;
  now?: number;
}): VerifyResult {
  const previous = (Array.isArray(input.previous) ? input.previous : []).filter(
    (p): p is PreviousSecret => !!p && typeof p.secret === 'string' && p.secret.length > 0,
  );
  const rotated = new Set(previous.map((p) => p.secret));
  // A secret known to be rotated away is never current, even if the caller still lists it.
  const secrets = (Array.isArray(input.secrets) ? input.secrets : [input.secrets]).filter(
    (s): s is string => typeof s === 'string' && s.length > 0 && !rotated.has(s),
  );
  if (input.body === undefined || input.body === null) return fail('missing-body');
  if (secrets.length === 0 && previous.length === 0) return fail('missing-secret');
  const body = input.body;
  const current = getHeader(input.headers, SIGNATURE_HEADER);
  const old = getHeader(input.headers, OLD_SIGNATURE_HEADER);
  if (!current && !old) return fail('missing-signature');
  if (secrets.some((secret) => matches(body, secret, current))) return { ok: true, header: SIGNATURE_HEADER };
  if (previous.some((p) => matches(body, p.secret, current))) return fail('rotated-secret');
  if (secrets.some((secret) => matches(body, secret, old))) return { ok: true, header: OLD_SIGNATURE_HEADER };
  const now = typeof input.now === 'number' && Number.isFinite(input.now) ? input.now : Date.now();
  const oldMatches = previous.filter((p) => matches(body, p.secret, old));
  if (oldMatches.some((p) => now < p.until)) return { ok: true, header: OLD_SIGNATURE_HEADER };
  if (oldMatches.length > 0) return fail('grace-ended');
  return fail('mismatch');
}
