// How Orisha Commerce's deliveries are verified and read, as data for the kit (docs/kit.md). The
// body holds only codes; what the event is, its id, the administration and who made the change come
// in headers (Orisha's "default request headers"). Orisha sends no event time.
import { headerReader } from '../../kit/inbound/headers';
import { setField, toTriggerItem } from '../../kit/inbound/normalize';
import type { Messages } from '../../kit/inbound/verify';
import type { Inbound } from '../../kit/provider';
import type { Envelope } from '../../kit/types';
import { orishaEvent } from './events';
import { orishaScheme } from './scheme';

export const ORISHA_HEADERS = {
  eventId: 'X-Event-Id',
  eventType: 'X-Event-Type',
  secret: 'X-Secret',
  administration: 'X-Administration-Code',
  triggeredBy: 'X-TriggeredBy-Id',
} as const;

/** Item fields taken from headers; a body key of the same name is kept as `data<Key>`. */
export const ADMINISTRATION_KEY = 'administrationCode';
export const TRIGGERED_BY_KEY = 'triggeredById';
const HEADER_KEYS = new Set([ADMINISTRATION_KEY, TRIGGERED_BY_KEY]);

export const orishaVerifyMessages: Messages = {
  'missing-body': 'The delivery has no body.',
  'missing-secret': 'No webhook secret is stored for this subscription; turn it off and on again to register a new webhook.',
  'missing-signature': 'The delivery has no X-Secret header.',
  'missing-timestamp': 'The delivery has no timestamp.',
  'bad-timestamp': 'The delivery has no readable timestamp.',
  stale: "The delivery's timestamp is too far from this server's clock.",
  mismatch: "The X-Secret header does not match this webhook's secret (forged delivery).",
  'rotated-secret': 'The delivery carries a secret that was reset (forged delivery).',
  'grace-ended': 'The delivery carries a secret that was reset.',
};

/** The body's keys (a colliding one renamed by the kit's rule) and the two header fields, which win. */
export function orishaData(body: Record<string, unknown>, administration: string | undefined, triggeredBy: string | undefined): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const key of Object.keys(body)) {
    let name = key;
    while (HEADER_KEYS.has(name) || (name !== key && Object.hasOwn(body, name))) name = `data${name[0]!.toUpperCase()}${name.slice(1)}`;
    setField(data, name, body[key]);
  }
  data[ADMINISTRATION_KEY] = administration ?? null;
  data[TRIGGERED_BY_KEY] = triggeredBy ?? null;
  return data;
}

export const NO_EVENT_TYPE = 'The delivery has no X-Event-Type header.';

function toEnvelope(body: Record<string, unknown>, header: (name: string) => string | undefined): Envelope | { refuse: string } {
  const event = header(ORISHA_HEADERS.eventType);
  if (!event) return { refuse: NO_EVENT_TYPE };
  return { event, timestamp: '', data: orishaData(body, header(ORISHA_HEADERS.administration), header(ORISHA_HEADERS.triggeredBy)) };
}

/** What an unknown event type gets: its body kept as sent (the kit's default would move a body `id`). */
export const ORISHA_UNKNOWN_EVENT = { idKey: null, discriminator: null, derive: null };

/** The four headers an item needs, read in one pass over the request's headers. */
const readItemHeaders = headerReader([ORISHA_HEADERS.eventType, ORISHA_HEADERS.eventId, ORISHA_HEADERS.administration, ORISHA_HEADERS.triggeredBy]);

export const orishaInbound: Inbound = {
  scheme: orishaScheme,
  // Orisha: "X-Event-Id … can be used to check if the webhook is already processed": the dedupe key.
  id: { header: ORISHA_HEADERS.eventId },
  toEnvelope,
  specOf: (event) => orishaEvent(event) ?? ORISHA_UNKNOWN_EVENT,
  // The envelope route's item with the headers read in one pass instead of one per field (every delivery).
  item(body, headers) {
    const [event, id, administration, triggeredBy] = readItemHeaders(headers);
    if (!event) return NO_EVENT_TYPE;
    if (!id) return 'The delivery has no event id.';
    return toTriggerItem({ event, timestamp: '', data: orishaData(body, administration, triggeredBy) }, id, orishaEvent(event) ?? ORISHA_UNKNOWN_EVENT);
  },
};
