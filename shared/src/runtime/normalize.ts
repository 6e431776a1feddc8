// Distribu's deliveries through the kit's normalization (shared/src/kit/inbound/normalize.ts):
// the algorithms live there; this file keeps the names both connectors import.
import { contentDigestId } from '../kit/inbound/event-id';
import { normalizeWith, parseJsonObject, setField, toTriggerItem as kitToTriggerItem, UNKNOWN_EVENT, variantOf, IN_PLACE_BODY_LENGTH } from '../kit/inbound/normalize';
import type { ItemSpec } from '../kit/types';
import { distribuInbound } from '../providers/distribu/inbound';
import { getEvent } from './catalog';
import type { Body } from './signature';
import type { Envelope, TriggerItem } from './types';

export { setField, variantOf, IN_PLACE_BODY_LENGTH, type ItemSpec };

/** `evt_` + the first 128 bits of SHA-256 over the raw body (Distribu sends no event id). */
export function eventId(rawBody: Body): string {
  return contentDigestId(rawBody);
}

function specFor(event: string): ItemSpec {
  return getEvent(event) ?? UNKNOWN_EVENT;
}

/**
 * Turns an envelope into the trigger item both connectors emit: `{ id, event, timestamp, ...data }`
 * with `data.id` under the resource's named key (docs/normalization.md); the event's catalog entry
 * is the spec unless one is given.
 */
export function toTriggerItem(envelope: Envelope, id: string, spec: ItemSpec = specFor(envelope.event), options: { inPlace?: boolean } = {}): TriggerItem {
  return kitToTriggerItem(envelope, id, spec, options);
}

export type ParseResult = { ok: true; envelope: Envelope } | { ok: false; message: string };

/** Parses a verified raw body into an envelope, without trusting its shape. */
export function parseEnvelope(rawBody: Body): ParseResult {
  const parsed = parseJsonObject(rawBody);
  if (!parsed.ok) return parsed;
  const envelope = distribuInbound.toEnvelope(parsed.value, () => undefined);
  return 'refuse' in envelope ? { ok: false, message: envelope.refuse } : { ok: true, envelope };
}

/** Parse and normalize a verified delivery in one step. */
export function normalizeDelivery(rawBody: Body): { ok: true; item: TriggerItem } | { ok: false; message: string } {
  return normalizeWith(distribuInbound, rawBody);
}
