import type { ZObject } from 'zapier-platform-core';
import {
  DistribuApiError,
  DistribuInputError,
  DistribuNetworkError,
  RegistrationOutcomeUnknownError,
  SupersededError,
  boundedText,
  describeApiError,
  isWebhookCap,
  type ApiErrorDetails,
} from '@distribu/shared/runtime';

/**
 * A Distribu API error as the Zapier error users should see: the shared plain-words message (or
 * `said`, an operation's own explanation of it), a code Zapier can group on, and for 429 a
 * ThrottledError so Zapier retries after the delay.
 */
export function toZapierError(z: ZObject, details: ApiErrorDetails, hint = '', said = describeApiError(details)): Error {
  const message = `${said}${hint}`;
  const { status } = details;
  if (status === 429) return new z.errors.ThrottledError(message, details.retryAfter);
  if (status === 401) return new z.errors.Error(message, 'AuthenticationError', status);
  if (status === 403) return new z.errors.Error(message, 'MissingScope', status);
  if (isWebhookCap(details)) return new z.errors.Error(message, 'WebhookLimitReached', status);
  if (status === 404) return new z.errors.Error(message, 'NotFound', status);
  if (status >= 500) return new z.errors.Error(message, 'ServerError', status);
  return new z.errors.Error(message, 'DistribuApiError', status);
}

/** Zapier's error codes for the network failures the shared client names. */
const NETWORK_CODES: Record<DistribuNetworkError['kind'], string> = {
  timeout: 'Timeout',
  network: 'NetworkError',
  malformed: 'MalformedResponse',
};

/**
 * Whatever a Distribu call threw, as a fresh Zapier error that carries only a plain message, a
 * code and a status: never the host's error object (core's and node-fetch's errors can hold the
 * request, its headers and the answer's body). Zapier's own errors pass through. `hint` (a
 * sentence starting with a space) is added to the message of API and network errors.
 */
export function asZapierError(z: ZObject, error: unknown, hint = ''): Error {
  if (error instanceof DistribuApiError) return toZapierError(z, error.details, hint, boundedText(error.message, 600));
  if (error instanceof DistribuNetworkError) return new z.errors.Error(`${boundedText(error.message)}${hint}`, NETWORK_CODES[error.kind]);
  if (error instanceof SupersededError) return new z.errors.Error(boundedText(error.message), 'Superseded');
  if (error instanceof RegistrationOutcomeUnknownError) return new z.errors.Error(boundedText(error.message, 400), 'RegistrationOutcomeUnknown');
  const own = [z.errors.Error, z.errors.ThrottledError, z.errors.HaltedError] as Array<new (...args: never[]) => Error>;
  if (own.some((type) => error instanceof type)) return error as Error;
  const text = boundedText(String(error instanceof Error ? error.message : error)) || 'Distribu could not be reached.';
  return new z.errors.Error(`${text}${hint}`, 'DistribuError');
}

/**
 * The key was refused (revoked, expired): Zapier marks the connection expired, asks the user to
 * reconnect and holds the run. Core appends its request log ("What happened", answers' bodies
 * included) to errors not marked like its own JSON errors; the message stays the plain one.
 */
export function expiredAuthError(z: ZObject, message: string): Error {
  const error = new z.errors.ExpiredAuthError(boundedText(message)) as Error & { doNotContextify?: boolean };
  error.doNotContextify = true;
  return error;
}

/**
 * A failure while a Zap runs or loads its data (perform, performList, dropdowns, creates, searches).
 * Bad input: a plain message naming the field, before anything reached Distribu. A refused key
 * (401): ExpiredAuthError, so Zapier asks the user to reconnect and holds the runs instead of failing
 * quietly (the connection test keeps the plain "key not accepted" error: withZapierErrors). Anything
 * else: the shared plain-words message (missing scope named, refused status change with the allowed
 * ones, whether a create happened) as asZapierError makes it.
 */
export function runError(z: ZObject, error: unknown): Error {
  if (error instanceof DistribuInputError) return new z.errors.Error(error.message, 'InvalidInput', 400);
  if (error instanceof DistribuApiError && error.status === 401) return expiredAuthError(z, error.message);
  return asZapierError(z, error);
}

/** Runs Distribu calls while a Zap runs and rethrows their failures as runError says. */
export async function withRunErrors<T>(z: ZObject, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw runError(z, error);
  }
}

/** Runs Distribu calls and rethrows anything they throw as a plain Zapier error (see asZapierError). */
export async function withZapierErrors<T>(z: ZObject, call: () => Promise<T>, hint = ''): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw asZapierError(z, error, hint);
  }
}
