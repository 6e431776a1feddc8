// How dist0's webhook sends are verified and read, as data for the kit (docs/kit.md, docs/dist0.md).
import type { Inbound } from '../../kit/provider';
import { createVerifier, type Messages } from '../../kit/inbound/verify';
import { headerReader } from '../../kit/inbound/headers';
import { setField } from '../../kit/inbound/normalize';
import type { ItemSpec, TriggerItem } from '../../kit/types';
import { DIST0_PLACES } from './assumed-api';
import { dist0Scheme } from './scheme';

export const DIST0_HEADERS = {
  signature: 'X-Dist0-Signature',
  timestamp: 'X-Dist0-Timestamp',
  kind: 'X-Dist0-Signal-Kind',
  deliveryId: 'X-Dist0-Delivery-Id',
} as const;

/** dist0's words for each refusal; none names a secret. */
export const dist0VerifyMessages: Messages = {
  'missing-body': 'The send has no raw body to verify.',
  'missing-secret': `No signing secret is set, so no dist0 send can be trusted: copy the signing secret from dist0 (${DIST0_PLACES.webhooks}) into the credential.`,
  'missing-signature': 'The send has no X-Dist0-Signature header (not from dist0).',
  'missing-timestamp': 'The send has no X-Dist0-Timestamp header (not from dist0).',
  'bad-timestamp': 'The send\'s X-Dist0-Timestamp is not a whole number of seconds (not from dist0).',
  stale: 'The send\'s X-Dist0-Timestamp is more than 300 seconds from this server\'s clock (a replayed send, or this server\'s clock is off).',
  mismatch: 'The signature does not match the signing secret (a forged or altered send, or the secret in the credential is not this project\'s).',
  'rotated-secret': 'The send is signed with a secret that was replaced (forged send).',
  'grace-ended': 'The send is signed with a secret that was replaced (forged send).',
};

export const verifyDist0 = createVerifier(dist0Scheme, dist0VerifyMessages);

/** The body's keys the item holds under its own names. */
const READ_KEYS: ReadonlySet<string> = new Set(['type', 'project_id', 'signal', 'post']);

/** The keys the item sets itself: a top-level body key of one of these names is renamed (the envelope route). */
const ITEM_KEYS: ReadonlySet<string> = new Set(['id', 'event', 'timestamp', 'kind', 'projectId', 'deliveryId', 'dedupeKey', 'signal', 'post', '__proto__']);

/** The item keys the adapter sets; a payload key of the same name is renamed by the kit. */
const SIGNAL_SPEC: ItemSpec = { idKey: null, discriminator: null, derive: null };

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The last conversion, remembered: sends come in bursts within one second (and each retry of a send
 * carries the second it was signed in), and formatting a Date costs about as much as the rest of the item.
 */
let lastSeconds: string | undefined;
let lastIso = '';

/** Unix seconds (the signed header) as ISO 8601; '' when it is not a whole number. */
export function isoOfSeconds(seconds: string | undefined): string {
  if (seconds === lastSeconds) return lastIso;
  const iso = seconds && /^\d{1,12}$/.test(seconds.trim()) ? new Date(Number(seconds.trim()) * 1000).toISOString() : '';
  lastSeconds = seconds;
  lastIso = iso;
  return iso;
}

type SignalBody = Record<string, unknown> & { type: string; signal: Record<string, unknown> & { id: string } };

/** Why a parsed body is no send to run (in dist0's words), or undefined when it is one. */
function refusalOf(body: Record<string, unknown>): string | undefined {
  if (typeof body.type !== 'string' || body.type === '') return 'The send has no type.';
  const signal = body.signal;
  if (!isObject(signal) || typeof signal.id !== 'string' || signal.id === '') return 'The send has no signal id, so it cannot be run exactly once.';
  return undefined;
}

/**
 * The item of a send with no top-level key to rename: the body's documented keys under the item's names
 * (one object literal: this runs on every send).
 */
function signalItem(send: SignalBody, deliveryId: string | undefined, seconds: string | undefined): TriggerItem {
  const { project_id: projectId, signal, post } = send;
  return {
    id: signal.id,
    event: send.type,
    timestamp: isoOfSeconds(seconds),
    kind: typeof signal.kind === 'string' ? signal.kind : '',
    projectId: typeof projectId === 'string' ? projectId : '',
    deliveryId: deliveryId ?? '',
    dedupeKey: signal.id,
    signal,
    post: isObject(post) ? post : {},
  };
}

/** The two headers the item reads, in one pass over the request's headers. */
const readItemHeaders = headerReader([DIST0_HEADERS.deliveryId, DIST0_HEADERS.timestamp]);

/**
 * A verified send → `{ id, event, timestamp, kind, projectId, deliveryId, dedupeKey, signal, post }`.
 * `id` and `dedupeKey` are `signal.id`: the same across dist0's retries whatever the delivery id does.
 * The kind is read from the signed body, never from the unsigned X-Dist0-Signal-Kind header.
 * Any other top-level key is kept as sent. `item` builds it in one pass (every send); `toEnvelope` is the
 * kit's envelope route, which it takes for a body with a top-level key to rename.
 */
export const dist0Inbound: Inbound = {
  scheme: dist0Scheme,
  id: { bodyPath: 'signal.id' },
  timestamp: { header: DIST0_HEADERS.timestamp, unit: 's' },
  toEnvelope(body, header) {
    const refusal = refusalOf(body);
    if (refusal) return { refuse: refusal };
    const { id: _id, event, timestamp, ...data } = signalItem(body as SignalBody, header(DIST0_HEADERS.deliveryId), header(DIST0_HEADERS.timestamp));
    // A top-level key dist0 may add is kept; one named like a key set above is renamed as the kit
    // renames (`kind` → `dataKind`), never dropped.
    for (const key in body) {
      if (!Object.hasOwn(body, key) || READ_KEYS.has(key)) continue;
      let name = key;
      while (Object.hasOwn(data, name)) name = `data${name.charAt(0).toUpperCase()}${name.slice(1)}`;
      setField(data, name, body[key]);
    }
    return { event, timestamp, data };
  },
  item(body, headers) {
    const refusal = refusalOf(body);
    if (refusal) return refusal;
    const [deliveryId, seconds] = readItemHeaders(headers);
    const item = signalItem(body as SignalBody, deliveryId, seconds);
    for (const key in body) {
      // READ_KEYS written out: four compares cost less than a Set lookup per key (parsed keys are internalized).
      if (key === 'type' || key === 'project_id' || key === 'signal' || key === 'post' || !Object.hasOwn(body, key)) continue;
      // A key the item sets itself would be renamed: the envelope route does that.
      if (ITEM_KEYS.has(key)) return undefined;
      item[key] = body[key];
    }
    return item;
  },
  specOf: () => SIGNAL_SPEC,
};
