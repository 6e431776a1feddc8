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

export type VerifyFailure = 'missing-body' | 'missing-secret' | 'missing-signature' | 'mismatch';

export type VerifyResult =
  | { ok: true; header: 'X-Webhook-Signature' | 'X-Webhook-Signature-Old' }
  | { ok: false; reason: VerifyFailure; message: string };

const MESSAGES: Record<VerifyFailure, string> = {
  'missing-body': 'The delivery has no raw body to verify.',
  'missing-secret': 'No signing secret is stored for this subscription; turn it off and on again to get a new one.',
  'missing-signature': 'The delivery has no X-Webhook-Signature header.',
  mismatch: 'The signature does not match this subscription\'s signing secret (forged or altered delivery).',
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

/**
 * Verifies a delivery. Accepts a match of `X-Webhook-Signature` or, during a rotation grace
 * window, `X-Webhook-Signature-Old`, against any of the stored secrets. Never throws; fails closed.
 */
export function verify(input: {
  body: Body | undefined | null;
  headers: Headers | undefined;
  secrets: ReadonlyArray<string | undefined | null> | string | undefined | null;
}): VerifyResult {
  const secrets = (Array.isArray(input.secrets) ? input.secrets : [input.secrets]).filter(
    (s): s is string => typeof s === 'string' && s.length > 0,
  );
  if (input.body === undefined || input.body === null) return fail('missing-body');
  if (secrets.length === 0) return fail('missing-secret');
  const current = getHeader(input.headers, SIGNATURE_HEADER);
  const old = getHeader(input.headers, OLD_SIGNATURE_HEADER);
  if (!current && !old) return fail('missing-signature');
  for (const secret of secrets) {
    const expected = sign(input.body, secret);
    if (current && equalHex(expected, current)) return { ok: true, header: SIGNATURE_HEADER };
    if (old && equalHex(expected, old)) return { ok: true, header: OLD_SIGNATURE_HEADER };
  }
  return fail('mismatch');
}
