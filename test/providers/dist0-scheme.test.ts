// dist0's signature scheme (Slack's `v0:` scheme), stated as data for the kit, against dist0's own
// docs: their verify snippet computes "v0=" + HMAC_SHA256(secret, `v0:${timestamp}:${rawBody}`) as
// hex and compares with crypto.timingSafeEqual. Expected values come from that snippet run here with
// node:crypto, and from a fixed vector computed with Python's hmac module, never from the kit. Then
// each pitfall Slack's users hit with this scheme, as a case.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createVerifier, signWith, type VerifyInput } from '@distribu/shared/kit';
import { dist0Scheme } from '../../shared/src/providers/dist0/scheme';
import { dist0VerifyMessages, verifyDist0 } from '../../shared/src/providers/dist0/inbound';

const SECRET = 'd0_signing_secret_8f3a';
/** dist0's documented body (its example), as one line of raw bytes. */
const DOC_BODY =
  '{"type":"signal.created","project_id":"prj_9f2a","signal":{"id":"sig_7Qd1","kind":"pain","quote":"I keep losing track of which subreddit a lead came from.","author":"some_redditor"},"post":{"id":"post_3xB8","permalink":"https://reddit.com/r/…","title":"How do you track where leads come from?"}}';
const TS = '1783080000';
const NOW = Number(TS) * 1000;
const FIXED = 'v0=2dcd0b4377bf59fb21762a4205d716e4697813564b03ef88e1b843306e00bd88';

/** dist0's documented verify(), verbatim in what it computes (its length check is timingSafeEqual's throw). */
function documentedVerify(rawBody: string, timestamp: string, signature: string, signingSecret: string): boolean {
  const expected = 'v0=' + createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex');
  try {
    return timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
  } catch {
    return false;
  }
}
const documentedSign = (rawBody: string, timestamp: string, secret: string) =>
  'v0=' + createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex');

const verifier = createVerifier(dist0Scheme);
const headers = (signature: string | undefined, timestamp: string | undefined): VerifyInput['headers'] => ({
  ...(signature !== undefined ? { 'X-Dist0-Signature': signature } : {}),
  ...(timestamp !== undefined ? { 'X-Dist0-Timestamp': timestamp } : {}),
  'X-Dist0-Delivery-Id': 'dlv_1',
});
const check = (body: string | Buffer, signature: string | undefined, timestamp: string | undefined, secrets: VerifyInput['secrets'] = SECRET, now = NOW) =>
  verifier({ body, headers: headers(signature, timestamp), secrets, now });

describe("dist0's scheme (its docs' verify snippet)", () => {
  test('the fixed vector is what the documented snippet accepts', () => {
    expect(documentedSign(DOC_BODY, TS, SECRET)).toBe(FIXED);
    expect(documentedVerify(DOC_BODY, TS, FIXED, SECRET)).toBe(true);
  });

  test('the kit signs the same and accepts it, as bytes or text, also under Zapier header names', () => {
    expect(signWith(dist0Scheme, DOC_BODY, SECRET, TS)).toBe(FIXED);
    expect(check(DOC_BODY, FIXED, TS)).toEqual({ ok: true, header: 'X-Dist0-Signature', secret: 'current', rotationRevealed: false });
    expect(check(Buffer.from(DOC_BODY, 'utf8'), FIXED, TS).ok).toBe(true);
    expect(verifier({ body: DOC_BODY, headers: { 'Http-X-Dist0-Signature': FIXED, 'Http-X-Dist0-Timestamp': TS }, secrets: SECRET, now: NOW }).ok).toBe(true);
  });

  test('the kit and the documented snippet agree on 200 bodies, timestamps and secrets', () => {
    for (let i = 0; i < 200; i += 1) {
      const body = JSON.stringify({ type: 'signal.created', signal: { id: `sig_${i}`, quote: 'ü🚀'.repeat(i % 7), n: i } });
      const ts = String(Number(TS) + i);
      const secret = `secret_${i * 7919}`;
      const sig = documentedSign(body, ts, secret);
      expect(check(body, sig, ts, secret, Number(ts) * 1000).ok).toBe(documentedVerify(body, ts, sig, secret));
      const tampered = sig.slice(0, -1) + (sig.endsWith('0') ? '1' : '0');
      expect(check(body, tampered, ts, secret, Number(ts) * 1000).ok).toBe(false);
      expect(documentedVerify(body, ts, tampered, secret)).toBe(false);
    }
  });
});

