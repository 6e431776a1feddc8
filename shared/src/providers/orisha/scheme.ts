// Orisha Commerce's webhook authenticity as data for the kit (only the scheme so far: Orisha
// becomes a whole provider in a later stage). Its docs: each webhook has a unique secret, sent in
// the `X-Secret` header; the receiver checks the header is present and equal to it. No body integrity.
import type { SharedSecretScheme } from '../../kit/inbound/verify';

export const orishaScheme = { kind: 'shared-secret', header: 'X-Secret' } as const satisfies SharedSecretScheme;
