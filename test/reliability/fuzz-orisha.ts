/**
 * Property-based fuzzing of an Orisha Commerce delivery as every host receives it: receiveOrisha()
 * (the X-Secret check, then the item). Each run builds one delivery: a body (the codes of one of the
 * 13 events with extra and colliding keys, an unknown event, JSON that is not an object, or bytes),
 * the secret stored for the webhook (or none), what arrived in X-Secret (the secret, a prefix, the
 * secret and more, another case, another value, an empty or repeated header, none), the other four
 * headers present or not, every header name in any case or under Zapier's `Http-` prefix.
 *
 * The expected outcome comes from how the delivery was built (which value was put in which header),
 * not from the code under test. Properties: nothing throws; accepted exactly when the first X-Secret
 * value equals the stored secret; refusals give the expected reason; no message or item holds the
 * secret; a genuine delivery becomes an item exactly when its body is a JSON object with an event
 * type and an event id, with `id` = X-Event-Id, the headers' fields, and every body key kept; and the
 * provider's one-pass item (what hosts run) gives exactly what the kit's envelope route gives.
 */
import fc from 'fast-check';
import { normalizeWith, type NormalizeSpec } from '@distribu/shared/kit';
import { ORISHA_EVENT_NAMES, orishaEvents, orishaInbound, receiveOrisha } from '../../shared/src/providers/orisha';
import { figuresOf, type FuzzFigures } from './fuzz-deliveries';

/** Orisha's normalization without its one-pass `item`: the kit's envelope route, which the one pass must equal. */
const ENVELOPE_ROUTE: NormalizeSpec = { ...orishaInbound, item: undefined };

type SecretSent = 'exact' | 'prefix' | 'extended' | 'other-case' | 'other' | 'empty' | 'absent' | 'array-first' | 'array-second';
type Stored = 'secret' | 'list' | 'empty' | 'none';

const TRICKY_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'id', 'event', 'timestamp', 'dataId', 'dataEvent', 'administrationCode', 'dataAdministrationCode', 'dataDataAdministrationCode', 'triggeredById', 'dataTriggeredById', 'ItemCode', 'CustomerCode', 'record', 'recordStatus'];
const key = fc.oneof(fc.constantFrom(...TRICKY_KEYS), fc.string({ maxLength: 10 }), fc.string({ unit: 'binary', maxLength: 6 }));
const extraPairs = fc.array(fc.tuple(key, fc.jsonValue({ maxDepth: 2 })), { maxLength: 8 });
const code = fc.oneof(fc.constantFrom('ITM-1001', 'CUS-2001', 'PL-STD', 'CP-01', 'ADR-01'), fc.string({ maxLength: 16 }), fc.string({ unit: 'binary', maxLength: 8 }));

