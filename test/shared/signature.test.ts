import fc from 'fast-check';
import { getHeader, sign, verify } from '@distribu/shared/runtime';

// Vectors computed independently with `openssl dgst -sha256 -hmac <secret>`.
const DOC_SECRET = 'whsec_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-abcd';
const NON_ASCII = 'Café ☕ 🚚';
const NON_ASCII_SIG = 'acabacba8eeb3772bd4243da214021d2ef0f3f878d291afc22d2f4be8e08e89c';
const SIMPLE_SIG = '51426af50a41dd7ff2cd3f116594734766d4018d15d6fb07169aee5d2959adf5'; // '{"a":1}' / whsec_test

describe('sign', () => {
  it('is lowercase hex HMAC-SHA256 of the raw bytes keyed with the whole whsec_ string', () => {
    expect(sign('{"a":1}', 'whsec_test')).toBe(SIMPLE_SIG);
    expect(sign(NON_ASCII, DOC_SECRET)).toBe(NON_ASCII_SIG);
  });

  it('gives the same digest for a string and its UTF-8 bytes', () => {
    expect(sign(Buffer.from(NON_ASCII, 'utf8'), DOC_SECRET)).toBe(NON_ASCII_SIG);
  });
});

describe('verify', () => {
  const body = '{"event":"order.created","timestamp":"2026-04-16T14:22:00.000Z","data":{"id":"o1"}}';
  const secret = 'whsec_current';
  const good = sign(body, secret);

  it('accepts a valid signature', () => {
    expect(verify({ body, headers: { 'x-webhook-signature': good }, secrets: secret })).toEqual({
      ok: true,
      header: 'X-Webhook-Signature',
    });
  });

  it('rejects a body with one byte changed', () => {
    const tampered = body.replace('o1', 'o2');
    const result = verify({ body: tampered, headers: { 'x-webhook-signature': good }, secrets: secret });
    expect(result).toMatchObject({ ok: false, reason: 'mismatch' });
  });

  it('rejects the wrong secret', () => {
    expect(verify({ body, headers: { 'x-webhook-signature': good }, secrets: 'whsec_other' })).toMatchObject({
      ok: false,
      reason: 'mismatch',
    });
  });

  it('accepts X-Webhook-Signature-Old signed with a stored previous secret during rotation', () => {
    const headers = { 'X-Webhook-Signature': sign(body, 'whsec_new_unknown'), 'X-Webhook-Signature-Old': good };
    expect(verify({ body, headers, secrets: [secret] })).toEqual({ ok: true, header: 'X-Webhook-Signature-Old' });
  });

  it('accepts a match against any of several stored secrets', () => {
    expect(verify({ body, headers: { 'X-Webhook-Signature': good }, secrets: ['whsec_a', secret] }).ok).toBe(true);
  });

  it('fails closed with a reason when the header is missing', () => {
    expect(verify({ body, headers: {}, secrets: secret })).toMatchObject({ ok: false, reason: 'missing-signature' });
    expect(verify({ body, headers: undefined, secrets: secret })).toMatchObject({ ok: false, reason: 'missing-signature' });
  });

  it('fails closed when no secret is stored, even for an empty-key signature', () => {
    const emptyKeySig = sign(body, '');
    for (const secrets of ['', undefined, null, [], [''], [undefined]]) {
      expect(verify({ body, headers: { 'x-webhook-signature': emptyKeySig }, secrets })).toMatchObject({
        ok: false,
        reason: 'missing-secret',
      });
    }
  });

  it('fails closed without a body', () => {
    expect(verify({ body: undefined, headers: { 'x-webhook-signature': good }, secrets: secret })).toMatchObject({
      ok: false,
      reason: 'missing-body',
    });
  });

  it('verifies a non-ASCII body given as a string or as a Buffer', () => {
    const headers = { 'X-Webhook-Signature': NON_ASCII_SIG };
    expect(verify({ body: NON_ASCII, headers, secrets: DOC_SECRET }).ok).toBe(true);
    expect(verify({ body: Buffer.from(NON_ASCII), headers, secrets: DOC_SECRET }).ok).toBe(true);
    // Latin-1 bytes of the same text are different bytes: they must not verify.
    expect(verify({ body: Buffer.from(NON_ASCII, 'latin1'), headers, secrets: DOC_SECRET }).ok).toBe(false);
  });

  it('finds headers whatever their case, and under Zapier\'s Http- prefix', () => {
    for (const name of ['X-WEBHOOK-SIGNATURE', 'x-webhook-signature', 'Http-X-Webhook-Signature', 'HTTP-X-WEBHOOK-SIGNATURE']) {
      expect(verify({ body, headers: { [name]: good }, secrets: secret }).ok).toBe(true);
    }
    expect(verify({ body, headers: { 'Http-X-Webhook-Signature-Old': good }, secrets: secret })).toEqual({
      ok: true,
      header: 'X-Webhook-Signature-Old',
    });
  });

  it('accepts an uppercase hex signature and a repeated header\'s first value', () => {
    expect(verify({ body, headers: { 'x-webhook-signature': good.toUpperCase() }, secrets: secret }).ok).toBe(true);
    expect(verify({ body, headers: { 'x-webhook-signature': [good, 'junk'] }, secrets: secret }).ok).toBe(true);
  });

  it('rejects truncated, padded and non-hex signatures without throwing', () => {
    for (const sig of [good.slice(0, 63), `${good}0`, 'z'.repeat(64), 'sha256=' + good, ' ']) {
      expect(verify({ body, headers: { 'x-webhook-signature': sig }, secrets: secret }).ok).toBe(false);
    }
  });

  it('never puts the secret in a failure message', () => {
    const result = verify({ body: 'x', headers: { 'x-webhook-signature': 'ab' }, secrets: secret });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(secret);
  });

  it('property: what sign() produces verifies, and any changed byte does not', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 512 }), fc.string({ minLength: 1 }), fc.nat(), (bytes, secret, at) => {
        const body = Buffer.from(bytes);
        const headers = { 'X-Webhook-Signature': sign(body, secret) };
        expect(verify({ body, headers, secrets: secret }).ok).toBe(true);
        const changed = Buffer.from(body);
        const i = at % changed.length;
        changed[i] = changed[i]! ^ 0x01;
        expect(verify({ body: changed, headers, secrets: secret }).ok).toBe(false);
      }),
    );
  });

  it('property: never throws, whatever the headers and secrets', () => {
    const headerValue = fc.oneof(fc.string(), fc.array(fc.string()), fc.constant(undefined), fc.constant(null));
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.uint8Array().map((b) => Buffer.from(b)), fc.constant(undefined)),
        fc.dictionary(fc.constantFrom('x-webhook-signature', 'X-Webhook-Signature-Old', 'Http-X-Webhook-Signature', 'other'), headerValue),
        fc.oneof(fc.string(), fc.array(fc.option(fc.string())), fc.constant(null)),
        (body, headers, secrets) => {
          expect(() => verify({ body, headers, secrets })).not.toThrow();
        },
      ),
    );
  });
});

