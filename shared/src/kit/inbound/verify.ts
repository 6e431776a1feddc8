import { createHash, createHmac, createSecretKey, hash, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { Body, Headers } from '../types';
import { headerReader } from './headers';

/**
 * How a provider proves a delivery is its own, as data. One audited verifier reads it.
 * - `hmac`: an HMAC of a signed string made from a template, e.g. `{body}` (the raw body only) or
 *   `v0:{timestamp}:{body}` (Slack's scheme: the timestamp header's value, then the raw body),
 *   encoded as hex or base64, optionally after a prefix such as `v0=`. With `timestamp`, a
 *   delivery whose timestamp header is missing, not a whole number, or further than `toleranceSeconds`
 *   from the receiver's clock in either direction is refused. With `previousHeader`, the provider
 *   also signs with the secret it rotated away, during a grace window.
 * - `shared-secret`: the header must equal the secret (no body integrity).
 */
export type SignatureScheme = HmacScheme | SharedSecretScheme;

export interface HmacScheme {
  kind: 'hmac';
  algorithm: 'sha256';
  header: string;
  encoding: 'hex' | 'base64';
  prefix?: string;
  /** The signed string: `{body}` exactly once, `{timestamp}` when the scheme has a timestamp. */
  signed: string;
  timestamp?: TimestampRule;
  previousHeader?: string;
}

export interface TimestampRule {
  header: string;
  unit: 's' | 'ms';
  /** Two-sided: a timestamp this far in the past or in the future is refused. */
  toleranceSeconds: number;
}

export interface SharedSecretScheme {
  kind: 'shared-secret';
  header: string;
}

/** A signing secret known to have been rotated away. */
export interface PreviousSecret {
  secret: string;
  /** ms epoch: the end of the rotation's grace window. */
  until: number;
}

export type VerifyFailure =
  | 'missing-body'
  | 'missing-secret'
  | 'missing-signature'
  | 'missing-timestamp'
  | 'bad-timestamp'
  | 'stale'
  | 'mismatch'
  | 'rotated-secret'
  | 'grace-ended';

export type Verdict =
  | {
      ok: true;
      /** The header whose signature matched. */
      header: string;
      /** Which secret signed it: a current one, or a rotated-away one within its grace window. */
      secret: 'current' | 'previous';
      /** A current secret matched only the previous-secret header: the provider has rotated it away. */
      rotationRevealed: boolean;
    }
  | { ok: false; reason: VerifyFailure; message: string };

export interface VerifyInput {
  body: Body | undefined | null;
  headers: Headers | undefined;
  /** The current secret(s); empty or missing ones are ignored, and none at all refuses. */
  secrets: ReadonlyArray<string | undefined | null> | string | undefined | null;
  previous?: ReadonlyArray<PreviousSecret> | null;
  /** ms epoch, for the timestamp rule and grace windows. */
  now?: number;
}

export type Messages = Record<VerifyFailure, string>;

/** Plain reasons, naming the scheme's headers; a provider may word them its own way. */
export function defaultMessages(scheme: SignatureScheme): Messages {
  const tolerance = scheme.kind === 'hmac' && scheme.timestamp ? scheme.timestamp : undefined;
  return {
    'missing-body': 'The delivery has no raw body to verify.',
    'missing-secret': 'No signing secret is set, so no delivery can be trusted: set the secret, or register the webhook again.',
    'missing-signature': `The delivery has no ${scheme.header} header.`,
    'missing-timestamp': `The delivery has no ${tolerance?.header ?? 'timestamp'} header.`,
    'bad-timestamp': `The delivery's ${tolerance?.header ?? 'timestamp'} header is not a whole number of ${tolerance?.unit === 'ms' ? 'milliseconds' : 'seconds'}.`,
    stale: `The delivery's timestamp is more than ${tolerance?.toleranceSeconds ?? 0} seconds from this server's clock (a replayed delivery, or clocks apart).`,
    mismatch:
      scheme.kind === 'hmac'
        ? "The signature does not match this subscription's signing secret (forged or altered delivery)."
        : `The ${scheme.header} header does not match this subscription's secret (forged delivery).`,
    'rotated-secret': 'The delivery is signed with a secret that was rotated away (forged delivery).',
    'grace-ended': "The delivery is signed only with the previous secret, and that secret's grace period after the rotation has ended.",
  };
}

/** `{body}` splits the template; the parts around it are hashed as UTF-8 with `{timestamp}` filled in. */
function templateParts(signed: string): [before: string, after: string] {
  const at = signed.indexOf('{body}');
  if (at < 0 || signed.indexOf('{body}', at + 1) >= 0) throw new Error(`A signed template needs {body} exactly once: "${signed}".`);
  return [signed.slice(0, at), signed.slice(at + '{body}'.length)];
}

/** The signature over one body, for one scheme and timestamp. */
export function signWith(scheme: HmacScheme, body: Body, secret: string, timestamp = ''): string {
  const [before, after] = templateParts(scheme.signed);
  return `${scheme.prefix ?? ''}${digest(scheme, before.replaceAll('{timestamp}', timestamp), after.replaceAll('{timestamp}', timestamp), body, secret)}`;
}

function digest(scheme: HmacScheme, before: string, after: string, body: Body, secret: string): string {
  const hmac = createHmac(scheme.algorithm, keyOf(secret));
  if (before) hmac.update(before, 'utf8');
  hmac.update(body);
  if (after) hmac.update(after, 'utf8');
  return hmac.digest(scheme.encoding);
}

/**
 * The last secret's key, remembered as a KeyObject: a receiver signs with the same secret delivery after
 * delivery, and createHmac with a string turns it into bytes again each time. Same bytes (UTF-8) either way.
 */
let lastKeySecret: string | undefined;
let lastKey: KeyObject | undefined;
function keyOf(secret: string): KeyObject {
  if (secret !== lastKeySecret || !lastKey) {
    lastKey = createSecretKey(Buffer.from(secret, 'utf8'));
    lastKeySecret = secret;
  }
  return lastKey;
}

/**
 * Two buffers per signature length, reused by every compare of that length (verification is synchronous:
 * no two compares overlap), so a delivery makes no Buffer to compare its signature. A scheme's digest has
 * one length, so this holds a couple of entries.
 */
const scratch = new Map<number, [expected: Buffer, received: Buffer]>();

/** A hex digest compares in either case and with surrounding whitespace; base64 exactly (after trimming). */
function equalSignature(scheme: HmacScheme, expected: string, received: string): boolean {
  let text = received.length === expected.length + (scheme.prefix?.length ?? 0) ? received : received.trim();
  if (scheme.prefix) {
    if (!text.startsWith(scheme.prefix)) return false;
    text = text.slice(scheme.prefix.length);
  }
  const length = expected.length;
  if (text.length !== length) return false;
  let pair = scratch.get(length);
  if (!pair) scratch.set(length, (pair = [Buffer.alloc(length), Buffer.alloc(length)]));
  // The same bytes Buffer.from(…, 'latin1') would make, written into the reused buffers.
  pair[0].write(expected, 0, length, 'latin1');
  pair[1].write(text, 0, length, 'latin1');
  if (timingSafeEqual(pair[0], pair[1])) return true;
  // Hex in upper case is compared again lower-cased, only after the first compare failed: senders write lower
  // case, and toLowerCase on every delivery costs as much as the compare. Both compares take constant time; the
  // second runs exactly when the first found a difference, which says no more than the verdict does.
  if (scheme.encoding !== 'hex') return false;
  const lower = text.toLowerCase();
  if (lower === text) return false;
  pair[1].write(lower, 0, length, 'latin1');
  return timingSafeEqual(pair[0], pair[1]);
}

/**
 * Equality of a received secret with a stored one, in time that depends on neither's content nor
 * length: both are hashed first, so the compared buffers always have the same length.
 */
export function equalSecret(stored: string, received: string): boolean {
  return timingSafeEqual(storedDigest(stored), sha256(received));
}

/**
 * The stored secret's digest, remembered for the last secret asked: a receiver compares against the
 * same stored secret delivery after delivery. Whether it is remembered depends only on the stored
 * secret, never on what was received, so the compare's time still says nothing about the received value.
 */
let lastStored: string | undefined;
let lastStoredDigest: Buffer = Buffer.alloc(0);
function storedDigest(stored: string): Buffer {
  if (stored !== lastStored) {
    lastStoredDigest = sha256(stored);
    lastStored = stored;
  }
  return lastStoredDigest;
}

/** Node's one-shot digest (Node >= 20.12, 21.7) skips a Hash object per call; older Node uses createHash. Same bytes. */
function sha256(text: string): Buffer {
  return typeof hash === 'function' ? hash('sha256', text, 'buffer') : createHash('sha256').update(text, 'utf8').digest();
}

/** The usable secrets: strings, not empty, and not known to be rotated away. */
function currentSecrets(secrets: VerifyInput['secrets'], previous: ReadonlyArray<PreviousSecret>): string[] {
  // The usual case, one secret and no rotation, without the general loop.
  if (typeof secrets === 'string' && previous.length === 0) return secrets.length > 0 ? [secrets] : [];
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
const NO_SECRETS: string[] = [];

function usablePrevious(previous: VerifyInput['previous']): ReadonlyArray<PreviousSecret> {
  return Array.isArray(previous) && previous.length > 0
    ? previous.filter((p): p is PreviousSecret => !!p && typeof p.secret === 'string' && p.secret.length > 0)
    : NONE;
}

/**
 * The value of 1 to 16 ASCII digits, or -1 for any other text. One loop checks and converts (a regular
 * expression's test and Number() cost more, on every delivery); from 16 digits on, where a sum of digits can
 * round differently, Number() converts.
 */
function wholeNumberOf(text: string): number {
  const length = text.length;
  if (length < 1 || length > 16) return -1;
  let value = 0;
  for (let i = 0; i < length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    value = value * 10 + (c - 48);
  }
  return length < 16 ? value : Number(text);
}

/** A template part with `{timestamp}` in it, split once so each delivery fills it by concatenation. */
function filler(part: string): (ts: string) => string {
  const pieces = part.split('{timestamp}');
  if (pieces.length === 1) return () => part;
  if (pieces.length === 2) {
    const [a, b] = pieces as [string, string];
    return (ts) => a + ts + b;
  }
  return (ts) => pieces.join(ts);
}

/**
 * Whether a secret produced a received signature, for one delivery. The HMAC of the body is
 * remembered for the last secret asked: each secret is tried once per header, and there is
 * nearly always one secret. (A class, not closures made per call: this runs on every delivery.)
 */
class Matcher {
  private lastSecret: string | undefined;
  private lastDigest = '';

  constructor(
    private readonly scheme: SignatureScheme,
    private readonly body: Body,
    private readonly head: string,
    private readonly tail: string,
  ) {}

  matches(secret: string, received: string | undefined): boolean {
    if (received === undefined) return false;
    const scheme = this.scheme;
    if (scheme.kind === 'shared-secret') return equalSecret(secret, received);
    if (secret !== this.lastSecret) {
      this.lastDigest = digest(scheme, this.head, this.tail, this.body, secret);
      this.lastSecret = secret;
    }
    return equalSignature(scheme, this.lastDigest, received);
  }

  any(secrets: ReadonlyArray<string>, received: string | undefined): boolean {
    for (const secret of secrets) if (this.matches(secret, received)) return true;
    return false;
  }

  /** Among rotated-away secrets that produced the signature: whether one is within its grace window, and whether any did. */
  previous(previous: ReadonlyArray<PreviousSecret>, received: string | undefined, now: number): 'in-grace' | 'grace-ended' | 'none' {
    let matched = false;
    for (const p of previous) {
      if (!this.matches(p.secret, received)) continue;
      if (now < p.until) return 'in-grace';
      matched = true;
    }
    return matched ? 'grace-ended' : 'none';
  }
}

/**
 * Builds the verifier of one scheme (header names and template are prepared once). The verifier
 * never throws and fails closed: no body, no usable secret, no signature, or (for a timestamped
 * scheme) no readable timestamp refuses. Secrets are compared in constant time.
 *
 * Rotation: a current secret is accepted in the signature header, or in the previous-secret header
 * (which reveals that the provider rotated it away: `rotationRevealed`). A secret known to be
 * rotated away (`previous`) is accepted only until its grace window ends, and only in the
 * previous-secret header when the scheme has one: people rotate a secret because it leaked, so it
 * must never pass as the current signature again.
 */
export function createVerifier(scheme: SignatureScheme, messages: Messages = defaultMessages(scheme)): (input: VerifyInput) => Verdict {
  const previousHeader = scheme.kind === 'hmac' ? scheme.previousHeader : undefined;
  const timestamp = scheme.kind === 'hmac' ? scheme.timestamp : undefined;
  const names = [scheme.header, ...(previousHeader ? [previousHeader] : []), ...(timestamp ? [timestamp.header] : [])];
  const read = headerReader(names);
  const oldAt = previousHeader ? 1 : -1;
  const stampAt = timestamp ? names.length - 1 : -1;
  const [before, after] = scheme.kind === 'hmac' ? templateParts(scheme.signed) : ['', ''];
  const fillBefore = filler(before);
  const fillAfter = filler(after);
  const fail = (reason: VerifyFailure): Verdict => ({ ok: false, reason, message: messages[reason] });
  // The verdicts that hold nothing per delivery, made once: verdicts are read, never changed.
  const CURRENT: Verdict = Object.freeze({ ok: true, header: scheme.header, secret: 'current', rotationRevealed: false });
  const REVEALED: Verdict | undefined = previousHeader ? Object.freeze({ ok: true, header: previousHeader, secret: 'current', rotationRevealed: true }) : undefined;

  /** The verdict on the signatures alone (freshness comes after). */
  function judgeSignatures(m: Matcher, secrets: string[], previous: ReadonlyArray<PreviousSecret>, current: string | undefined, old: string | undefined, now: number): Verdict {
    if (m.any(secrets, current)) return CURRENT;
    const inCurrent = m.previous(previous, current, now);
    if (!previousHeader) {
      // No header for the previous secret: it may sign the one header until its grace window ends.
      if (inCurrent === 'in-grace') return { ok: true, header: scheme.header, secret: 'previous', rotationRevealed: false };
      return fail(inCurrent === 'grace-ended' ? 'grace-ended' : 'mismatch');
    }
    if (inCurrent !== 'none') return fail('rotated-secret');
    if (m.any(secrets, old)) return REVEALED!;
    const inOld = m.previous(previous, old, now);
    if (inOld === 'in-grace') return { ok: true, header: previousHeader, secret: 'previous', rotationRevealed: false };
    return fail(inOld === 'grace-ended' ? 'grace-ended' : 'mismatch');
  }

  /**
   * judgeSignatures for the usual call, one current secret and none rotated away (there the previous-secret
   * loops find nothing), without a secrets list or a Matcher: the signature is computed at most once.
   */
  function judgeOne(secret: string, body: Body, ts: string, current: string | undefined, old: string | undefined): Verdict {
    if (scheme.kind === 'shared-secret') return current !== undefined && equalSecret(secret, current) ? CURRENT : fail('mismatch');
    const expected = digest(scheme, fillBefore(ts), fillAfter(ts), body, secret);
    if (current !== undefined && equalSignature(scheme, expected, current)) return CURRENT;
    if (REVEALED && old !== undefined && equalSignature(scheme, expected, old)) return REVEALED;
    return fail('mismatch');
  }

  return (input) => {
    const previous = usablePrevious(input.previous);
    const one = typeof input.secrets === 'string' && previous === NONE ? input.secrets : undefined;
    const secrets = one === undefined ? currentSecrets(input.secrets, previous) : NO_SECRETS;
    if (input.body === undefined || input.body === null) return fail('missing-body');
    if (one === '' || (one === undefined && secrets.length === 0 && previous.length === 0)) return fail('missing-secret');
    const found = read(input.headers);
    const current = found[0];
    const old = oldAt > 0 ? found[oldAt] : undefined;
    if (!current && !old) return fail('missing-signature');
    const now = typeof input.now === 'number' && Number.isFinite(input.now) ? input.now : Date.now();

    let ts = '';
    let stampValue = 0;
    if (timestamp) {
      const stamp = found[stampAt];
      if (stamp === undefined) return fail('missing-timestamp');
      ts = stamp.trim();
      stampValue = wholeNumberOf(ts);
      if (stampValue < 0) return fail('bad-timestamp');
    }
    const verdict =
      one !== undefined ? judgeOne(one, input.body, ts, current, old) : judgeSignatures(new Matcher(scheme, input.body, fillBefore(ts), fillAfter(ts)), secrets, previous, current, old, now);
    // Freshness is judged only for a genuine signature, so a forged delivery is reported as forged.
    if (verdict.ok && timestamp && Math.abs(now - stampValue * (timestamp.unit === 's' ? 1000 : 1)) > timestamp.toleranceSeconds * 1000) {
      return fail('stale');
    }
    return verdict;
  };
}
