// dist0's webhook signature as data for the kit (only the scheme so far: dist0 becomes a whole
// provider in a later stage). dist0's webhook docs: `X-Dist0-Signature: v0=<hex>`, an HMAC-SHA256
// over "v0:" + X-Dist0-Timestamp + ":" + the raw body, the timestamp in Unix seconds, and "reject a
// send whose timestamp is more than a few minutes off": here 300 seconds, in both directions.
import type { HmacScheme } from '../../kit/inbound/verify';

export const dist0Scheme = {
  kind: 'hmac',
  algorithm: 'sha256',
  header: 'X-Dist0-Signature',
  encoding: 'hex',
  prefix: 'v0=',
  signed: 'v0:{timestamp}:{body}',
  timestamp: { header: 'X-Dist0-Timestamp', unit: 's', toleranceSeconds: 300 },
} as const satisfies HmacScheme;
