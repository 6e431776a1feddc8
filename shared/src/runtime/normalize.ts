import { createHash } from 'node:crypto';
import { getEvent } from './catalog';
import type { Body } from './signature';
import type { Envelope, RuntimeEvent, TriggerItem } from './types';

/**
 * Sets a payload field as an own property. Payload keys are untrusted: plain assignment of a
 * `__proto__` key would replace the item's prototype instead of keeping the field.
 */
export function setField(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The parts of an event's catalog entry that normalization reads. */
export type ItemSpec = Pick<RuntimeEvent, 'idKey' | 'discriminator' | 'derive'>;

/** Where an unknown event's `data.id` goes: it never throws, and nothing is dropped. */
const UNKNOWN_EVENT: ItemSpec = { idKey: 'resourceId', discriminator: null, derive: null };

/** `evt_` + the first 128 bits of SHA-256 over the raw body: an exact replay gets the same id. */
export function eventId(rawBody: Body): string {
  return `evt_${createHash('sha256').update(rawBody).digest('hex').slice(0, 32)}`;
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
 * with `data.id` under the resource's named key, every other field kept as sent, plus the
 * variant discriminator and derived counts where the catalog defines them.
 */
export function toTriggerItem(envelope: Envelope, id: string, spec: ItemSpec = specFor(envelope.event)): TriggerItem {
  const data = (envelope.data && typeof envelope.data === 'object' ? envelope.data : {}) as Record<string, unknown>;
  const { id: resourceId, ...rest } = data;
  const item: TriggerItem = { id, event: envelope.event, timestamp: envelope.timestamp };
  if (spec.idKey && resourceId !== undefined) item[spec.idKey] = resourceId;
  else if (resourceId !== undefined) setField(rest, 'id', resourceId);
  for (const [key, value] of Object.entries(rest)) {
    // The envelope's own fields win a name clash; the payload's copy is kept under `data*`.
    if (Object.hasOwn(item, key)) setField(item, `data${key[0]!.toUpperCase()}${key.slice(1)}`, value);
    else setField(item, key, value);
  }
  for (const [key, arrayField] of Object.entries(spec.derive?.countOf ?? {})) {
    const list = data[arrayField];
    if (!Object.hasOwn(item, key) && Array.isArray(list)) item[key] = list.length;
  }
  const variant = variantOf(spec, data);
  if (spec.discriminator && variant !== undefined && !Object.hasOwn(item, spec.discriminator.key)) {
    item[spec.discriminator.key] = variant;
  }
  return item;
}

export type ParseResult = { ok: true; envelope: Envelope } | { ok: false; message: string };

/** Parses a verified raw body into an envelope, without trusting its shape. */
export function parseEnvelope(rawBody: Body): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8'));
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

/** Parse and normalize a verified delivery in one step. */
export function normalizeDelivery(rawBody: Body): { ok: true; item: TriggerItem } | { ok: false; message: string } {
  const parsed = parseEnvelope(rawBody);
  if (!parsed.ok) return parsed;
  return { ok: true, item: toTriggerItem(parsed.envelope, eventId(rawBody)) };
}
