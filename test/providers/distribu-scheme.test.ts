// Distribu's signature scheme, stated as data for the kit, against Distribu's own docs: their
// "minimal receiver" computes `crypto.createHmac("sha256", SECRET).update(req.body).digest("hex")`
// over the raw body and compares it with X-Webhook-Signature. The expected values below come from
// that snippet run here with node:crypto, and from fixed vectors computed with another HMAC
// implementation (Python's hmac module), never from the kit.
import { createHmac } from 'node:crypto';
import { createVerifier, signWith } from '@distribu/shared/kit';
import { distribuScheme } from '../../shared/src/providers/distribu/inbound';
import { verify } from '@distribu/shared/runtime';

/** The example secret shown in Distribu's webhook docs. */
const SECRET = 'whsec_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-abcd';
/** The docs' payload envelope example, as one line of raw bytes. */
const DOC_BODY =
  '{"event":"order.created","timestamp":"2026-04-16T14:22:00.000Z","data":{"id":"clxxorder123","status":"SUBMITTED","total":131.25,"customerId":"clxxcust1","poNumber":"PO-12345","itemCount":2}}';
const UNICODE_BODY = '{"event":"customer.created","timestamp":"2026-04-16T14:22:00.000Z","data":{"id":"c1","name":"Café Zürich 🚀"}}';

/** Distribu's documented receiver, verbatim in what it computes. */
const documented = (rawBody: Buffer, secret: string) => createHmac('sha256', secret).update(rawBody).digest('hex');

const vectors: Array<[name: string, body: string, hex: string]> = [
  ['the docs envelope', DOC_BODY, '42e95515a927aee6da0e0f090cf1308e6a5a1140540666eb954ff3faeb72641d'],
  ['non-ASCII and emoji bytes', UNICODE_BODY, '98013503a1474da8a1965a5002e2e55f6dc7fe0805f9c818ac0cd6481eac4dfb'],
];

const kitVerify = createVerifier(distribuScheme);

describe("Distribu's scheme (its docs' signing snippet)", () => {
  test.each(vectors)('%s: the docs snippet and the fixed vector agree', (_name, body, hex) => {
    expect(documented(Buffer.from(body, 'utf8'), SECRET)).toBe(hex);
  });

  test.each(vectors)('%s: the kit signs the same and accepts it, from bytes or text', (_name, body, hex) => {
    expect(signWith(distribuScheme, Buffer.from(body, 'utf8'), SECRET)).toBe(hex);
    for (const raw of [body, Buffer.from(body, 'utf8')]) {
      expect(kitVerify({ body: raw, headers: { 'X-Webhook-Signature': hex }, secrets: SECRET })).toEqual({
        ok: true,
        header: 'X-Webhook-Signature',
        secret: 'current',
        rotationRevealed: false,
      });
      expect(verify({ body: raw, headers: { 'x-webhook-signature': hex }, secrets: SECRET })).toEqual({ ok: true, header: 'X-Webhook-Signature' });
    }
  });

  test('the docs compare with !==; the kit also takes upper-case hex and surrounding spaces, and refuses anything else', () => {
    const hex = vectors[0]![2];
    expect(kitVerify({ body: DOC_BODY, headers: { 'X-Webhook-Signature': ` ${hex.toUpperCase()} ` }, secrets: SECRET }).ok).toBe(true);
    for (const wrong of [hex.slice(0, 63), `${hex}0`, `sha256=${hex}`, Buffer.from(hex, 'hex').toString('base64')]) {
      expect(kitVerify({ body: DOC_BODY, headers: { 'X-Webhook-Signature': wrong }, secrets: SECRET })).toMatchObject({ ok: false, reason: 'mismatch' });
    }
  });

  test('a rotation: the stored secret in X-Webhook-Signature-Old is accepted and reveals the rotation', () => {
    const headers = { 'X-Webhook-Signature': documented(Buffer.from(DOC_BODY), 'whsec_new'), 'X-Webhook-Signature-Old': vectors[0]![2] };
    expect(kitVerify({ body: DOC_BODY, headers, secrets: SECRET })).toEqual({ ok: true, header: 'X-Webhook-Signature-Old', secret: 'current', rotationRevealed: true });
    expect(verify({ body: DOC_BODY, headers, secrets: SECRET })).toEqual({ ok: true, header: 'X-Webhook-Signature-Old' });
  });
});
