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
 * A reader of a fixed set of headers in one scan of the request's headers, each found as getHeader
 * would find it. Built once per scheme: a header whose name has none of the wanted lengths is
 * skipped before it is lower-cased (this runs on every delivery).
 */
export function headerReader(names: readonly string[]): (headers: Headers | undefined) => Array<string | undefined> {
  const plain = names.map((n) => n.toLowerCase());
  const prefixed = plain.map((n) => `http-${n}`);
  const lengths = new Set([...plain, ...prefixed].map((n) => n.length));
  const count = names.length;
  const none: Array<string | undefined> = plain.map(() => undefined);
  /** The wanted header `name` is, among those not found yet; -1 for none. (Tried as given first: see isNamed.) */
  const indexOf = (name: string, found: Array<string | undefined>): number => {
    for (let i = 0; i < count; i += 1) if (found[i] === undefined && (name === plain[i] || name === prefixed[i])) return i;
    return -1;
  };
  return (headers) => {
    // A copy of a packed array of `undefined`: one allocation, no growth.
    const found = none.slice();
    if (!headers) return found;
    let missing = count;
    for (const key in headers) {
      if (!lengths.has(key.length) || !Object.hasOwn(headers, key)) continue;
      let at = indexOf(key, found);
      if (at < 0) at = indexOf(key.toLowerCase(), found);
      if (at < 0) continue;
      const value = headers[key];
      const v = Array.isArray(value) ? value[0] : value;
      if (typeof v !== 'string' || v === '') continue;
      found[at] = v;
      if (--missing === 0) break;
    }
    return found;
  };
}
