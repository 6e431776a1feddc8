/**
 * Property-based fuzzing of dist0 sends through what every host does with one: the provider's
 * verifier (dist0's scheme and words), then its normalization. Each run builds one send: a body (the
 * documented shape with any kind, quote bytes, extra and colliding keys, or junk), an
 * X-Dist0-Timestamp (fresh, skewed either way inside or outside 300 s, in milliseconds by mistake,
 * non-numeric, missing), a signature (by the secret, another secret, an empty key, junk, none) with
 * tampering (upper-case hex, spaces, a repeated header, a flipped digit, cut, `v1=`, no prefix, signed
 * over another timestamp), header names in any case or under Zapier's `Http-` prefix, a tampered body,
 * and the receiver's secret setting (one, two, empty, missing).
 *
 * The expected verdict comes from how the send was built, not from recomputing HMACs, so a wrong
 * accept or refusal shows up as a disagreement. Properties: nothing throws; the verdict and its
 * reason are the built ones; no message holds a secret; a normalized item's id and dedupe key are
 * `signal.id` whatever the delivery id, its kind is the body's, and every other top-level key is kept; the
 * provider's one-pass item equals the kit's envelope route, key order included.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { normalizeWith, valueAt, type NormalizeSpec, type VerifyFailure } from '@distribu/shared/kit';
import { dist0, verifyDist0 } from '@distribu/shared/providers/dist0/catalog';
import { figuresOf, type FuzzFigures } from './fuzz-deliveries';

const NOW_S = 1_783_080_000;
const NOW = NOW_S * 1000;
const SIG = 'X-Dist0-Signature';
const TS = 'X-Dist0-Timestamp';

type Signer = 'none' | 'secret1' | 'secret2' | 'attacker' | 'empty-key' | 'junk';
type SigTamper = 'none' | 'upper-hex' | 'spaces' | 'array-first' | 'upper-all' | 'flip' | 'cut' | 'v1' | 'no-prefix' | 'other-ts' | 'array-second' | 'empty';
const KEEPS_VALID: ReadonlySet<SigTamper> = new Set(['none', 'upper-hex', 'spaces', 'array-first']);
type Stamp = { kind: 'skew'; seconds: number } | { kind: 'ms' } | { kind: 'text'; value: string } | { kind: 'missing' };
type SecretSetting = 'one' | 'one-as-string' | 'two' | 'second-only' | 'empty' | 'missing' | 'empty-list';

const TRICKY_KEYS = ['__proto__', 'constructor', 'toString', '', 'id', 'event', 'timestamp', 'kind', 'dataKind', 'projectId', 'deliveryId', 'dedupeKey', 'signal', 'post', 'type', 'project_id', 'score'];
const key = fc.oneof(fc.constantFrom(...TRICKY_KEYS), fc.string({ maxLength: 8 }));
const quote = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom('Ärger mit Lieferzeiten 😤 — 日本語', '"quoted" \\ back\\slash', '\u2028\u2029'));

function objectText(pairs: ReadonlyArray<readonly [string, unknown]>): string {
  const merged = new Map<string, unknown>();
  for (const [k, v] of pairs) merged.set(k, v);
  return `{${[...merged].map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;
}

const signalBody = fc
  .record({
    signalId: fc.oneof({ weight: 9, arbitrary: fc.stringMatching(/^sig_[A-Za-z0-9]{1,8}$/) }, { weight: 1, arbitrary: fc.constantFrom<unknown>('', 42, null, undefined) }),
    kind: fc.oneof({ weight: 9, arbitrary: fc.constantFrom('pain', 'competitor') }, { weight: 1, arbitrary: fc.constantFrom<unknown>('praise', 3, undefined) }),
    quote,
    projectId: fc.oneof(fc.constant('prj_9f2a'), fc.constantFrom<unknown>(7, undefined)),
    post: fc.oneof({ weight: 9, arbitrary: fc.record({ id: fc.stringMatching(/^post_[A-Za-z0-9]{1,6}$/), permalink: fc.constant('https://reddit.com/r/…'), title: quote }) }, { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 'x', undefined) }),
    extra: fc.array(fc.tuple(key, fc.jsonValue({ maxDepth: 2 })), { maxLength: 6 }),
    type: fc.oneof({ weight: 9, arbitrary: fc.constant<unknown>('signal.created') }, { weight: 1, arbitrary: fc.constantFrom<unknown>('', 5, undefined, 'signal.updated') }),
  })
  .map((b) => {
    const signal: Array<[string, unknown]> = [['id', b.signalId], ['kind', b.kind], ['quote', b.quote], ['author', 'some_redditor']];
    const top: Array<[string, unknown]> = [['type', b.type], ['project_id', b.projectId], ['signal', Object.fromEntries(signal.filter(([, v]) => v !== undefined))], ['post', b.post]];
    return objectText([...top.filter(([, v]) => v !== undefined), ...b.extra]);
  });

const bodyText = fc.oneof(
  { weight: 8, arbitrary: signalBody },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
);
const bodyBytes = fc.oneof({ weight: 19, arbitrary: bodyText.map((t) => Buffer.from(t, 'utf8')) }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)) });

const stamp: fc.Arbitrary<Stamp> = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: -300, max: 300 }).map((seconds) => ({ kind: 'skew', seconds }) as const) },
  { weight: 4, arbitrary: fc.oneof(fc.integer({ min: -100_000, max: -301 }), fc.integer({ min: 301, max: 100_000 })).map((seconds) => ({ kind: 'skew', seconds }) as const) },
  { weight: 1, arbitrary: fc.constant({ kind: 'ms' } as const) },
  { weight: 1, arbitrary: fc.constantFrom('abc', '1783080000.5', '-1783080000', '0x6a4b', ' ', '1 783080000', '1e9', '١٧٨٣').map((value) => ({ kind: 'text', value }) as const) },
  { weight: 1, arbitrary: fc.constant({ kind: 'missing' } as const) },
);

const send = fc.record({
  pool: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 30 }), { minLength: 3, maxLength: 3 }).map((s) => s.map((x) => `d0s_${x}`)),
  setting: fc.oneof({ weight: 6, arbitrary: fc.constantFrom<SecretSetting>('one', 'one-as-string') }, { weight: 3, arbitrary: fc.constantFrom<SecretSetting>('two', 'second-only', 'empty', 'missing', 'empty-list') }),
  body: bodyBytes,
  asString: fc.boolean(),
  missingBody: fc.nat({ max: 999 }).map((n) => n === 500),
  signer: fc.oneof({ weight: 6, arbitrary: fc.constant<Signer>('secret1') }, { weight: 4, arbitrary: fc.constantFrom<Signer>('none', 'secret2', 'attacker', 'empty-key', 'junk') }),
  tamper: fc.oneof({ weight: 6, arbitrary: fc.constant<SigTamper>('none') }, { weight: 5, arbitrary: fc.constantFrom<SigTamper>('upper-hex', 'spaces', 'array-first', 'upper-all', 'flip', 'cut', 'v1', 'no-prefix', 'other-ts', 'array-second', 'empty') }),
  stamp,
  bodyTamper: fc.oneof(
    { weight: 8, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.nat().map((at) => ({ kind: 'truncate' as const, at })) },
    { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })).map(([at, bit]) => ({ kind: 'flip' as const, at, bit })) },
  ),
  spellings: fc.tuple(fc.nat(), fc.nat(), fc.boolean()),
  deliveryId: fc.option(fc.stringMatching(/^dlv_[a-z0-9]{1,8}$/), { nil: undefined }),
  junk: fc.stringMatching(/^[0-9a-f]{64}$/),
});
type Send = typeof send extends fc.Arbitrary<infer T> ? T : never;
type Expected = { ok: true } | { ok: false; reason: VerifyFailure };

function spell(name: string, caseBits: number, zapier: boolean): string {
  return [...(zapier ? `Http-${name}` : name)].map((c, i) => ((caseBits >> i % 30) & 1 ? c.toUpperCase() : c.toLowerCase())).join('');
}

/** dist0's documented signature, written here from its docs with node:crypto. */
const documented = (secret: string, ts: string, body: Buffer) => `v0=${createHmac('sha256', secret).update(`v0:${ts}:`).update(body).digest('hex')}`;

