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
    if (!Object.hasOwn(headers, key)) continue;
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
  const wanted = names.map((n) => [n.toLowerCase(), `http-${n.toLowerCase()}`] as const);
  const lengths = new Set(wanted.flat().map((n) => n.length));
  return (headers) => {
    const found: Array<string | undefined> = new Array(names.length).fill(undefined);
    if (!headers) return found;
    let missing = names.length;
    for (const key in headers) {
      if (!lengths.has(key.length) || !Object.hasOwn(headers, key)) continue;
      const k = key.toLowerCase();
      const at = wanted.findIndex(([plain, prefixed], i) => found[i] === undefined && (k === plain || k === prefixed));
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
