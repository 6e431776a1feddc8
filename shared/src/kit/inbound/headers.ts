import type { Headers } from '../types';

/**
 * Finds a header whatever its case, also under Zapier's `Http-` prefix (hooks.zapier.com renames
 * `X-Foo` to `Http-X-Foo`). A repeated header yields its first value; an empty one counts as absent.
 */
export function getHeader(headers: Headers | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  const prefixed = `http-${wanted}`;
  for (const key in headers) {
    // Only a key of either length can match: the others are skipped before they are lower-cased.
    if ((key.length !== wanted.length && key.length !== prefixed.length) || !Object.hasOwn(headers, key)) continue;
    const k = key.toLowerCase();
    if (k !== wanted && k !== prefixed) continue;
    const value = headers[key];
    const v = Array.isArray(value) ? value[0] : value;
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
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
  return (headers) => {
    const found: Array<string | undefined> = [];
    for (let i = 0; i < count; i += 1) found.push(undefined);
    if (!headers) return found;
    let missing = count;
    for (const key in headers) {
      if (!lengths.has(key.length) || !Object.hasOwn(headers, key)) continue;
      const k = key.toLowerCase();
      let at = -1;
      for (let i = 0; i < count; i += 1) {
        if (found[i] === undefined && (k === plain[i] || k === prefixed[i])) {
          at = i;
          break;
        }
      }
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
