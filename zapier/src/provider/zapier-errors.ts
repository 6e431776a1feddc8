// A failure of a hook trigger's call to the provider as the Zapier error users should see: a fresh error with only a
// plain message (bounded, redacted in the provider's voice), a code Zapier can group on and the status, never the
// host's error object (core's and node-fetch's errors can hold the request, its headers and the answer's body).
import type { ZObject } from 'zapier-platform-core';
import { ApiError, InputError, NetworkError, RegistrationOutcomeUnknownError, SupersededError, boundedLine, redactor, type HostProvider } from '@distribu/shared/kit';

const NETWORK_CODES: Record<NetworkError['kind'], string> = { timeout: 'Timeout', network: 'NetworkError', malformed: 'MalformedResponse' };

/** The provider's name as an error code's prefix: `Acme` → `AcmeApiError`. */
const codeName = (host: HostProvider) => host.names.displayName.replace(/[^A-Za-z0-9]/g, '');

export function boundedFor(host: HostProvider): (text: string, max?: number) => string {
  const redact = redactor(host.provider.voice);
  return (text, max = 300) => boundedLine(text, max, redact);
}

/** A session's token expired or was revoked: Zapier runs sessionConfig.perform and repeats the step once. */
function sessionExpired(z: ZObject, host: HostProvider, error: unknown): Error | undefined {
  if (error instanceof ApiError && error.status === 401 && host.api?.auth.kind === 'oauth2-client-credentials') return new z.errors.RefreshAuthError(boundedFor(host)(error.message, 600));
  return undefined;
}

/**
 * Whatever a call threw, as a Zapier error; `hint` (a sentence starting with a space) is added to API and network
 * errors. A 429 is a ThrottledError (Zapier retries after the delay); Zapier's own errors pass through.
 */
export function zapierErrorOf(z: ZObject, host: HostProvider, error: unknown, hint = ''): Error {
  const bounded = boundedFor(host);
  const refresh = sessionExpired(z, host, error);
  if (refresh) return refresh;
  if (error instanceof ApiError) {
    const message = `${bounded(error.message, 600)}${hint}`;
    const { status } = error;
    if (status === 429) return new z.errors.ThrottledError(message, error.retryAfter);
    if (status === 401) return new z.errors.Error(message, 'AuthenticationError', status);
    if (status === 403) return new z.errors.Error(message, 'MissingScope', status);
    if (host.api?.isCap(error)) return new z.errors.Error(message, 'WebhookLimitReached', status);
    if (status === 404) return new z.errors.Error(message, 'NotFound', status);
    if (status >= 500) return new z.errors.Error(message, 'ServerError', status);
    return new z.errors.Error(message, `${codeName(host)}ApiError`, status);
  }
  if (error instanceof NetworkError) return new z.errors.Error(`${bounded(error.message)}${hint}`, NETWORK_CODES[error.kind]);
  if (error instanceof SupersededError) return new z.errors.Error(bounded(error.message), 'Superseded');
  if (error instanceof RegistrationOutcomeUnknownError) return new z.errors.Error(bounded(error.message, 400), 'RegistrationOutcomeUnknown');
  const own = [z.errors.Error, z.errors.ThrottledError, z.errors.HaltedError, z.errors.RefreshAuthError, z.errors.ExpiredAuthError] as Array<new (...args: never[]) => Error>;
  if (own.some((type) => error instanceof type)) return error as Error;
  const text = bounded(String(error instanceof Error ? error.message : error)) || `${host.names.displayName} could not be reached.`;
  return new z.errors.Error(`${text}${hint}`, `${codeName(host)}Error`);
}

/**
 * The key was refused (revoked, expired): Zapier marks the connection expired, asks the user to reconnect and holds
 * the run. Core appends its request log to errors not marked like its own JSON errors; the message stays the plain one.
 */
export function expiredAuthError(z: ZObject, host: HostProvider, message: string): Error {
  const error = new z.errors.ExpiredAuthError(boundedFor(host)(message)) as Error & { doNotContextify?: boolean };
  error.doNotContextify = true;
  return error;
}

/**
 * A failure while a Zap runs or loads its data (a delivery's full record, the test step): bad input names the field;
 * a refused key is ExpiredAuthError, so Zapier asks the user to reconnect and holds the runs; anything else as above.
 */
export function runErrorOf(z: ZObject, host: HostProvider, error: unknown): Error {
  if (error instanceof InputError) return new z.errors.Error(error.message, 'InvalidInput', 400);
  const refresh = sessionExpired(z, host, error);
  if (refresh) return refresh;
  const refused = error instanceof ApiError && (host.api?.keyRefused ? host.api.keyRefused(error.status) : error.status === 401);
  if (refused) return expiredAuthError(z, host, error.message);
  return zapierErrorOf(z, host, error);
}

/** Runs calls while a Zap runs; their failures as runErrorOf says. */
export async function withRunErrorsOf<T>(z: ZObject, host: HostProvider, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw runErrorOf(z, host, error);
  }
}

/** Runs calls (subscribe, unsubscribe); their failures as zapierErrorOf says. */
export async function withZapierErrorsOf<T>(z: ZObject, host: HostProvider, call: () => Promise<T>, hint = ''): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw zapierErrorOf(z, host, error, hint);
  }
}
