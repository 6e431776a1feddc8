// Distribu's failures as Zapier errors: the provider glue's mapping (provider/step-errors.ts) with Distribu's host
// data (its voice's redaction, its webhook cap), plus the middleware's mapping of an error answer's details.
import type { ZObject } from 'zapier-platform-core';
import { distribuHost } from '@distribu/shared/providers/distribu';
import { describeApiError, isWebhookCap, type ApiErrorDetails } from '@distribu/shared/runtime';
import { expiredAuthErrorOf, statusError, stepErrorOf, zapierErrorOf } from './provider/step-errors';

/**
 * A Distribu API error as the Zapier error users should see: the shared plain-words message (or
 * `said`, an operation's own explanation of it), a code Zapier can group on, and for 429 a
 * ThrottledError so Zapier retries after the delay.
 */
export function toZapierError(z: ZObject, details: ApiErrorDetails, hint = '', said = describeApiError(details)): Error {
  return statusError(z, distribuHost, `${said}${hint}`, details.status, details.retryAfter, isWebhookCap(details));
}

/**
 * Whatever a Distribu call threw, as a fresh Zapier error that carries only a plain message, a
 * code and a status: never the host's error object. Zapier's own errors pass through. `hint` (a
 * sentence starting with a space) is added to the message of API and network errors.
 */
export function asZapierError(z: ZObject, error: unknown, hint = ''): Error {
  return zapierErrorOf(z, distribuHost, error, hint);
}

/** The key was refused (revoked, expired): Zapier marks the connection expired and asks the user to reconnect. */
export function expiredAuthError(z: ZObject, message: string): Error {
  return expiredAuthErrorOf(z, distribuHost, message);
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
  return stepErrorOf(z, distribuHost, error);
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