function tamperSignature(sig: string, how: SigTamper, junk: string, otherTsSig: string): string | string[] {
  const hex = sig.slice(3);
  switch (how) {
    case 'none': return sig;
    case 'upper-hex': return `v0=${hex.toUpperCase()}`;
    case 'spaces': return ` ${sig} `;
    case 'array-first': return [sig, `v0=${junk}`];
    case 'upper-all': return sig.toUpperCase();
    case 'flip': return `${sig.slice(0, 10)}${sig[10] === '0' ? '1' : '0'}${sig.slice(11)}`;
    case 'cut': return sig.slice(0, -1);
    case 'v1': return `v1=${hex}`;
    case 'no-prefix': return hex;
    case 'other-ts': return otherTsSig;
    case 'array-second': return [`v0=${junk}`, sig];
    case 'empty': return '';
  }
}

export function buildSend(s: Send) {
  const [s1, s2, attacker] = s.pool as [string, string, string];
  const secrets = { one: [s1], 'one-as-string': s1, two: [s2, s1], 'second-only': [s2], empty: '', missing: undefined, 'empty-list': [] }[s.setting];
  const usable = new Set((Array.isArray(secrets) ? secrets : [secrets]).filter((x): x is string => typeof x === 'string' && x !== ''));
  const ts = s.stamp.kind === 'skew' ? String(NOW_S + s.stamp.seconds) : s.stamp.kind === 'ms' ? String(NOW + 1234) : s.stamp.kind === 'text' ? s.stamp.value : undefined;
  const signedTs = ts ?? String(NOW_S);
  const signed = s.body;
  let body = signed;
  if (s.bodyTamper && signed.length > 0) {
    const at = s.bodyTamper.at % signed.length;
    body = s.bodyTamper.kind === 'truncate' ? signed.subarray(0, at) : Buffer.from(signed);
    if (s.bodyTamper.kind === 'flip') body[at] = body[at]! ^ (1 << s.bodyTamper.bit);
  }
  const secretOf: Record<Signer, string | undefined> = { none: undefined, junk: undefined, secret1: s1, secret2: s2, attacker, 'empty-key': '' };
  const secret = secretOf[s.signer];
  const headers: Record<string, string | string[]> = { 'content-type': 'application/json' };
  let present = false;
  let valid = false;
  if (s.signer !== 'none') {
    const sig = secret === undefined ? `v0=${s.junk}` : documented(secret, signedTs, signed);
    const value = tamperSignature(sig, s.tamper, s.junk, secret === undefined ? sig : documented(secret, String(Number(signedTs) + 1), signed));
    headers[spell(SIG, s.spellings[0], s.spellings[2])] = value;
    present = (Array.isArray(value) ? value[0] : value) !== '';
    valid = secret !== undefined && usable.has(secret) && KEEPS_VALID.has(s.tamper) && body.equals(signed);
  }
  if (ts !== undefined) headers[spell(TS, s.spellings[1], s.spellings[2])] = ts;
  if (s.deliveryId) headers['X-Dist0-Delivery-Id'] = s.deliveryId;
  const tsText = ts?.trim() ?? '';

  let expected: Expected;
  if (s.missingBody) expected = { ok: false, reason: 'missing-body' };
  else if (usable.size === 0) expected = { ok: false, reason: 'missing-secret' };
  else if (!present) expected = { ok: false, reason: 'missing-signature' };
  else if (ts === undefined || ts === '') expected = { ok: false, reason: 'missing-timestamp' };
  else if (!/^\d{1,16}$/.test(tsText)) expected = { ok: false, reason: 'bad-timestamp' };
  else if (!valid) expected = { ok: false, reason: 'mismatch' };
  else if (Math.abs(NOW - Number(tsText) * 1000) > 300_000) expected = { ok: false, reason: 'stale' };
  else expected = { ok: true };

  let input: Buffer | string | undefined = s.missingBody ? undefined : body;
  // A string body is what Zapier hands over: only equal to the bytes when they are valid UTF-8.
  if (s.asString && !s.missingBody && Buffer.from(body.toString('utf8'), 'utf8').equals(body)) input = body.toString('utf8');
  return { input: { body: input, headers, secrets, now: NOW }, expected, body, secrets: [...usable, attacker] };
}

