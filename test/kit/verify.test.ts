// The kit's verifier with schemes made up here (no provider's): the template, encodings, prefixes,
// timestamp units and rotation rules are data, and the verifier fails closed on each.
import { createHmac } from 'node:crypto';
import { createVerifier, defaultMessages, signWith, type HmacScheme } from '@distribu/shared/kit';

const BODY = '{"kind":"thing.made","thing":{"id":"t1"}}';
const hmac = (text: string, secret: string, encoding: 'hex' | 'base64') => createHmac('sha256', secret).update(text, 'utf8').digest(encoding);

const dotted: HmacScheme = {
  kind: 'hmac',
  algorithm: 'sha256',
  header: 'Acme-Signature',
  encoding: 'base64',
  prefix: 'sha256=',
  signed: '{timestamp}.{body}',
  timestamp: { header: 'Acme-Time', unit: 'ms', toleranceSeconds: 60 },
};
const NOW = 1_800_000_000_000;

describe('createVerifier with a made-up scheme', () => {
  const verifier = createVerifier(dotted);
  const sig = `sha256=${hmac(`${NOW}.${BODY}`, 's1', 'base64')}`;

  test('signs `{timestamp}.{body}` in base64 after the prefix, with a millisecond timestamp', () => {
    expect(signWith(dotted, BODY, 's1', String(NOW))).toBe(sig);
    expect(verifier({ body: BODY, headers: { 'acme-signature': sig, 'acme-time': String(NOW) }, secrets: 's1', now: NOW + 59_000 }).ok).toBe(true);
    expect(verifier({ body: BODY, headers: { 'acme-signature': sig, 'acme-time': String(NOW) }, secrets: 's1', now: NOW + 61_000 })).toMatchObject({ ok: false, reason: 'stale' });
  });

  test('base64 is compared exactly (not case-folded)', () => {
    const swapped = sig.replace(/[a-z]/, (c) => c.toUpperCase());
    expect(verifier({ body: BODY, headers: { 'acme-signature': swapped, 'acme-time': String(NOW) }, secrets: 's1', now: NOW })).toMatchObject({ ok: false, reason: 'mismatch' });
  });

  test('any of several current secrets verifies', () => {
    expect(verifier({ body: BODY, headers: { 'acme-signature': sig, 'acme-time': String(NOW) }, secrets: ['other', '', 's1'], now: NOW }).ok).toBe(true);
  });

  test('default messages name the scheme headers and never a secret', () => {
    const messages = defaultMessages(dotted);
    expect(messages['missing-signature']).toContain('Acme-Signature');
    expect(messages['missing-timestamp']).toContain('Acme-Time');
    expect(messages['bad-timestamp']).toContain('milliseconds');
  });

  test('a template without {body} exactly once is refused when the verifier is built', () => {
    expect(() => createVerifier({ ...dotted, signed: '{timestamp}' })).toThrow(/\{body\} exactly once/);
    expect(() => createVerifier({ ...dotted, signed: '{body}{body}' })).toThrow(/\{body\} exactly once/);
  });
});

describe('rotation without a previous-secret header', () => {
  const plain: HmacScheme = { kind: 'hmac', algorithm: 'sha256', header: 'Sig', encoding: 'hex', signed: '{body}' };
  const verifier = createVerifier(plain);
  const signedBy = (secret: string) => ({ Sig: hmac(BODY, secret, 'hex') });

  test('a rotated-away secret signs the one header until its grace end, then no more', () => {
    const previous = [{ secret: 'old', until: NOW }];
    expect(verifier({ body: BODY, headers: signedBy('old'), secrets: 'new', previous, now: NOW - 1 })).toEqual({ ok: true, header: 'Sig', secret: 'previous', rotationRevealed: false });
    expect(verifier({ body: BODY, headers: signedBy('old'), secrets: 'new', previous, now: NOW })).toMatchObject({ ok: false, reason: 'grace-ended' });
    expect(verifier({ body: BODY, headers: signedBy('new'), secrets: 'new', previous, now: NOW }).ok).toBe(true);
  });

  test('a secret listed both as current and as rotated away counts only as rotated away', () => {
    expect(verifier({ body: BODY, headers: signedBy('old'), secrets: ['old'], previous: [{ secret: 'old', until: NOW }], now: NOW })).toMatchObject({ ok: false, reason: 'grace-ended' });
  });
});
