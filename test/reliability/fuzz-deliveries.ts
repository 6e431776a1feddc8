/**
 * Property-based fuzzing of what both connectors do with a delivery: verify(), then
 * normalizeDelivery(). Each run builds one delivery: a body (a valid envelope of a catalog event,
 * an unknown event, or junk), signatures made with known secrets (current, previous in or after
 * their grace window, an attacker's, Distribu's fresh one we do not know), header names in any case
 * or under Zapier's `Http-` prefix, and tampering (truncated body, flipped bit, altered signature).
 *
 * The expected verdict comes from how the delivery was built (who signed which header over which
 * bytes), not from recomputing HMACs, so a wrong accept shows up as a disagreement.
 * Properties: nothing throws; verify accepts exactly when an accepted secret signed the final body
 * in an accepted header (and otherwise gives the expected reason); normalization keeps every key.
 */
import fc from 'fast-check';
import { events, normalizeDelivery, sign, verify, type PreviousSecret, type VerifyFailure } from '@distribu/shared/runtime';
import { ruleViolations } from '../shared/support/normalization-rule';

const NOW = Date.parse('2026-06-01T12:00:00.000Z');
const SIGNATURE = 'X-Webhook-Signature';
const OLD = 'X-Webhook-Signature-Old';

/** Who signed a header: a role in the secret pool, or nobody (junk / absent). */
type Signer = 'none' | 'current1' | 'current2' | 'previous1' | 'previous2' | 'attacker' | 'fresh' | 'empty-key' | 'junk';
/** What happened to a signature value on the way; the first three keep it valid. */
type SigTamper = 'none' | 'upper' | 'spaces' | 'array-first' | 'flip' | 'cut' | 'prefix' | 'array-second' | 'empty';
const KEEPS_VALID: ReadonlySet<SigTamper> = new Set(['none', 'upper', 'spaces', 'array-first']);
type BodyTamper = { kind: 'none' } | { kind: 'truncate'; at: number } | { kind: 'flip'; at: number; bit: number };

const TRICKY_KEYS = [
  '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', '', 'id', 'event', 'timestamp', 'dataId',
  'dataEvent', 'dataDataEvent', 'dataTimestamp', 'resourceId', 'orderId', 'dataOrderId', 'customerId', 'productId',
  'returnId', 'refundId', 'source', 'dataSource', 'itemCount', 'items', 'updateType', 'price',
];

const key = fc.oneof(fc.constantFrom(...TRICKY_KEYS), fc.string({ maxLength: 10 }), fc.string({ unit: 'binary', maxLength: 6 }));
const extraPairs = fc.array(fc.tuple(key, fc.jsonValue({ maxDepth: 2 })), { maxLength: 12 });

