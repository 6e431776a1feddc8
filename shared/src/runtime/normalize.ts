import * as crypto from 'node:crypto';
import { getEvent } from './catalog';
import type { Body } from './signature';
import type { Envelope, RuntimeEvent, TriggerItem } from './types';

/**
 * Sets a payload field as an own property. Payload keys are untrusted: plain assignment of a
 * `__proto__` key would replace the item's prototype instead of keeping the field. Only that key
 * needs defineProperty (the one accessor on Object.prototype); a defineProperty per key is
 * several times slower on large objects.
 */
export function setField(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** The parts of an event's catalog entry that normalization reads. */
export type ItemSpec = Pick<RuntimeEvent, 'idKey' | 'discriminator' | 'derive'>;

/** Where an unknown event's `data.id` goes: it never throws, and nothing is dropped. */
const UNKNOWN_EVENT: ItemSpec = { idKey: 'resourceId', discriminator: null, derive: null };

/**
 * Node's one-shot digest (Node >= 20.12, 21.7): no Hash object per call, which is most of a
 * small body's hashing cost. Older Node falls back to createHash; both give the same bytes.
 */
const oneShot = (crypto as { hash?: (algorithm: string, data: Body, encoding: 'hex') => string }).hash;

/**
 * `evt_` + the first 128 bits of SHA-256 over the raw body: an exact replay gets the same id.
 * Content-only on purpose (not derived from the secret-keyed signature): the id must not change
 * when the subscription's secret rotates, and ids of polled records must stay what they were.
 */
export function eventId(rawBody: Body): string {
  const hex = oneShot ? oneShot('sha256', rawBody, 'hex') : crypto.createHash('sha256').update(rawBody).digest('hex');
  return `evt_${hex.slice(0, 32)}`;
}

function specFor(event: string): ItemSpec {
  return getEvent(event) ?? UNKNOWN_EVENT;
}

export function variantOf(spec: ItemSpec, data: Record<string, unknown>): string | undefined {
  const rule = spec.discriminator?.rules.find(
    (r) => (r.has === undefined || Object.hasOwn(data, r.has)) && (r.lacks === undefined || !Object.hasOwn(data, r.lacks)),
  );
  return rule?.variant;
}

/**
 * Turns an envelope into the trigger item both connectors emit: `{ id, event, timestamp, ...data }`
 * with `data.id` under the resource's named key, every other field kept, plus the variant
 * discriminator and derived counts where the catalog defines them.
 *
 * Every payload field is kept (docs/normalization.md): the fields the item itself sets (`id`,
 * `event`, `timestamp`, the resource id key, the discriminator and derived keys) win a name clash;
 * a payload key that collides is renamed `data<Key>`, and while that name is taken (by another
 * payload key or an earlier rename) `dataData<Key>` and so on. Other payload keys keep their names.
 *
 * Linear in the number of keys: one pass of plain assignments into a fresh object, without per-key
 * checks when no key clashes. (Object rest `{ id, ...rest }`, Object.assign and a defineProperty per
 * key all cost more per key on a large object: bench/README.md, benchmark 6.)
 */
export function toTriggerItem(
  envelope: Envelope,
  id: string,
  spec: ItemSpec = specFor(envelope.event),
  options: { inPlace?: boolean } = {},
): TriggerItem {
  const data = (envelope.data && typeof envelope.data === 'object' ? envelope.data : {}) as Record<string, unknown>;
  const resourceId = Object.hasOwn(data, 'id') ? data.id : undefined;
  const movesId = spec.idKey !== null && resourceId !== undefined;

  const own: Record<string, unknown> = { id, event: envelope.event, timestamp: envelope.timestamp };
  if (movesId) own[spec.idKey!] = resourceId;
  const computed: Record<string, unknown> = {};
  for (const [key, arrayField] of Object.entries(spec.derive?.countOf ?? {})) {
    const list = Object.hasOwn(data, arrayField) ? data[arrayField] : undefined;
    if (Array.isArray(list)) computed[key] = list.length;
  }
  const variant = variantOf(spec, data);
  if (spec.discriminator && variant !== undefined) computed[spec.discriminator.key] = variant;

  if (options.inPlace && copiesAsIs(data, own, computed, movesId)) return extendInPlace(data, own, computed, movesId);
  const item = own as TriggerItem;
  if (copiesAsIs(data, own, computed, movesId)) {
    // Nothing to rename and no `__proto__` key: plain assignment is setField for every key here.
    for (const key of Object.keys(data)) if (!(movesId && key === 'id')) item[key] = data[key];
  } else {
    copyRenaming(item, data, own, computed, movesId);
  }
  Object.assign(item, computed);
  return item;
}

/**
 * The item made from the payload object itself: the same keys and values as the copy, with the item's
 * own keys after the payload's instead of before. O(1) however many keys the payload has, where the copy
 * costs about what JSON.parse spent creating them. Only for a payload nobody else holds (just parsed).
 */
function extendInPlace(data: Record<string, unknown>, own: Record<string, unknown>, computed: Record<string, unknown>, movesId: boolean): TriggerItem {
  if (movesId) delete data.id;
  Object.assign(data, own, computed);
  return data as TriggerItem;
}

/**
 * True when no payload key needs renaming or defineProperty: the payload has no `__proto__` key and
 * no key the item sets itself, except an `id` that moves to the resource key. A few hasOwn checks,
 * however many keys the payload has.
 */
function copiesAsIs(data: Record<string, unknown>, own: Record<string, unknown>, computed: Record<string, unknown>, movesId: boolean): boolean {
  if (Object.hasOwn(data, '__proto__')) return false;
  for (const key in own) if (Object.hasOwn(data, key) && !(key === 'id' && movesId)) return false;
  for (const key in computed) if (Object.hasOwn(data, key)) return false;
  return true;
}

/** The general case: every payload key in order, a colliding one renamed (module comment above). */
function copyRenaming(item: Record<string, unknown>, data: Record<string, unknown>, own: Record<string, unknown>, computed: Record<string, unknown>, movesId: boolean): void {
  const reserved = new Set([...Object.keys(own), ...Object.keys(computed)]);
  const renames = new Set<string>();
  for (const key of Object.keys(data)) {
    if (movesId && key === 'id') continue;
    let name = key;
    if (reserved.has(key)) {
      do name = renamed(name);
      while (reserved.has(name) || renames.has(name) || Object.hasOwn(data, name));
      renames.add(name);
    }
    setField(item, name, data[key]);
  }
}

/** `event` → `dataEvent` → `dataDataEvent`: the next name a colliding payload key tries. */
function renamed(key: string): string {
  return `data${key.charAt(0).toUpperCase()}${key.slice(1)}`;
}

export type ParseResult = { ok: true; envelope: Envelope } | { ok: false; message: string };

/** The body's text, without copying its bytes first (Buffer.from(Uint8Array) would copy them). */
function textOf(bytes: Uint8Array): string {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return buffer.toString('utf8');
}

/** Parses a verified raw body into an envelope, without trusting its shape. */
export function parseEnvelope(rawBody: Body): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(typeof rawBody === 'string' ? rawBody : textOf(rawBody));
  } catch {
    return { ok: false, message: 'The delivery body is not valid JSON.' };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, message: 'The delivery body is not a JSON object.' };
  }
  const { event, timestamp, data } = value as Record<string, unknown>;
  if (typeof event !== 'string' || event === '') return { ok: false, message: 'The delivery has no event name.' };
  return {
    ok: true,
    envelope: {
      event,
      timestamp: typeof timestamp === 'string' ? timestamp : '',
      data: data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {},
    },
  };
}

/**
 * Bodies from this size up become items in place (`extendInPlace`): only a body this large can hold so many
 * payload keys that copying them costs as much as the parse. Smaller items keep their own keys first.
 */
export const IN_PLACE_BODY_LENGTH = 1024 * 1024;

/** Parse and normalize a verified delivery in one step. */
export function normalizeDelivery(rawBody: Body): { ok: true; item: TriggerItem } | { ok: false; message: string } {
  const parsed = parseEnvelope(rawBody);
  if (!parsed.ok) return parsed;
  const { envelope } = parsed;
  // The parsed payload is this call's own object, so a large one may become the item itself.
  // (Bytes, or UTF-16 units of a string body: a size gate only, no scan of the body.)
  const inPlace = rawBody.length >= IN_PLACE_BODY_LENGTH;
  return { ok: true, item: toTriggerItem(envelope, eventId(rawBody), specFor(envelope.event), { inPlace }) };
}