function objectText(pairs: ReadonlyArray<readonly [string, unknown]>): string {
  const merged = new Map<string, unknown>();
  for (const [k, v] of pairs) merged.set(k, v);
  return `{${[...merged].map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;
}

const bodyText = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...orishaEvents), fc.array(code, { minLength: 2, maxLength: 2 }), extraPairs)
      .map(([event, codes, extra]) => objectText([...event.codes.map((c, i) => [c, codes[i]] as const), ...extra])) },
  { weight: 1, arbitrary: extraPairs.map((pairs) => objectText(pairs)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
);
const spelling = fc.record({ caseBits: fc.nat(), zapier: fc.boolean() });
const optionalValue = fc.option(fc.oneof(fc.uuid(), fc.string({ maxLength: 30 })), { nil: undefined, freq: 5 });

const delivery = fc.record({
  secret: fc.string({ minLength: 1, maxLength: 48 }).map((s) => `ows_${s}`),
  stored: fc.oneof({ weight: 8, arbitrary: fc.constantFrom<Stored>('secret', 'list') }, { weight: 1, arbitrary: fc.constantFrom<Stored>('empty', 'none') }),
  sent: fc.oneof(
    { weight: 8, arbitrary: fc.constant<SecretSent>('exact') },
    { weight: 8, arbitrary: fc.constantFrom<SecretSent>('prefix', 'extended', 'other-case', 'other', 'empty', 'absent', 'array-first', 'array-second') },
  ),
  other: fc.string({ maxLength: 48 }),
  body: fc.oneof({ weight: 9, arbitrary: bodyText.map((t) => Buffer.from(t, 'utf8')) }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)) }),
  asString: fc.boolean(),
  missingBody: fc.nat({ max: 499 }).map((n) => n === 250),
  eventType: fc.option(fc.oneof(fc.constantFrom(...ORISHA_EVENT_NAMES), fc.string({ maxLength: 20 })), { nil: undefined, freq: 8 }),
  eventId: optionalValue,
  administration: optionalValue,
  triggeredBy: optionalValue,
  spellings: fc.array(spelling, { minLength: 5, maxLength: 5 }),
});
type Delivery = typeof delivery extends fc.Arbitrary<infer T> ? T : never;

function spell(name: string, { caseBits, zapier }: { caseBits: number; zapier: boolean }): string {
  const full = zapier ? `Http-${name}` : name;
  return [...full].map((c, i) => ((caseBits >> i % 30) & 1 ? c.toUpperCase() : c.toLowerCase())).join('');
}

/** What went into X-Secret, and what the receiver reads from it (the first value; empty counts as none). */
function secretHeader(d: Delivery): { value: string | string[] | undefined; read: string | undefined } {
  const junk = `x${d.other}`; // never equal to a secret, which starts with "ows_"
  switch (d.sent) {
    case 'exact': return { value: d.secret, read: d.secret };
    case 'prefix': return { value: d.secret.slice(0, -1), read: d.secret.slice(0, -1) };
    case 'extended': return { value: `${d.secret}${d.other || 'x'}`, read: `${d.secret}${d.other || 'x'}` };
    case 'other-case': return { value: d.secret.toUpperCase(), read: d.secret.toUpperCase() };
    case 'other': return { value: junk, read: junk };
    case 'empty': return { value: '', read: undefined };
    case 'absent': return { value: undefined, read: undefined };
    case 'array-first': return { value: [d.secret, junk], read: d.secret };
    case 'array-second': return { value: [junk, d.secret], read: junk };
  }
}

function build(d: Delivery) {
  const secretSent = secretHeader(d);
  const headers: Record<string, string | string[]> = { 'content-type': 'application/json' };
  const put = (i: number, name: string, value: string | string[] | undefined) => {
    if (value !== undefined) headers[spell(name, d.spellings[i]!)] = value;
  };
  put(0, 'X-Secret', secretSent.value);
  put(1, 'X-Event-Type', d.eventType);
  put(2, 'X-Event-Id', d.eventId);
  put(3, 'X-Administration-Code', d.administration);
  put(4, 'X-TriggeredBy-Id', d.triggeredBy);
  const stored = d.stored === 'secret' ? d.secret : d.stored === 'list' ? d.secret : d.stored === 'empty' ? '' : undefined;
  let expected: { ok: true } | { ok: false; reason: string };
  if (d.missingBody) expected = { ok: false, reason: 'missing-body' };
  else if (stored === undefined || stored === '') expected = { ok: false, reason: 'missing-secret' };
  else if (secretSent.read === undefined) expected = { ok: false, reason: 'missing-signature' };
  else if (secretSent.read === d.secret) expected = { ok: true };
  else expected = { ok: false, reason: 'mismatch' };
  const body = d.missingBody ? undefined : d.asString ? d.body.toString('utf8') : d.body;
  return { body, headers, stored, expected };
}

const RESERVED = new Set(['id', 'event', 'timestamp', 'administrationCode', 'triggeredById']);
const renamed = (k: string) => `data${k.charAt(0).toUpperCase()}${k.slice(1)}`;

/** What a genuine delivery must become, checked field by field against how it was built. */
function itemProblems(d: Delivery, item: Record<string, unknown>, parsed: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (item.id !== d.eventId) problems.push(`id ${JSON.stringify(item.id)} is not X-Event-Id`);
  if (item.event !== d.eventType) problems.push('event is not X-Event-Type');
  if (item.administrationCode !== (d.administration || null)) problems.push('administrationCode is not X-Administration-Code');
  if (item.triggeredById !== (d.triggeredBy || null)) problems.push('triggeredById is not X-TriggeredBy-Id');
  const bodyKeys = Object.keys(parsed);
  if (Object.keys(item).length !== bodyKeys.length + RESERVED.size) problems.push(`${Object.keys(item).length} keys for ${bodyKeys.length} body keys`);
  for (const k of bodyKeys) {
    // The key itself, or (when the item's own fields or earlier renames took it) a data… name holding its value.
    let name = k;
    let found = false;
    for (let i = 0; i < 6 && !found; i += 1, name = renamed(name)) {
      if (!RESERVED.has(name) && Object.hasOwn(item, name) && JSON.stringify(item[name]) === JSON.stringify(parsed[k])) found = true;
    }
    if (!found) problems.push(`body key ${JSON.stringify(k)} lost`);
  }
  return problems;
}

export function fuzzOrishaDeliveries({ runs, seed }: { runs: number; seed: number }): FuzzFigures {
  const accepted: Record<string, number> = {};
  const rejected: Record<string, number> = {};
  let normalized = 0;
  let notNormalized = 0;
  const start = performance.now();
  const property = fc.property(delivery, (d) => {
    const { body, headers, stored, expected } = build(d);
    const got = receiveOrisha(body, headers, d.stored === 'list' ? ([stored] as unknown as string) : stored);
    const verified = got.ok || got.status !== 401;
    if (verified !== expected.ok) throw new Error(`verification ${verified ? 'accepted' : 'refused'}, the delivery was built to be ${expected.ok ? 'accepted' : `refused (${(expected as { reason: string }).reason})`}`);
    if (!got.ok && got.status === 401 && !expected.ok && got.reason !== expected.reason) throw new Error(`refused as ${got.reason}, built for ${expected.reason}`);
    if (JSON.stringify(got).includes(d.secret) && !(body !== undefined && Buffer.from(body).toString('utf8').includes(d.secret))) throw new Error('the secret appears in the outcome');
    if (!verified) {
      const reason = got.ok ? '?' : got.reason;
      rejected[reason] = (rejected[reason] ?? 0) + 1;
      return;
    }
    accepted['X-Secret'] = (accepted['X-Secret'] ?? 0) + 1;
    // The one-pass item hosts run and the kit's envelope route give the same outcome, key order included.
    const viaEnvelope = JSON.stringify(normalizeWith(ENVELOPE_ROUTE, body!, headers));
    if (viaEnvelope !== JSON.stringify(normalizeWith(orishaInbound, body!, headers))) throw new Error(`the one-pass item and the envelope route differ: ${viaEnvelope}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(body!).toString('utf8'));
    } catch {
      parsed = undefined;
    }
    const isObject = !!parsed && typeof parsed === 'object' && !Array.isArray(parsed);
    const shouldNormalize = isObject && !!d.eventType && !!d.eventId;
    if (got.ok !== shouldNormalize) throw new Error(`normalization ${got.ok ? 'made an item' : `refused (${got.ok ? '' : got.message})`}, expected ${shouldNormalize ? 'an item' : 'a refusal'}`);
    if (!got.ok) {
      notNormalized += 1;
      return;
    }
    normalized += 1;
    const problems = itemProblems(d, got.item, parsed as Record<string, unknown>);
    if (problems.length > 0) throw new Error(`the item broke the rule: ${problems.join('; ')}`);
  });
  return figuresOf(fc.check(property, { numRuns: runs, seed, endOnFailure: false }), { runs, seed, accepted, rejected, normalized, notNormalized }, start);
}
