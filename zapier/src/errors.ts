import type { ZObject } from 'zapier-platform-core';
import { DistribuApiError, describeApiError, isWebhookCap, type ApiErrorDetails } from '../../shared/src/runtime';

/**
 * A Distribu API error as the Zapier error users should see: the shared plain-words message,
 * a code Zapier can group on, and for 429 a ThrottledError so Zapier retries after the delay.
 */
export function toZapierError(z: ZObject, details: ApiErrorDetails): Error {
  const message = describeApiError(details);
  const { status } = details;
  if (status === 429) return new z.errors.ThrottledError(message, details.retryAfter);
  if (status === 401) return new z.errors.Error(message, 'AuthenticationError', status);
  if (status === 403) return new z.errors.Error(message, 'MissingScope', status);
  if (isWebhookCap(details)) return new z.errors.Error(message, 'WebhookLimitReached', status);
  if (status === 404) return new z.errors.Error(message, 'NotFound', status);
  if (status >= 500) return new z.errors.Error(message, 'ServerError', status);
  return new z.errors.Error(message, 'DistribuApiError', status);
}

/** Runs a call through the shared client and rethrows its DistribuApiError as a Zapier error. */
export async function withZapierErrors<T>(z: ZObject, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw error instanceof DistribuApiError ? toZapierError(z, error.details) : error;
  }
}