describe('getHeader', () => {
  it('returns undefined for empty values and absent headers', () => {
    expect(getHeader({ 'x-webhook-event': '' }, 'X-Webhook-Event')).toBeUndefined();
    expect(getHeader({}, 'X-Webhook-Event')).toBeUndefined();
    expect(getHeader({ 'X-Webhook-Event': 'order.created' }, 'x-webhook-event')).toBe('order.created');
  });
});

describe('verify with secrets known to be rotated away', () => {
  const body = '{"event":"order.shipped","timestamp":"2026-04-16T14:22:00.000Z","data":{"id":"o1"}}';
  const rotatedAway = 'whsec_rotated_away_leaked';
  const fresh = 'whsec_fresh_after_rotation';
  const now = Date.parse('2026-04-16T15:00:00.000Z');
  const inGrace = [{ secret: rotatedAway, until: now + 60_000 }];
  const afterGrace = [{ secret: rotatedAway, until: now - 1 }];

  it('accepts a previous secret in X-Webhook-Signature-Old during the grace window', () => {
    const headers = { 'X-Webhook-Signature': sign(body, 'whsec_unknown_new'), 'X-Webhook-Signature-Old': sign(body, rotatedAway) };
    expect(verify({ body, headers, secrets: [], previous: inGrace, now })).toEqual({ ok: true, header: 'X-Webhook-Signature-Old' });
  });

  it('refuses it in X-Webhook-Signature as a forgery, with a plain reason', () => {
    const headers = { 'X-Webhook-Signature': sign(body, rotatedAway) };
    const result = verify({ body, headers, secrets: [], previous: inGrace, now });
    expect(result).toEqual({
      ok: false,
      reason: 'rotated-secret',
      message: 'The delivery is signed with a secret that was rotated away (forged delivery).',
    });
    // Even while the caller still lists it as current: known-rotated wins.
    expect(verify({ body, headers, secrets: [rotatedAway], previous: inGrace, now })).toMatchObject({ ok: false, reason: 'rotated-secret' });
    // And in both headers at once (the forger copies it into -Old too).
    const both = { ...headers, 'X-Webhook-Signature-Old': sign(body, rotatedAway) };
    expect(verify({ body, headers: both, secrets: [], previous: inGrace, now })).toMatchObject({ ok: false, reason: 'rotated-secret' });
  });

  it('refuses it in -Old once the grace window has ended', () => {
    const headers = { 'X-Webhook-Signature': sign(body, 'whsec_unknown_new'), 'X-Webhook-Signature-Old': sign(body, rotatedAway) };
    const result = verify({ body, headers, secrets: [], previous: afterGrace, now });
    expect(result).toMatchObject({ ok: false, reason: 'grace-ended' });
    expect(!result.ok && result.message).toMatch(/grace period after the rotation has ended/);
    // `until` is exclusive.
    expect(verify({ body, headers, secrets: [], previous: [{ secret: rotatedAway, until: now }], now }).ok).toBe(false);
  });

  it('accepts the fresh secret in X-Webhook-Signature beside a previous one', () => {
    const headers = { 'X-Webhook-Signature': sign(body, fresh), 'X-Webhook-Signature-Old': sign(body, rotatedAway) };
    expect(verify({ body, headers, secrets: fresh, previous: afterGrace, now })).toEqual({ ok: true, header: 'X-Webhook-Signature' });
  });

  it('a current secret seen only in -Old reveals the rotation (header -Old)', () => {
    const headers = { 'X-Webhook-Signature': sign(body, 'whsec_unknown_new'), 'X-Webhook-Signature-Old': sign(body, fresh) };
    expect(verify({ body, headers, secrets: fresh, now })).toEqual({ ok: true, header: 'X-Webhook-Signature-Old' });
  });

  it('a delivery signed with an unrelated secret is a mismatch; no secrets at all is missing-secret', () => {
    const headers = { 'X-Webhook-Signature': sign(body, 'whsec_attacker') };
    expect(verify({ body, headers, secrets: fresh, previous: inGrace, now })).toMatchObject({ reason: 'mismatch' });
    expect(verify({ body, headers, secrets: [], previous: [], now })).toMatchObject({ reason: 'missing-secret' });
    expect(verify({ body, headers, secrets: null, previous: [{ secret: '', until: now + 1 }], now })).toMatchObject({ reason: 'missing-secret' });
  });

  it('defaults `now` to the clock', () => {
    const headers = { 'X-Webhook-Signature-Old': sign(body, rotatedAway) };
    expect(verify({ body, headers, secrets: [], previous: [{ secret: rotatedAway, until: Date.now() + 60_000 }] }).ok).toBe(true);
    expect(verify({ body, headers, secrets: [], previous: [{ secret: rotatedAway, until: Date.now() - 1 }] }).ok).toBe(false);
  });

  it('property: a previous secret never verifies in X-Webhook-Signature, and in -Old only before `until`', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), fc.integer({ min: -1e6, max: 1e6 }), (payload, secret, offset) => {
        const sig = sign(payload, secret);
        const previous = [{ secret, until: now + offset }];
        expect(verify({ body: payload, headers: { 'X-Webhook-Signature': sig }, secrets: [], previous, now }).ok).toBe(false);
        const viaOld = verify({ body: payload, headers: { 'X-Webhook-Signature-Old': sig }, secrets: [], previous, now });
        expect(viaOld.ok).toBe(offset > 0);
      }),
    );
  });
});

