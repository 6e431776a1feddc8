import type { Headers } from '../types';

/**
 * Finds a header whatever its case, also under Zapier's `Http-` prefix (hooks.zapier.com renames
 * `X-Foo` to `Http-X-Foo`). A repeated header yields its first value; an empty one counts as absent.
 */
export function getHeader(headers: Headers | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const [wanted, prefixed] = namesOf(name);
  for (const key in headers) {
    // Only a key of either length can match: the others are skipped before they are lower-cased.
    if ((key.length !== wanted.length && key.length !== prefixed.length) || !Object.hasOwn(headers, key)) continue;
    if (!isNamed(key, wanted, prefixed)) continue;
    const value = headers[key];
    const v = Array.isArray(value) ? value[0] : value;
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

/**
 * Whether a header name lower-cases to either wanted name. Node hands headers over lower-cased already, so
 * an exact match is tried before toLowerCase, which costs more than the compare (this runs on every delivery).
 */
function isNamed(key: string, plain: string, prefixed: string): boolean {
  if (key === plain || key === prefixed) return true;
  const k = key.toLowerCase();
  return k === plain || k === prefixed;
}

/** A program asks for a handful of header names: each is lower-cased once, not on every delivery. */
const lowerNames = new Map<string, readonly [plain: string, prefixed: string]>();

function namesOf(name: string): readonly [plain: string, prefixed: string] {
  let names = lowerNames.get(name);
  if (!names) {
    const plain = name.toLowerCase();
    names = [plain, `http-${plain}`];
    if (lowerNames.size < 256) lowerNames.set(name, names);
  }
  return names;
}

/**
 * The same string as a property name. V8 keeps property names internalized (one copy of each text), and a
 * header name the request's headers object holds is one: `===` between two such strings compares pointers,
 * where a name computed at run time (`toLowerCase`, a template) is compared character by character.
 */
function asPropertyName(name: string): string {
  return Object.keys({ [name]: 0 })[0] ?? name;
}

/**
 * Whether `key` lower-cases to `name` (lower-case ASCII, same length), without making the lower-cased copy.
 * From the end: header names of one provider share their beginning (`x-acme-…`), so two different ones
 * differ soonest there. A key with a character beyond ASCII takes toLowerCase's Unicode rules, as getHeader
 * does (the Kelvin sign lower-cases to `k`).
 */
function sameIgnoringCase(key: string, name: string): boolean {
  for (let i = name.length - 1; i >= 0; i -= 1) {
    let c = key.charCodeAt(i);
    if (c > 127) return key.toLowerCase() === name;
    if (c >= 65 && c <= 90) c += 32;
    if (c !== name.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * A reader of a fixed set of headers in one scan of the request's headers, each found as getHeader
 * would find it (the first usable value of a key that lower-cases to the name or to `http-` + the name).
 * Built once per scheme or provider; it runs on every delivery, so a key is compared by length first,
 * then as given (Node hands names over lower-cased), then in any case without a lower-cased copy.
 */
export function headerReader(names: readonly string[]): (headers: Headers | undefined) => Array<string | undefined> {
  const plain = names.map((n) => asPropertyName(n.toLowerCase()));
  const prefixed = plain.map((n) => asPropertyName(`http-${n}`));
  const count = names.length;
  const none: Array<string | undefined> = plain.map(() => undefined);
  /** The wanted header `key` is, among those not found yet; -1 for none. Exact names first: the usual case. */
  const indexOf = (key: string, found: Array<string | undefined>): number => {
    for (let i = 0; i < count; i += 1) if (found[i] === undefined && (key === plain[i] || key === prefixed[i])) return i;
    const length = key.length;
    for (let i = 0; i < count; i += 1) {
      if (found[i] !== undefined) continue;
      const p = plain[i]!;
      if (length === p.length ? sameIgnoringCase(key, p) : length === p.length + 5 && sameIgnoringCase(key, prefixed[i]!)) return i;
    }
    return -1;
  };
  return (headers) => {
    // A copy of a packed array of `undefined`: one allocation, no growth.
    const found = none.slice();
    if (!headers) return found;
    let missing = count;
    for (const key in headers) {
      const at = indexOf(key, found);
      if (at < 0 || !Object.hasOwn(headers, key)) continue;
      const value = headers[key];
      const v = Array.isArray(value) ? value[0] : value;
      if (typeof v !== 'string' || v === '') continue;
      found[at] = v;
      if (--missing === 0) break;
    }
    return found;
  };
}
