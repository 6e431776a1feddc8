import * as crypto from 'node:crypto';
import type { Body, Headers } from '../types';
import { getHeader } from './headers';

/**
 * Where a provider's event id comes from: a header it sets per event (`X-Event-Id`), a durable id in
 * the body (`signal.id`, stable across retries), or, when it sends neither, a digest of the raw body.
 */
export type EventIdSource = { header: string } | { bodyPath: string } | 'content-digest';

/**
 * Node's one-shot digest (Node >= 20.12, 21.7): no Hash object per call, which is most of a
 * small body's hashing cost. Older Node falls back to createHash; both give the same bytes.
 */
const oneShot = (crypto as { hash?: (algorithm: string, data: Body, encoding: 'hex') => string }).hash;

/**
 * `prefix` + the first 128 bits of SHA-256 over the raw body: an exact replay gets the same id.
 * Content-only on purpose (not derived from the secret-keyed signature): the id must not change
 * when the subscription's secret rotates.
 */
export function contentDigestId(rawBody: Body, prefix = 'evt_'): string {
  const hex = oneShot ? oneShot('sha256', rawBody, 'hex') : crypto.createHash('sha256').update(rawBody).digest('hex');
  return `${prefix}${hex.slice(0, 32)}`;
}

/** A provider has one or two paths: each is split once, not on every delivery. */
const pathKeys = new Map<string, string[]>();

/** The value at a dotted path (`signal.id`) of a parsed body, when it is a non-empty string or a number. */
export function valueAt(body: unknown, path: string): string | undefined {
  let keys = pathKeys.get(path);
  if (!keys) {
    keys = path.split('.');
    if (pathKeys.size < 64) pathKeys.set(path, keys);
  }
  let value: unknown = body;
  for (const key of keys) {
    if (!value || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The event id of one delivery (its raw body, headers and parsed body), or undefined when the provider's
 * header or body path is absent. (Arguments, not one object: this runs on every delivery.)
 */
export function eventIdOf(source: EventIdSource, rawBody: Body, headers: Headers | undefined, body: unknown): string | undefined {
  if (source === 'content-digest') return contentDigestId(rawBody);
  if ('header' in source) return getHeader(headers, source.header);
  return valueAt(body, source.bodyPath);
}
