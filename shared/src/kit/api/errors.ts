/**
 * The two ways an API call fails, for every provider: the provider answered with an error status
 * (ApiError, its message in the provider's words), or no usable answer came (NetworkError: a kind
 * and a plain message only, never the host's error object, which carries the request's headers).
 */
import type { NetworkErrorKind, NetworkFailure } from '../voice';

export interface ApiErrorDetails {
  status: number;
  /** The provider's own error text (redacted and bounded), when it sent one. */
  apiMessage?: string;
  /** 403: the scope the key lacks. */
  scope?: string;
  /** 429: seconds to wait. */
  retryAfter?: number;
}

export class ApiError extends Error {
  /** What the response said, as the plain-words message was made from it. */
  readonly details: ApiErrorDetails;
  readonly status: number;
  readonly apiMessage?: string;
  readonly scope?: string;
  readonly retryAfter?: number;

  constructor(details: ApiErrorDetails, message: string) {
    super(message);
    this.name = 'ApiError';
    this.details = details;
    this.status = details.status;
    this.apiMessage = details.apiMessage;
    this.scope = details.scope;
    this.retryAfter = details.retryAfter;
  }
}

export class NetworkError extends Error implements NetworkFailure {
  readonly kind: NetworkErrorKind;
  declare readonly why?: NetworkFailure['why'];

  constructor(kind: NetworkErrorKind, message: string, why?: NetworkFailure['why']) {
    super(message);
    this.name = 'NetworkError';
    this.kind = kind;
    if (why) this.why = why;
  }
}

/**
 * True only when the provider answered with a 4xx: it refused and did nothing. Anything else (a
 * network error, a timeout, a 5xx, an unreadable answer) leaves the outcome unknown.
 */
export function isDefiniteRefusal(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500;
}

/** The token endpoint refused or could not be used; the message never holds the secret or a token. */
export class TokenError extends Error {
  readonly status?: number;

  constructor(message: string, status?: number) {
    super(message);
    this.name = 'TokenError';
    this.status = status;
  }
}
