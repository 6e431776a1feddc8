import type { Body, Envelope, Headers, ItemSpec, TriggerItem } from '../types';
import { eventIdOf, type EventIdSource } from './event-id';
import { getHeader } from './headers';

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
  spec: ItemSpec,
  options?: { inPlace?: boolean },
): TriggerItem {
  const data = (envelope.data && typeof envelope.data === 'object' ? envelope.data : {}) as Record<string, unknown>;
  const resourceId = Object.hasOwn(data, 'id') ? data.id : undefined;
  const movesId = spec.idKey !== null && resourceId !== undefined;

  const own: Record<string, unknown> = { id, event: envelope.event, timestamp: envelope.timestamp };
  if (movesId) own[spec.idKey!] = resourceId;
  // Most events derive nothing: they share one empty object instead of making one per delivery.
  const computed = spec.derive || spec.discriminator ? computedFields(spec, data) : NOTHING_COMPUTED;

  if (options?.inPlace && copiesAsIs(data, own, computed, movesId)) return extendInPlace(data, own, computed, movesId);
  const item = own as TriggerItem;
  if (copiesAsIs(data, own, computed, movesId)) {
    // Nothing to rename and no `__proto__` key: plain assignment is setField for every key here.
    for (const key of Object.keys(data)) if (!(movesId && key === 'id')) item[key] = data[key];
  } else {
    copyRenaming(item, data, own, computed, movesId);
  }
  if (computed !== NOTHING_COMPUTED) Object.assign(item, computed);
  return item;
}

const NOTHING_COMPUTED: Record<string, unknown> = Object.freeze({});

/** The derived counts and the variant discriminator the spec defines, for one payload. */
function computedFields(spec: ItemSpec, data: Record<string, unknown>): Record<string, unknown> {
  const computed: Record<string, unknown> = {};
  for (const [key, arrayField] of Object.entries(spec.derive?.countOf ?? {})) {
    const list = Object.hasOwn(data, arrayField) ? data[arrayField] : undefined;
    if (Array.isArray(list)) computed[key] = list.length;
  }
  const variant = variantOf(spec, data);
  if (spec.discriminator && variant !== undefined) computed[spec.discriminator.key] = variant;
  return computed;
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

/** The body's text, without copying its bytes first (Buffer.from(Uint8Array) would copy them). */
export function textOf(bytes: Uint8Array): string {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // toString() with no argument is UTF-8 without the encoding lookup (this runs on every delivery).
  return buffer.toString();
}

/** Parses a verified raw body as a JSON object, without trusting its shape. */
export function parseJsonObject(rawBody: Body): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  const value = parsedObject(rawBody);
  return typeof value === 'string' ? { ok: false, message: value } : { ok: true, value };
}

/** The body as a JSON object, or why it is not one (no result object: normalizeWith runs on every delivery). */
function parsedObject(rawBody: Body): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(typeof rawBody === 'string' ? rawBody : textOf(rawBody));
  } catch {
    return 'The delivery body is not valid JSON.';
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'The delivery body is not a JSON object.';
  return value as Record<string, unknown>;
}

/** What normalization needs from a provider: how its body becomes an envelope, where the id is, each event's spec. */
export interface NormalizeSpec {
  /** Parsed body + header reader → the envelope, or a plain reason to refuse it. */
  toEnvelope(body: Record<string, unknown>, header: (name: string) => string | undefined): Envelope | { refuse: string };
  id: EventIdSource;
  /** The event's spec; an unknown event gets `unknownEvent`, so nothing is dropped. */
  specOf(event: string): ItemSpec | undefined;
  /**
   * Optional: the usual delivery's item in one pass, straight from the parsed body and the request's headers:
   * the item toEnvelope, `id` and toTriggerItem give together, without the envelope and the copy in between
   * (this runs on every delivery). A string is a refusal (toEnvelope's words); undefined hands the body to
   * that envelope route, e.g. when a payload key must be renamed. A test holds both routes equal.
   */
  item?(body: Record<string, unknown>, headers: Headers | undefined): TriggerItem | string | undefined;
}

/** Where an unknown event's `data.id` goes: it never throws, and nothing is dropped. */
export const UNKNOWN_EVENT: ItemSpec = { idKey: 'resourceId', discriminator: null, derive: null };

/**
 * Bodies from this size up become items in place (`extendInPlace`): only a body this large can hold so many
 * payload keys that copying them costs as much as the parse. Smaller items keep their own keys first.
 */
export const IN_PLACE_BODY_LENGTH = 1024 * 1024;

/** Parses and normalizes a verified delivery of any provider in one step. */
export function normalizeWith(
  spec: NormalizeSpec,
  rawBody: Body,
  headers?: Headers,
): { ok: true; item: TriggerItem } | { ok: false; message: string } {
  const body = parsedObject(rawBody);
  if (typeof body === 'string') return { ok: false, message: body };
  const large = rawBody.length >= IN_PLACE_BODY_LENGTH;
  // A body large enough to be made into its item in place takes the envelope route, whose key order that is.
  if (spec.item && !large) {
    const item = spec.item(body, headers);
    if (typeof item === 'string') return { ok: false, message: item };
    if (item !== undefined) return { ok: true, item };
  }
  return viaEnvelope(spec, rawBody, headers, body, large);
}

/** The envelope route: the provider's envelope, the event id, then the item (toTriggerItem). */
function viaEnvelope(
  spec: NormalizeSpec,
  rawBody: Body,
  headers: Headers | undefined,
  body: Record<string, unknown>,
  large: boolean,
): { ok: true; item: TriggerItem } | { ok: false; message: string } {
  const envelope = spec.toEnvelope(body, (name) => getHeader(headers, name));
  if ('refuse' in envelope) return { ok: false, message: envelope.refuse };
  const id = eventIdOf(spec.id, rawBody, headers, body);
  if (id === undefined) return { ok: false, message: 'The delivery has no event id.' };
  const item = toTriggerItem(envelope, id, spec.specOf(envelope.event) ?? UNKNOWN_EVENT, large ? IN_PLACE : undefined);
  return { ok: true, item };
}

const IN_PLACE = { inPlace: true } as const;
