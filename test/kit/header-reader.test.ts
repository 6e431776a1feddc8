// headerReader (one scan for several headers, on every delivery) must find what getHeader finds for each
// name: in any case, under Zapier's `Http-` prefix, the first usable value of repeated or arrayed headers,
// empty values skipped, and Unicode case rules (the Kelvin sign K lower-cases to k) as toLowerCase has them.
import fc from 'fast-check';
import { getHeader, headerReader } from '@distribu/shared/kit';

const NAMES = ['X-Webhook-Signature', 'X-Webhook-Signature-Old', 'X-Acme-Timestamp', 'X-Acme-Delivery-Id'];
const read = headerReader(NAMES);

/** A spelling of one of the names (or a near miss): any case per letter, an `Http-` prefix, a Kelvin sign for k. */
const spelling = fc
  .tuple(fc.constantFrom(...NAMES, 'X-Acme-Timestamq', 'X-Webhook-Signatur', 'Content-Type'), fc.boolean(), fc.nat(), fc.boolean())
  .map(([name, prefixed, caseBits, kelvin]) => {
    const cased = [...(prefixed ? `Http-${name}` : name)].map((c, i) => ((caseBits >> i % 30) & 1 ? c.toUpperCase() : c.toLowerCase())).join('');
    return kelvin ? cased.replace(/k/i, '\u212A') : cased;
  });
const value = fc.oneof(fc.constantFrom('', 'v1', 'v2'), fc.array(fc.constantFrom('', 'a1', 'a2'), { maxLength: 2 }), fc.constant(undefined));

test('property: each value is the one getHeader finds', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(spelling, value), { maxLength: 8 }), (pairs) => {
      const headers = Object.fromEntries(pairs);
      expect(read(headers)).toEqual(NAMES.map((name) => getHeader(headers, name)));
    }),
    { numRuns: 2000 },
  );
});

test('examples: lower-cased names as Node hands them, other cases, the Http- prefix, the Kelvin sign', () => {
  expect(read({ 'x-acme-timestamp': '1', 'x-webhook-signature': 's' })).toEqual(['s', undefined, '1', undefined]);
  expect(read({ 'HTTP-X-ACME-DELIVERY-ID': 'd', 'X-Acme-Delivery-Id': 'e' })).toEqual([undefined, undefined, undefined, 'd']);
  expect(read({ 'x-webhoo\u212A-signature': 'k' })).toEqual(['k', undefined, undefined, undefined]);
  expect(read(undefined)).toEqual([undefined, undefined, undefined, undefined]);
});
