// Any failure of a provider's calls as a fresh Zapier error that carries only a plain message (redacted and bounded
// by the provider's voice), a code Zapier can group on and a status: never the host's error object (core's and
// node-fetch's errors can hold the request, its headers and the answer's body). Zapier's own errors pass through.
import type { ZObject } from 'zapier-platform-core';
import { ApiError, boundedLine, InputError, NetworkError, redactor, RegistrationOutcomeUnknownError, SupersededError, type HostProvider } from '@distribu/shared/kit';

/** Zapier's error codes for the network failures the kit names. */
const NETWORK_CODES: Record<NetworkError['kind'], string> = {
  timeout: 'Timeout',
  network: 'NetworkError',
  malformed: 'MalformedResponse',
};

/** One line in the provider's voice, redacted, at most `max` characters (300: a message; 600: an API error's). */
export function boundedFor(host: HostProvider, text: string, max = 300): string {
  return boundedLine(text, max, redactor(host.provider.voice));
}

/** `Orisha Commerce` → `OrishaCommerce`: the provider in an error code. */
const codeName = (host: HostProvider) => host.names.displayName.replace(/[^A-Za-z0-9]/g, '');

/**
 * An error status as the Zapier error users see: 429 a ThrottledError (Zapier retries after the delay), else a code
 * Zapier can group on. `cap`: the provider refused a webhook because its cap is full.
 */
export function statusError(z: ZObject, host: HostProvider, message: string, status: number, retryAfter: number | undefined, cap: boolean): Error {
  if (status === 429) return new z.errors.ThrottledError(message, retryAfter);
  if (status === 401) return new z.errors.Error(message, 'AuthenticationError', status);
  if (status === 403) return new z.errors.Error(message, 'MissingScope', status);
  if (cap) return new z.errors.Error(message, 'WebhookLimitReached', status);
  if (status === 404) return new z.errors.Error(message, 'NotFound', status);
  if (status >= 500) return new z.errors.Error(message, 'ServerError', status);
  return new z.errors.Error(message, `${codeName(host)}ApiError`, status);
}

/** Whatever a call threw, as a plain Zapier error; `hint` (a sentence starting with a space) follows API and network errors. */
export function zapierErrorOf(z: ZObject, host: HostProvider, error: unknown, hint = ''): Error {
  if (error instanceof ApiError) return statusError(z, host, `${boundedFor(host, error.message, 600)}${hint}`, error.status, error.retryAfter, !!host.api?.isCap(error));
  if (error instanceof NetworkError) return new z.errors.Error(`${boundedFor(host, error.message)}${hint}`, NETWORK_CODES[error.kind]);
  if (error instanceof SupersededError) return new z.errors.Error(boundedFor(host, error.message), 'Superseded');
  if (error instanceof RegistrationOutcomeUnknownError) return new z.errors.Error(boundedFor(host, error.message, 400), 'RegistrationOutcomeUnknown');
  const own = [z.errors.Error, z.errors.ThrottledError, z.errors.HaltedError, z.errors.RefreshAuthError] as Array<new (...args: never[]) => Error>;
  if (own.some((type) => error instanceof type)) return error as Error;
  const text = boundedFor(host, String(error instanceof Error ? error.message : error)) || `${host.names.displayName} could not be reached.`;
  return new z.errors.Error(`${text}${hint}`, `${codeName(host)}Error`);
}

/**
 * The key was refused (revoked, expired): Zapier marks the connection expired, asks the user to reconnect and holds
 * the run. Core appends its request log ("What happened", answers' bodies included) to errors not marked like its
 * own JSON errors; the message stays the plain one.
 */
export function expiredAuthErrorOf(z: ZObject, host: HostProvider, message: string): Error {
  const error = new z.errors.ExpiredAuthError(boundedFor(host, message)) as Error & { doNotContextify?: boolean };
  error.doNotContextify = true;
  return error;
}

/**
 * A failure while a Zap runs or loads its data (creates, searches, dropdowns). Bad input: a plain message naming the
 * field, before anything reached the provider. A refused key: ExpiredAuthError (a session's expired token: Zapier
 * refreshes it and repeats the step once). Anything else as zapierErrorOf says.
 */
export function stepErrorOf(z: ZObject, host: HostProvider, error: unknown): Error {
  if (error instanceof InputError) return new z.errors.Error(error.message, 'InvalidInput', 400);
  if (error instanceof ApiError) {
    if (error.status === 401 && host.api?.auth.kind === 'oauth2-client-credentials') return new z.errors.RefreshAuthError(boundedFor(host, error.message));
    if (host.api?.keyRefused ? host.api.keyRefused(error.status) : error.status === 401) return expiredAuthErrorOf(z, host, error.message);
  }
  return zapierErrorOf(z, host, error);
}