describe('Slack pitfalls, each a case', () => {
  test('a re-serialised body (parsed and encoded again) does not verify: only the raw bytes do', () => {
    const raw = '{ "type": "signal.created",  "signal": {"id": "sig_1"} }';
    const sig = documentedSign(raw, TS, SECRET);
    expect(check(raw, sig, TS).ok).toBe(true);
    expect(check(JSON.stringify(JSON.parse(raw)), sig, TS)).toMatchObject({ ok: false, reason: 'mismatch' });
  });

  test('non-ASCII and emoji bytes are hashed as sent; a latin-1 round trip of them fails', () => {
    const raw = '{"type":"signal.created","signal":{"quote":"Ärger mit Lieferzeiten 😤 — 日本語"}}';
    const sig = documentedSign(raw, TS, SECRET);
    const bytes = Buffer.from(raw, 'utf8');
    expect(check(bytes, sig, TS).ok).toBe(true);
    expect(check(raw, sig, TS).ok).toBe(true);
    expect(check(Buffer.from(bytes.toString('latin1'), 'utf8'), sig, TS)).toMatchObject({ ok: false, reason: 'mismatch' });
  });

  test.each([
    ['299 s behind', -299, true],
    ['300 s behind', -300, true],
    ['301 s behind', -301, false],
    ['299 s ahead', 299, true],
    ['301 s ahead', 301, false],
    ['a day ahead', 86_400, false],
  ])('clock skew, sender %s: %s', (_name, skewSeconds, accepted) => {
    const ts = String(Number(TS) + skewSeconds);
    const verdict = check(DOC_BODY, documentedSign(DOC_BODY, ts, SECRET), ts);
    expect(verdict.ok).toBe(accepted);
    if (!accepted) expect(verdict).toMatchObject({ reason: 'stale' });
  });

  test.each([
    ['an empty secret', ''],
    ['no secret', undefined],
    ['null', null],
    ['an empty list', []],
    ['a list of empty secrets', ['', '']],
  ])('%s refuses, even a delivery signed with an empty key', (_name, secrets) => {
    const signedWithEmptyKey = documentedSign(DOC_BODY, TS, '');
    expect(verifier({ body: DOC_BODY, headers: headers(signedWithEmptyKey, TS), secrets: secrets as VerifyInput['secrets'], now: NOW })).toMatchObject({ ok: false, reason: 'missing-secret' });
  });

  test.each(['17830800e0', 'abc', '1783080000.5', '-1783080000', '0x6a4b', ' ', '1 783080000'])('a non-numeric timestamp %p refuses', (ts) => {
    // Signed over that very timestamp: only the timestamp rule can refuse it.
    expect(check(DOC_BODY, documentedSign(DOC_BODY, ts, SECRET), ts)).toMatchObject({ ok: false, reason: 'bad-timestamp' });
  });

  test('a missing timestamp header, or a missing signature header, refuses', () => {
    expect(check(DOC_BODY, FIXED, undefined)).toMatchObject({ ok: false, reason: 'missing-timestamp' });
    expect(check(DOC_BODY, undefined, TS)).toMatchObject({ ok: false, reason: 'missing-signature' });
    expect(check(DOC_BODY, '', TS)).toMatchObject({ ok: false, reason: 'missing-signature' });
    expect(verifier({ body: undefined, headers: headers(FIXED, TS), secrets: SECRET, now: NOW })).toMatchObject({ ok: false, reason: 'missing-body' });
  });

  test('a v1= prefix (or none) with the right digest refuses: only v0 is this scheme', () => {
    const hex = FIXED.slice(3);
    expect(check(DOC_BODY, `v1=${hex}`, TS)).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(check(DOC_BODY, hex, TS)).toMatchObject({ ok: false, reason: 'mismatch' });
  });

  test('a signature for another timestamp does not verify (the timestamp is signed)', () => {
    const other = String(Number(TS) + 5);
    expect(check(DOC_BODY, FIXED, other, SECRET, Number(other) * 1000)).toMatchObject({ ok: false, reason: 'mismatch' });
  });

  test('a forged delivery with a stale timestamp is reported as forged, not stale', () => {
    expect(check(DOC_BODY, documentedSign(DOC_BODY, TS, 'not the secret'), TS, SECRET, NOW + 3_600_000)).toMatchObject({ ok: false, reason: 'mismatch' });
  });
});

