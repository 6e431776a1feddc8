// Any failure of a provider's call as the Zapier error users should see, for every provider's app: a fresh
// z.errors object that carries only a plain message (bounded, the provider's secrets redacted), a code Zapier can
// group on and a status; never the host's error object, which can hold the request and its headers.
import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  ApiError,
  InputError,
  NetworkError,
  RegistrationOutcomeUnknownError,
  SupersededError,
  boundedLine,
  redactor,
  type HostProvider,
  type NetworkErrorKind,
} from '@distribu/shared/kit';

/** How a failure is answered: in the connection test a refused key is the answer; while a Zap runs Zapier asks to reconnect. */
export interface ErrorContext {
  /** The connection test (Zapier's `bundle.meta.isTestingAuth`). */
  testingAuth?: boolean;
  /** A sentence starting with a space, added to the message of API and network errors. */
  hint?: string;
}

/** The context of a call Zapier may make as the connection test (a session's token, a polling trigger, a search). */
export const testingAuthOf = (bundle: Pick<Bundle, 'meta'>): ErrorContext => ({ testingAuth: !!bundle.meta?.isTestingAuth });

/** Zapier's error codes for the network failures the kit names. */
const NETWORK_CODES: Record<NetworkErrorKind, string> = { timeout: 'Timeout', network: 'NetworkError', malformed: 'MalformedResponse' };

/** `Orisha Commerce` → `OrishaCommerce`: the prefix of the codes that name the provider. */
const codeName = (host: HostProvider) => host.names.displayName.replace(/[^A-Za-z0-9]/g, '');

/** The provider's bounding and redaction (600 characters for an API's own explanation, 300 otherwise). */
export function boundedFor(host: HostProvider): (text: string, max?: number) => string {
  const redact = redactor(host.provider.voice);
  return (text, max = 300) => boundedLine(text, max, redact);
}

/** Whether the answer refuses the key itself (unknown, revoked): the provider says which status means it (default 401). */
const keyRefused = (host: HostProvider, status: number) => (host.api?.keyRefused ? host.api.keyRefused(status) : status === 401);

/**
 * The key was refused (revoked, expired): Zapier marks the connection expired, asks the user to reconnect and
 * holds the run. Core appends its request log ("What happened", answers' bodies included) to errors not marked
 * like its own JSON errors; the message stays the plain one.
 */
export function expiredAuthError(z: ZObject, message: string): Error {
  const error = new z.errors.ExpiredAuthError(message) as Error & { doNotContextify?: boolean };
  error.doNotContextify = true;
  return error;
}

function apiErrorOf(z: ZObject, host: HostProvider, error: ApiError, context: ErrorContext): Error {
  const message = `${boundedFor(host)(error.message, 600)}${context.hint ?? ''}`;
  const { status } = error;
  if (status === 429) return new z.errors.ThrottledError(message, error.retryAfter);
  if (keyRefused(host, status)) {
    // A session's token expired or was revoked: Zapier runs sessionConfig.perform and repeats the step once.
    if (host.api?.auth.kind === 'oauth2-client-credentials') return new z.errors.RefreshAuthError(message);
    if (!context.testingAuth) return expiredAuthError(z, message);
    return new z.errors.Error(message, 'AuthenticationError', status);
  }
  if (status === 403) return new z.errors.Error(message, 'MissingScope', status);
  if (host.api?.isCap(error)) return new z.errors.Error(message, 'WebhookLimitReached', status);
  if (status === 404) return new z.errors.Error(message, 'NotFound', status);
  if (status >= 500) return new z.errors.Error(message, 'ServerError', status);
  return new z.errors.Error(message, `${codeName(host)}ApiError`, status);
}

/** Whatever a provider's call threw, as the Zapier error to raise (Zapier's own errors pass through). */
export function zapierErrorOf(z: ZObject, host: HostProvider, error: unknown, context: ErrorContext = {}): Error {
  const bounded = boundedFor(host);
  const hint = context.hint ?? '';
  if (error instanceof InputError) return new z.errors.Error(error.message, 'InvalidInput', 400);
  if (error instanceof ApiError) return apiErrorOf(z, host, error, context);
  if (error instanceof NetworkError) return new z.errors.Error(`${bounded(error.message)}${hint}`, NETWORK_CODES[error.kind]);
  if (error instanceof SupersededError) return new z.errors.Error(bounded(error.message), 'Superseded');
  if (error instanceof RegistrationOutcomeUnknownError) return new z.errors.Error(bounded(error.message, 400), 'RegistrationOutcomeUnknown');
  const own = [z.errors.Error, z.errors.ThrottledError, z.errors.HaltedError, z.errors.RefreshAuthError, z.errors.ExpiredAuthError] as Array<new (...args: never[]) => Error>;
  if (own.some((type) => error instanceof type)) return error as Error;
  const text = bounded(String(error instanceof Error ? error.message : error)) || `${host.names.displayName} could not be reached.`;
  return new z.errors.Error(`${text}${hint}`, `${codeName(host)}Error`);
}

/**
 * Runs a step's calls and rethrows their failures as zapierErrorOf words them: while a Zap runs (no context) a refused
 * key asks the user to reconnect; where the refusal is the answer itself (`testingAuth`: the connection test, and
 * subscribe and unsubscribe, where the user is there to read it) it is stated.
 */
export async function inZapierWords<T>(z: ZObject, host: HostProvider, call: () => Promise<T>, context: ErrorContext = {}): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw zapierErrorOf(z, host, error, context);
  }
}
