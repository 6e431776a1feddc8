// One Orisha delivery, verified then made into an item, for every host: a forged or unreadable one
// never becomes an item, and no message holds the secret (the verifier never echoes a header value).
import { normalizeWith } from '../../kit/inbound/normalize';
import { createVerifier, type VerifyFailure } from '../../kit/inbound/verify';
import type { Body, Headers, TriggerItem } from '../../kit/types';
import { orishaInbound, orishaVerifyMessages, TRIGGERED_BY_KEY } from './inbound';

export const verifyOrisha = createVerifier(orishaInbound.scheme, orishaVerifyMessages);

export type OrishaDelivery =
  | { ok: true; item: TriggerItem }
  /** 401: not from Orisha (answer 401 and run nothing); 400: genuine but unreadable. */
  | { ok: false; status: 401 | 400; reason: VerifyFailure | 'unreadable'; message: string };

export function receiveOrisha(rawBody: Body | undefined | null, headers: Headers | undefined, secret: string | undefined | null): OrishaDelivery {
  const verdict = verifyOrisha({ body: rawBody, headers, secrets: secret });
  if (!verdict.ok) return { ok: false, status: 401, reason: verdict.reason, message: verdict.message };
  // What the hosts run: the kit's normalizeWith, by Orisha's one-pass item (inbound.ts).
  const result = normalizeWith(orishaInbound, rawBody!, headers);
  if (!result.ok) return { ok: false, status: 400, reason: 'unreadable', message: result.message };
  return result;
}

/** True when the change was made by this connection's own machine identity (for loop prevention). */
export function isOwnChange(item: TriggerItem, ownId: string | undefined): boolean {
  return !!ownId && item[TRIGGERED_BY_KEY] === ownId;
}