function objectText(pairs: ReadonlyArray<readonly [string, unknown]>): string {
  const merged = new Map<string, unknown>();
  for (const [k, v] of pairs) merged.set(k, v);
  return `{${[...merged].map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;
}

/** Valid envelopes of every catalog event (its samples, with extra and colliding keys), and junk. */
const bodyText = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...events.flatMap((e) => e.samples.map((s) => s.envelope))), extraPairs, fc.boolean(), fc.date({ noInvalidDate: true }))
      .map(([envelope, extra, dropId, at]) => {
        const data = Object.entries(envelope.data).filter(([k]) => !(dropId && k === 'id'));
        return `{"event":${JSON.stringify(envelope.event)},"timestamp":${JSON.stringify(at.toISOString())},"data":${objectText([...data, ...extra])}}`;
      }) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 20 }), extraPairs).map(([event, extra]) => `{"event":${JSON.stringify(event)},"timestamp":"t","data":${objectText(extra)}}`) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
);
const bodyBytes = fc.oneof({ weight: 9, arbitrary: bodyText.map((t) => Buffer.from(t, 'utf8')) }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)) });

const signer = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Signer>('current1') },
  { weight: 2, arbitrary: fc.constant<Signer>('previous1') },
  { weight: 4, arbitrary: fc.constantFrom<Signer>('none', 'current2', 'previous2', 'attacker', 'fresh', 'empty-key', 'junk') },
);
const sigTamper = fc.oneof(
  { weight: 6, arbitrary: fc.constant<SigTamper>('none') },
  { weight: 4, arbitrary: fc.constantFrom<SigTamper>('upper', 'spaces', 'array-first', 'flip', 'cut', 'prefix', 'array-second', 'empty') },
);
const bodyTamper: fc.Arbitrary<BodyTamper> = fc.oneof(
  { weight: 7, arbitrary: fc.constant({ kind: 'none' } as const) },
  { weight: 1, arbitrary: fc.nat().map((at) => ({ kind: 'truncate', at }) as const) },
  { weight: 2, arbitrary: fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })).map(([at, bit]) => ({ kind: 'flip', at, bit }) as const) },
);
/** A header name's spelling: bits pick upper/lower case per letter; Zapier adds `Http-`. */
const spelling = fc.record({ caseBits: fc.nat(), zapier: fc.boolean() });

const delivery = fc.record({
  pool: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 40 }), { minLength: 6, maxLength: 6 }).map((s) => s.map((x) => `whsec_${x}`)),
  currentCount: fc.integer({ min: 0, max: 2 }),
  /** The caller still lists previous1 as current too (a stale store): known-rotated must win. */
  staleCurrent: fc.boolean(),
  previousCount: fc.integer({ min: 0, max: 2 }),
  untilOffsets: fc.tuple(fc.integer({ min: -3_600_000, max: 3_600_000 }), fc.integer({ min: -3_600_000, max: 3_600_000 })),
  secretsAsString: fc.boolean(),
  body: bodyBytes,
  asString: fc.boolean(),
  missingBody: fc.nat({ max: 999 }).map((n) => n === 500),
  signers: fc.tuple(signer, signer),
  tampers: fc.tuple(sigTamper, sigTamper),
  spellings: fc.tuple(spelling, spelling),
  bodyTamper,
  junk: fc.stringMatching(/^[0-9a-f]{64}$/),
  otherHeaders: fc.dictionary(fc.constantFrom('content-type', 'X-Webhook-Event', 'user-agent', 'x-forwarded-for'), fc.string({ maxLength: 20 })),
});
export type Delivery = typeof delivery extends fc.Arbitrary<infer T> ? T : never;

function spell(name: string, { caseBits, zapier }: { caseBits: number; zapier: boolean }): string {
  const full = zapier ? `Http-${name}` : name;
  return [...full].map((c, i) => ((caseBits >> i % 30) & 1 ? c.toUpperCase() : c.toLowerCase())).join('');
}

function tamperSignature(sig: string, how: SigTamper, junk: string): string | string[] {
  switch (how) {
    case 'none': return sig;
    case 'upper': return sig.toUpperCase();
    case 'spaces': return ` ${sig} `;
    case 'array-first': return [sig, junk];
    case 'flip': return `${sig.slice(0, 10)}${sig[10] === '0' ? '1' : '0'}${sig.slice(11)}`;
    case 'cut': return sig.slice(0, 63);
    case 'prefix': return `sha256=${sig}`;
    case 'array-second': return [junk, sig];
    case 'empty': return '';
  }
}

function tamperBody(body: Buffer, how: BodyTamper): Buffer {
  if (how.kind === 'none' || body.length === 0) return body;
  if (how.kind === 'truncate') return body.subarray(0, how.at % body.length);
  const flipped = Buffer.from(body);
  const at = how.at % body.length;
  flipped[at] = flipped[at]! ^ (1 << how.bit);
  return flipped;
}

export type Verdict = { ok: true; header: typeof SIGNATURE | typeof OLD } | { ok: false; reason: VerifyFailure };

/** One delivery, built: what verify gets, and the verdict its construction implies. */
export function build(d: Delivery) {
  const [c1, c2, p1, p2, attacker, fresh] = d.pool as [string, string, string, string, string, string];
  const previous: PreviousSecret[] = [p1, p2].slice(0, d.previousCount).map((secret, i) => ({ secret, until: NOW + d.untilOffsets[i]! }));
  const listed = [c1, c2].slice(0, d.currentCount);
  if (d.staleCurrent && d.previousCount > 0) listed.push(p1);
  const secretOf: Record<Signer, string | undefined> = {
    none: undefined, junk: undefined, current1: c1, current2: c2, previous1: p1, previous2: p2, attacker, fresh, 'empty-key': '',
  };
  const signed = d.body;
  const body = tamperBody(signed, d.bodyTamper);
  const bodyChanged = !body.equals(signed);
  const headers: Record<string, string | string[]> = { ...d.otherHeaders };
  const validFor: Array<string | undefined> = [];
  const present: boolean[] = [];
  [SIGNATURE, OLD].forEach((name, i) => {
    const who = d.signers[i]!;
    const how = d.tampers[i]!;
    const secret = secretOf[who];
    if (who === 'none') {
      validFor.push(undefined);
      present.push(false);
      return;
    }
    const value = tamperSignature(secret === undefined ? d.junk : sign(signed, secret), how, d.junk);
    headers[spell(name, d.spellings[i]!)] = value;
    present.push((Array.isArray(value) ? value[0] : value) !== '');
    validFor.push(secret !== undefined && KEEPS_VALID.has(how) && !bodyChanged ? secret : undefined);
  });

  const rotated = new Set(previous.map((p) => p.secret));
  const current = new Set(listed.filter((s) => !rotated.has(s)));
  const [signedCurrent, signedOld] = validFor;
  const inGrace = (s: string | undefined) => previous.some((p) => p.secret === s && NOW < p.until);
  let expected: Verdict;
  if (d.missingBody) expected = { ok: false, reason: 'missing-body' };
  else if (current.size === 0 && previous.length === 0) expected = { ok: false, reason: 'missing-secret' };
  else if (!present[0] && !present[1]) expected = { ok: false, reason: 'missing-signature' };
  else if (signedCurrent !== undefined && current.has(signedCurrent)) expected = { ok: true, header: SIGNATURE };
  else if (signedCurrent !== undefined && rotated.has(signedCurrent)) expected = { ok: false, reason: 'rotated-secret' };
  else if (signedOld !== undefined && (current.has(signedOld) || inGrace(signedOld))) expected = { ok: true, header: OLD };
  else if (signedOld !== undefined && rotated.has(signedOld)) expected = { ok: false, reason: 'grace-ended' };
  else expected = { ok: false, reason: 'mismatch' };

  const input = {
    body: d.missingBody ? undefined : d.asString ? body.toString('utf8') : body,
    headers,
    secrets: d.secretsAsString && listed.length === 1 ? listed[0]! : listed,
    previous,
    now: NOW,
  };
  // A string body is what Zapier hands over: only equal to the bytes when they are valid UTF-8.
  if (d.asString && !d.missingBody && !Buffer.from(body.toString('utf8'), 'utf8').equals(body)) input.body = body;
  return { input, expected, body };
}

export interface FuzzFigures {
  runs: number;
  seed: number;
  accepted: Record<string, number>;
  rejected: Record<string, number>;
  normalized: number;
  notNormalized: number;
  failures: number;
  counterexample?: string;
  durationMs: number;
}

/** fast-check's verdict and a run's counts as the figures every provider's fuzz run reports (one failure at most: it stops at the first). */
export function figuresOf<Ts>(details: fc.RunDetails<Ts>, counts: Omit<FuzzFigures, 'failures' | 'counterexample' | 'durationMs'>, start: number): FuzzFigures {
  return {
    ...counts,
    failures: details.failed ? 1 : 0,
    counterexample: details.failed
      ? `${String(details.errorInstance)}\ncounterexample: ${fc.stringify(details.counterexample)}\nreplay: seed ${details.seed}, path "${details.counterexamplePath}"`
      : undefined,
    durationMs: performance.now() - start,
  };
}

/** Runs `runs` deliveries through verify + normalize with fast-check; never throws. */
export function fuzzDeliveries({ runs, seed }: { runs: number; seed: number }): FuzzFigures {
  const accepted: Record<string, number> = {};
  const rejected: Record<string, number> = {};
  let normalized = 0;
  let notNormalized = 0;
  const start = performance.now();
  const property = fc.property(delivery, (d) => {
    const { input, expected, body } = build(d);
    const verdict = verify(input);
    const got: Verdict = verdict.ok ? { ok: true, header: verdict.header } : { ok: false, reason: verdict.reason };
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      throw new Error(`verify said ${JSON.stringify(got)}, the delivery was built to get ${JSON.stringify(expected)}`);
    }
    if (!verdict.ok && /whsec_/.test(verdict.message)) throw new Error('a verify message names a secret');
    if (verdict.ok) accepted[verdict.header] = (accepted[verdict.header] ?? 0) + 1;
    else rejected[verdict.reason] = (rejected[verdict.reason] ?? 0) + 1;

    // Normalization runs on every body (both connectors only reach it after a good signature).
    const result = normalizeDelivery(body);
    if (!result.ok) {
      notNormalized += 1;
      return;
    }
    normalized += 1;
    const parsed = JSON.parse(body.toString('utf8')) as { event: string; data?: unknown };
    const data = parsed.data && typeof parsed.data === 'object' && !Array.isArray(parsed.data) ? (parsed.data as Record<string, unknown>) : {};
    const problems = ruleViolations(result.item, parsed.event, data);
    if (problems.length > 0) throw new Error(`normalization broke the rule: ${problems.join('; ')}`);
  });
  return figuresOf(fc.check(property, { numRuns: runs, seed, endOnFailure: false }), { runs, seed, accepted, rejected, normalized, notNormalized }, start);
}

/** The figures as the results file's markdown section. */
export function figuresMarkdown(title: string, command: string, f: FuzzFigures, normalizedMeans = 'the body was a JSON object with an event name'): string {
  const total = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
  const lines = [
    `## ${title}`,
    '',
    `\`${command}\`: ${f.runs.toLocaleString('en-US')} deliveries, seed ${f.seed}, **failures: ${f.failures}**, ` +
      `${(f.durationMs / 1000).toFixed(1)} s (${Math.round(f.runs / (f.durationMs / 1000)).toLocaleString('en-US')} deliveries/s, verify + normalize).`,
    '',
    '| verdict | deliveries |',
    '|---|---:|',
    ...Object.entries(f.accepted).sort().map(([h, n]) => `| accepted via ${h} | ${n.toLocaleString('en-US')} |`),
    ...Object.entries(f.rejected).sort().map(([r, n]) => `| rejected: ${r} | ${n.toLocaleString('en-US')} |`),
    `| **total** | ${(total(f.accepted) + total(f.rejected)).toLocaleString('en-US')} |`,
    '',
    `Normalized (${normalizedMeans}): ${f.normalized.toLocaleString('en-US')}; refused as not an envelope: ${f.notNormalized.toLocaleString('en-US')}.`,
    '',
    f.failures === 0
      ? 'Nothing threw. Every verdict was the one implied by how the delivery was built (no false accept, no false refusal, the expected reason), and every normalized item held every payload key under the documented name.'
      : 'A delivery broke a property; the counterexample and how to replay it:',
  ];
  if (f.counterexample) lines.push('', '```', f.counterexample, '```');
  return lines.join('\n');
}
