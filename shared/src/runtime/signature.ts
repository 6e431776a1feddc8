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
  const prefixed = `http-${wanted}`;
  for (const key in headers) {
    if (!Object.hasOwn(headers, key)) continue;
    const k = key.toLowerCase();
    if (k !== wanted && k !== prefixed) continue;
    const value = headers[key];
    const v = Array.isArray(value) ? value[0] : value;
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

const CURRENT_NAMES = [SIGNATURE_HEADER.toLowerCase(), `http-${SIGNATURE_HEADER.toLowerCase()}`];
const OLD_NAMES = [OLD_SIGNATURE_HEADER.toLowerCase(), `http-${OLD_SIGNATURE_HEADER.toLowerCase()}`];
/** A header whose name has none of these lengths is skipped before it is lower-cased. */
const NAME_LENGTHS = new Set([...CURRENT_NAMES, ...OLD_NAMES].map((n) => n.length));

/** Both signature headers in one scan of the headers, each as getHeader would find it. */
function signatureHeaders(headers: Headers | undefined): [current: string | undefined, old: string | undefined] {
  let current: string | undefined;
  let old: string | undefined;
  if (!headers) return [current, old];
  for (const key in headers) {
    if (!NAME_LENGTHS.has(key.length) || !Object.hasOwn(headers, key)) continue;
    const k = key.toLowerCase();
    const isCurrent = current === undefined && CURRENT_NAMES.includes(k);
    if (!isCurrent && (old !== undefined || !OLD_NAMES.includes(k))) continue;
    const value = headers[key];
    const v = Array.isArray(value) ? value[0] : value;
    if (typeof v !== 'string' || v === '') continue;
    if (isCurrent) current = v;
    else old = v;
  }
  return [current, old];
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

/** A hex SHA-256 signature is 64 characters. */
const SIGNATURE_HEX_LENGTH = 64;

/**
 * Compares the expected hex HMAC with the received signature in constant time, in either case and
 * with surrounding whitespace. (Encoding the digest as hex and comparing the characters measured
 * faster than decoding the received hex.)
 */
function equalHex(expected: string, received: string): boolean {
  const text = received.length === SIGNATURE_HEX_LENGTH ? received : received.trim();
  if (text.length !== SIGNATURE_HEX_LENGTH) return false;
  const a = Buffer.from(expected, 'latin1');
  const b = Buffer.from(text.toLowerCase(), 'latin1');
  // timingSafeEqual throws on different lengths; a length mismatch is simply "no match".
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The hex HMAC of one body per secret, remembered for the last secret asked: verify asks for the
 * same secret once per header, and nearly always has one secret. (A class, not closures made per
 * call: this runs on every delivery.)
 */
class Digests {
  private lastSecret: string | undefined;
  private lastDigest = '';

  constructor(private readonly body: Body) {}

  matches(secret: string, signature: string | undefined): boolean {
    if (signature === undefined) return false;
    if (secret !== this.lastSecret) {
      this.lastDigest = sign(this.body, secret);
      this.lastSecret = secret;
    }
    return equalHex(this.lastDigest, signature);
  }

  /** Whether any of the secrets signed this signature. */
  any(secrets: ReadonlyArray<string>, signature: string | undefined): boolean {
    for (const secret of secrets) if (this.matches(secret, signature)) return true;
    return false;
  }
}

/** The usable secrets: strings, not empty, and not known to be rotated away. */
function currentSecrets(secrets: ReadonlyArray<string | undefined | null> | string | undefined | null, previous: ReadonlyArray<PreviousSecret>): string[] {
  const list = Array.isArray(secrets) ? secrets : [secrets];
  const usable: string[] = [];
  for (const s of list) {
    if (typeof s !== 'string' || s.length === 0) continue;
    // A secret known to be rotated away is never current, even if the caller still lists it.
    if (previous.length > 0 && previous.some((p) => p.secret === s)) continue;
    usable.push(s);
  }
  return usable;
}

const NONE: ReadonlyArray<PreviousSecret> = [];


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
  const previous = Array.isArray(input.previous) && input.previous.length > 0
    ? input.previous.filter((p): p is PreviousSecret => !!p && typeof p.secret === 'string' && p.secret.length > 0)
    : NONE;
  const secrets = currentSecrets(input.secrets, previous);
  if (input.body === undefined || input.body === null) return fail('missing-body');
  if (secrets.length === 0 && previous.length === 0) return fail('missing-secret');
  const [current, old] = signatureHeaders(input.headers);
  if (!current && !old) return fail('missing-signature');
  const hmac = new Digests(input.body);
  if (hmac.any(secrets, current)) return { ok: true, header: SIGNATURE_HEADER };
  if (previous.some((p) => hmac.matches(p.secret, current))) return fail('rotated-secret');
  if (hmac.any(secrets, old)) return { ok: true, header: OLD_SIGNATURE_HEADER };
  const now = typeof input.now === 'number' && Number.isFinite(input.now) ? input.now : Date.now();
  const oldMatches = previous.filter((p) => hmac.matches(p.secret, old));
  if (oldMatches.some((p) => now < p.until)) return { ok: true, header: OLD_SIGNATURE_HEADER };
  if (oldMatches.length > 0) return fail('grace-ended');
  return fail('mismatch');
}
