// One Orisha delivery, verified then made into an item, for every host: a forged or unreadable one
// never becomes an item, and no message holds the secret (the verifier never echoes a header value).
import { headerReader } from '../../kit/inbound/headers';
import { IN_PLACE_BODY_LENGTH, parseJsonObject, toTriggerItem } from '../../kit/inbound/normalize';
import { createVerifier, type VerifyFailure } from '../../kit/inbound/verify';
import type { Body, Headers, TriggerItem } from '../../kit/types';
import { orishaEvent } from './events';
import { NO_EVENT_TYPE, ORISHA_HEADERS, ORISHA_UNKNOWN_EVENT, orishaData, orishaInbound, orishaVerifyMessages, TRIGGERED_BY_KEY } from './inbound';

export const verifyOrisha = createVerifier(orishaInbound.scheme, orishaVerifyMessages);

export type OrishaDelivery =
  | { ok: true; item: TriggerItem }
  /** 401: not from Orisha (answer 401 and run nothing); 400: genuine but unreadable. */
  | { ok: false; status: 401 | 400; reason: VerifyFailure | 'unreadable'; message: string };

/** The four headers an item needs, read in one pass over the request's headers. */
const readItemHeaders = headerReader([ORISHA_HEADERS.eventType, ORISHA_HEADERS.eventId, ORISHA_HEADERS.administration, ORISHA_HEADERS.triggeredBy]);

/**
 * A verified delivery as an item: what the kit's normalizeWith(orishaInbound, ...) gives (a test holds
 * them equal), with the headers read in one pass instead of one per field (this runs on every delivery).
 */
export function orishaItem(rawBody: Body, headers: Headers | undefined): { ok: true; item: TriggerItem } | { ok: false; message: string } {
  const parsed = parseJsonObject(rawBody);
  if (!parsed.ok) return parsed;
  const [event, id, administration, triggeredBy] = readItemHeaders(headers);
  if (!event) return { ok: false, message: NO_EVENT_TYPE };
  if (!id) return { ok: false, message: 'The delivery has no event id.' };
  const envelope = { event, timestamp: '', data: orishaData(parsed.value, administration, triggeredBy) };
  return { ok: true, item: toTriggerItem(envelope, id, orishaEvent(event) ?? ORISHA_UNKNOWN_EVENT, { inPlace: rawBody.length >= IN_PLACE_BODY_LENGTH }) };
}

export function receiveOrisha(rawBody: Body | undefined | null, headers: Headers | undefined, secret: string | undefined | null): OrishaDelivery {
  const verdict = verifyOrisha({ body: rawBody, headers, secrets: secret });
  if (!verdict.ok) return { ok: false, status: 401, reason: verdict.reason, message: verdict.message };
  const result = orishaItem(rawBody!, headers);
  if (!result.ok) return { ok: false, status: 400, reason: 'unreadable', message: result.message };
  return result;
}

/** True when the change was made by this connection's own machine identity (for loop prevention). */
export function isOwnChange(item: TriggerItem, ownId: string | undefined): boolean {
  return !!ownId && item[TRIGGERED_BY_KEY] === ownId;
}
