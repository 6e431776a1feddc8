import { randomBytes } from 'node:crypto';

let counter = 0;

/**
 * A cuid-like id (`cl` + time + counter + randomness, 25 lowercase base36 chars), the shape
 * Distribu's ids have. Unique within a process; not meant to be sortable.
 */
export function newId(): string {
  counter = (counter + 1) % 1679616; // 36^4
  const time = Date.now().toString(36).slice(-8).padStart(8, '0');
  const count = counter.toString(36).padStart(4, '0');
  const random = BigInt(`0x${randomBytes(8).toString('hex')}`).toString(36).padStart(11, '0').slice(-11);
  return `cl${time}${count}${random}`;
}

/** `dk_` + 32 random bytes base64url: a Distribu API key. */
export function newApiKey(): string {
  return `dk_${randomBytes(32).toString('base64url')}`;
}

/** `whsec_` + 24 random bytes base64url: a webhook signing secret. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}