/** dist0's normalization without its one-pass `item`: the kit's envelope route, which the one pass must equal. */
const ENVELOPE_ROUTE: NormalizeSpec = { ...dist0.inbound, item: undefined };

/** What normalization must give for a body, from the body alone: undefined when it must refuse. */
function expectedItem(body: Buffer, deliveryId: string | undefined) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const b = parsed as Record<string, unknown>;
  const signal = b.signal as Record<string, unknown> | undefined;
  if (typeof b.type !== 'string' || b.type === '' || !signal || typeof signal !== 'object' || Array.isArray(signal) || typeof signal.id !== 'string' || signal.id === '') return undefined;
  return { b, id: signal.id, kind: typeof signal.kind === 'string' ? signal.kind : '', projectId: typeof b.project_id === 'string' ? b.project_id : '', deliveryId: deliveryId ?? '' };
}

export function fuzzDist0({ runs, seed }: { runs: number; seed: number }): FuzzFigures {
  const accepted: Record<string, number> = {};
  const rejected: Record<string, number> = {};
  let normalized = 0;
  let notNormalized = 0;
  const start = performance.now();
  const property = fc.property(send, (s) => {
    const { input, expected, body, secrets } = buildSend(s);
    const verdict = verifyDist0(input);
    const got: Expected = verdict.ok ? { ok: true } : { ok: false, reason: verdict.reason };
    if (JSON.stringify(got) !== JSON.stringify(expected)) throw new Error(`verify said ${JSON.stringify(got)}, the send was built to get ${JSON.stringify(expected)}`);
    if (!verdict.ok && secrets.some((x) => verdict.message.includes(x))) throw new Error('a verify message names a secret');
    if (verdict.ok) accepted[SIG] = (accepted[SIG] ?? 0) + 1;
    else rejected[verdict.reason] = (rejected[verdict.reason] ?? 0) + 1;

    // Normalization runs on every body (hosts reach it only after a good signature).
    const result = normalizeWith(dist0.inbound, body, input.headers);
    // The one-pass item hosts run and the kit's envelope route (envelope, id, toTriggerItem) give the same
    // outcome, refusal words and key order included.
    const viaEnvelope = JSON.stringify(normalizeWith(ENVELOPE_ROUTE, body, input.headers));
    if (JSON.stringify(result) !== viaEnvelope) throw new Error(`the one-pass item and the envelope route differ: ${JSON.stringify(result)} vs ${viaEnvelope}`);
    const want = expectedItem(body, s.deliveryId);
    if (!want) {
      if (result.ok) throw new Error('normalization made an item from a body that is not a signal');
      notNormalized += 1;
      return;
    }
    if (!result.ok) throw new Error(`normalization refused a signal: ${result.message}`);
    normalized += 1;
    const item = result.item;
    const got2 = [item.id, item.dedupeKey, item.event, item.kind, item.projectId, item.deliveryId];
    const want2 = [want.id, want.id, want.b.type, want.kind, want.projectId, want.deliveryId];
    if (JSON.stringify(got2) !== JSON.stringify(want2)) throw new Error(`item ${JSON.stringify(got2)}, expected ${JSON.stringify(want2)}`);
    if (valueAt(item.signal, 'id') !== want.id) throw new Error('the item lost its signal');
    // Every other top-level key is kept, under its name or a `data…` rename.
    const values = new Set(Object.keys(item).map((k) => JSON.stringify(item[k])));
    for (const [k, v] of Object.entries(want.b)) {
      if (['type', 'project_id', 'signal'].includes(k)) continue;
      if (k === 'post' && (!v || typeof v !== 'object' || Array.isArray(v))) continue;
      if (!values.has(JSON.stringify(v))) throw new Error(`the key ${JSON.stringify(k)} was lost`);
    }
  });
  return figuresOf(fc.check(property, { numRuns: runs, seed, endOnFailure: false }), { runs, seed, accepted, rejected, normalized, notNormalized }, start);
}