describe('verify reads the signature headers exactly as getHeader does', () => {
  // verify scans the headers once for both names; whatever the case, prefix, order, repeats or empty
  // values, it must accept exactly when getHeader's values would, and name the same header.
  const body = '{"event":"order.created"}';
  const good = sign(body, 'whsec_a');
  const names = ['X-Webhook-Signature', 'x-webhook-signature', 'HTTP-X-WEBHOOK-SIGNATURE', 'X-Webhook-Signature-Old', 'http-x-webhook-signature-old', 'X-Webhook-Event', 'X-Webhook-Signaturex'];
  const values = fc.oneof(
    fc.constantFrom(good, good.toUpperCase(), ` ${good} `, sign(body, 'whsec_b'), '', `${good}0`, good.slice(0, 63) + 'g'),
    fc.array(fc.constantFrom(good, '', sign(body, 'whsec_b')), { maxLength: 2 }),
    fc.constant(undefined),
  );
  it('property: same answer as a getHeader-based reading', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...names), values), { maxLength: 6 }), (pairs) => {
        const headers = Object.fromEntries(pairs);
        const valid = (v: string | undefined) => v !== undefined && v.trim().toLowerCase() === good;
        const current = getHeader(headers, 'X-Webhook-Signature');
        const old = getHeader(headers, 'X-Webhook-Signature-Old');
        const result = verify({ body, headers, secrets: ['whsec_a'] });
        if (valid(current)) expect(result).toEqual({ ok: true, header: 'X-Webhook-Signature' });
        else if (valid(old)) expect(result).toEqual({ ok: true, header: 'X-Webhook-Signature-Old' });
        else expect(result).toMatchObject({ ok: false, reason: !current && !old ? 'missing-signature' : 'mismatch' });
      }),
      { numRuns: 500 },
    );
  });
});
