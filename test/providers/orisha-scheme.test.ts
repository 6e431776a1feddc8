// Orisha Commerce's authenticity check, stated as data for the kit: its docs say to validate that
// the X-Secret header "is present and is equal to this unique secret". Equality is constant-time
// whatever the lengths, and fails closed.
import { createVerifier, equalSecret } from '@distribu/shared/kit';
import { orishaScheme } from '../../shared/src/providers/orisha/scheme';
import { verifyOrisha } from '../../shared/src/providers/orisha/normalize';

const SECRET = 'b2f0c3d4-orisha-webhook-secret-91aa';
const verifier = createVerifier(orishaScheme);
const deliver = (headers: Record<string, string>, ...stored: [secrets?: string | string[] | undefined | null]) =>
  verifier({ body: '{"ItemCode":"A-100"}', headers: { 'X-Event-Id': 'e1', 'X-Event-Type': 'item.created', ...headers }, secrets: stored.length > 0 ? stored[0] : SECRET });

// The module object itself (not an import's copy of it), so a spy sees the kit's calls.
const crypto: typeof import('node:crypto') = require('node:crypto');

afterEach(() => jest.restoreAllMocks());

describe("Orisha's shared-secret scheme", () => {
  test('the right secret is accepted, under any header case and as Zapier renames it', () => {
    for (const name of ['X-Secret', 'x-secret', 'Http-X-Secret']) {
      expect(deliver({ [name]: SECRET })).toEqual({ ok: true, header: 'X-Secret', secret: 'current', rotationRevealed: false });
    }
  });

  test.each([
    ['a wrong secret of the same length', SECRET.replace('91aa', '91ab'), 'mismatch'],
    ['a prefix of the secret', SECRET.slice(0, 10), 'mismatch'],
    ['the secret and more', `${SECRET}x`, 'mismatch'],
    ['another case', SECRET.toUpperCase(), 'mismatch'],
    ['a much longer value', 'x'.repeat(10_000), 'mismatch'],
  ])('%s is refused', (_name, received, reason) => {
    expect(deliver({ 'X-Secret': received })).toMatchObject({ ok: false, reason });
  });

  test('a missing or empty header is refused as missing', () => {
    expect(deliver({})).toMatchObject({ ok: false, reason: 'missing-signature' });
    expect(deliver({ 'X-Secret': '' })).toMatchObject({ ok: false, reason: 'missing-signature' });
  });

  test('no stored secret (empty, missing) refuses, even a delivery with an empty or absent header', () => {
    for (const stored of ['', undefined, null, [] as string[], ['']]) {
      expect(deliver({ 'X-Secret': '' }, stored)).toMatchObject({ ok: false, reason: 'missing-secret' });
      expect(deliver({ 'X-Secret': 'anything' }, stored)).toMatchObject({ ok: false, reason: 'missing-secret' });
    }
  });

  test('the message never contains the received or the stored secret', () => {
    const verdict = deliver({ 'X-Secret': 'leaked-guess' });
    expect(JSON.stringify(verdict)).not.toContain(SECRET);
    expect(JSON.stringify(verdict)).not.toContain('leaked-guess');
  });

  test('constant time: every comparison is timingSafeEqual over two 32-byte digests, whatever the lengths', () => {
    const spy = jest.spyOn(crypto, 'timingSafeEqual');
    const pairs: Array<[string, string]> = [
      [SECRET, SECRET],
      [SECRET, ''],
      [SECRET, 'x'],
      [SECRET, 'x'.repeat(10_000)],
      ['a', 'b'],
    ];
    for (const [stored, received] of pairs) expect(equalSecret(stored, received)).toBe(stored === received);
    expect(spy).toHaveBeenCalledTimes(pairs.length);
    for (const [a, b] of spy.mock.calls) {
      expect((a as Buffer).length).toBe(32);
      expect((b as Buffer).length).toBe(32);
    }
  });

  test('a repeated X-Secret header counts by its first value; surrounding spaces are not trimmed', () => {
    expect(deliver({ 'X-Secret': [SECRET, 'junk'] as unknown as string })).toMatchObject({ ok: true });
    expect(deliver({ 'X-Secret': ['junk', SECRET] as unknown as string })).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(deliver({ 'X-Secret': ` ${SECRET}` })).toMatchObject({ ok: false, reason: 'mismatch' });
  });

  test("with Orisha's words (the provider's verifier), no refusal names a secret", () => {
    const refused = verifyOrisha({ body: '{}', headers: { 'X-Secret': 'guess-value' }, secrets: SECRET });
    expect(refused).toEqual({ ok: false, reason: 'mismatch', message: "The X-Secret header does not match this webhook's secret (forged delivery)." });
  });
});
