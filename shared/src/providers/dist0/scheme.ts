// dist0's webhook signature as data for the kit. dist0's webhook docs: `X-Dist0-Signature: v0=<hex>`,
// an HMAC-SHA256 over "v0:" + X-Dist0-Timestamp + ":" + the raw body, the timestamp in Unix seconds,
// and "reject a send whose timestamp is more than a few minutes off": 300 seconds here, in both
// directions (assumed-api.ts). No previous-secret header: the docs name none.
import type { HmacScheme } from '../../kit/inbound/verify';
import { DIST0_TOLERANCE_SECONDS } from './assumed-api';

export const dist0Scheme = {
  kind: 'hmac',
  algorithm: 'sha256',
  header: 'X-Dist0-Signature',
  encoding: 'hex',
  prefix: 'v0=',
  signed: 'v0:{timestamp}:{body}',
  timestamp: { header: 'X-Dist0-Timestamp', unit: 's', toleranceSeconds: DIST0_TOLERANCE_SECONDS },
} as const satisfies HmacScheme;