describe("more Slack pitfalls, through dist0's provider verifier (its own words)", () => {
  const run = (body: string, h: VerifyInput['headers'], secrets: VerifyInput['secrets'] = SECRET) => verifyDist0({ body, headers: h, secrets, now: NOW });

  test('no unauthenticated branch: a handshake-looking body without a signature is refused like any other (bolt-js #2897)', () => {
    for (const body of ['{"type":"url_verification","challenge":"abc"}', 'ssl_check=1&token=x', '']) {
      expect(run(body, { 'X-Dist0-Timestamp': TS })).toMatchObject({ ok: false, reason: 'missing-signature' });
    }
  });

  test('a timestamp in milliseconds, signed over as sent, is stale: never read as seconds', () => {
    const ms = String(NOW);
    expect(run(DOC_BODY, { 'X-Dist0-Signature': documentedSign(DOC_BODY, ms, SECRET), 'X-Dist0-Timestamp': ms })).toMatchObject({ ok: false, reason: 'stale' });
  });

  test('a repeated signature header counts by its first value', () => {
    expect(run(DOC_BODY, { 'x-dist0-signature': [FIXED, 'v0=00'] as unknown as string, 'X-Dist0-Timestamp': TS }).ok).toBe(true);
    expect(run(DOC_BODY, { 'x-dist0-signature': ['v0=00', FIXED] as unknown as string, 'X-Dist0-Timestamp': TS })).toMatchObject({ ok: false, reason: 'mismatch' });
  });

  test('every refusal has a reason a person can act on (logged by the hosts), and none holds the secret', () => {
    const cases: Array<[VerifyInput['headers'], VerifyInput['secrets'], string]> = [
      [{ 'X-Dist0-Signature': FIXED, 'X-Dist0-Timestamp': TS }, '', 'missing-secret'],
      [{ 'X-Dist0-Timestamp': TS }, SECRET, 'missing-signature'],
      [{ 'X-Dist0-Signature': FIXED }, SECRET, 'missing-timestamp'],
      [{ 'X-Dist0-Signature': FIXED, 'X-Dist0-Timestamp': 'soon' }, SECRET, 'bad-timestamp'],
      [{ 'X-Dist0-Signature': FIXED.replace(/.$/, '0'), 'X-Dist0-Timestamp': TS }, SECRET, 'mismatch'],
    ];
    for (const [h, secrets, reason] of cases) {
      const verdict = run(DOC_BODY, h, secrets);
      expect(verdict).toEqual({ ok: false, reason, message: dist0VerifyMessages[reason as keyof typeof dist0VerifyMessages] });
      expect(JSON.stringify(verdict)).not.toContain(SECRET);
    }
    expect(dist0VerifyMessages['missing-secret']).toBe('No signing secret is set, so no dist0 send can be trusted: copy the signing secret from dist0 (Settings → Send new signals to your URL) into the credential.');
    expect(dist0VerifyMessages.stale).toMatch(/300 seconds/);
  });
});
