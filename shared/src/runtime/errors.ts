/**
 * Distribu answers errors as `{"error": "..."}` with no machine codes, so the status decides.
 * These messages reach Zap and workflow authors as they are: plain words, what to do next,
 * bounded in length, and never a secret. Only Distribu's JSON `error` string is ever quoted: a
 * proxy's HTML page or a gateway that echoes request headers must not become the message.
 */
import { REQUEST_TIMEOUT_MS } from '../kit/api/client';
import { ApiError, isDefiniteRefusal, NetworkError, type ApiErrorDetails } from '../kit/api/errors';
import { boundedLine, capMessage, networkFailureOf, redactor, type NetworkErrorKind, type NetworkFailure } from '../kit/voice';
import { DISTRIBU_WEBHOOK_CAP, distribuVoice } from '../providers/distribu/voice';

export type { ApiErrorDetails };

export const MAX_API_MESSAGE_LENGTH = 300;

/** An API call gives up after this long unless its host sets its own limit (Zapier's app: zapier/src/time-budget.ts). */
export { REQUEST_TIMEOUT_MS };

/** "Distribu did not answer within 10 seconds." (1.5 s reads "1.5 seconds"). */
export function noAnswerWithin(ms: number = REQUEST_TIMEOUT_MS): string {
  return `Distribu did not answer within ${Math.round(ms / 100) / 10} seconds.`;
}

/** Distribu's webhooks per company, active or not: the one statement of the figure (the sandbox's too). */
export const WEBHOOK_CAP = DISTRIBU_WEBHOOK_CAP;

export const WEBHOOK_CAP_MESSAGE = capMessage(distribuVoice, WEBHOOK_CAP);

/** A 401 in plain words; the n8n credential test starts its 401 message with it too. */
export const KEY_REJECTED = 'Distribu did not accept the API key: it is missing, mistyped, expired or revoked.';

/** Replaces anything shaped like a Distribu key, signing secret or Bearer token (the voice's patterns). */
export const redactSecrets: (text: string) => string = redactor(distribuVoice);

/** One line, redacted, at most `max` characters (a cut one ends in '…'). */
export function boundedText(text: string, max: number = MAX_API_MESSAGE_LENGTH): string {
  return boundedLine(text, max, redactSecrets);
}

const CAP_TEXT = new RegExp(`maximum of ${WEBHOOK_CAP} webhooks`, 'i');

/** Distribu's webhook cap: a 422 whose message is the documented "Maximum of 10 webhooks per company." */
export function isWebhookCap(d: ApiErrorDetails): boolean {
  return d.status === 422 && CAP_TEXT.test(d.apiMessage ?? '');
}

/** Distribu answered with an error status; the message is in Distribu's words (describeApiError). */
export class DistribuApiError extends ApiError {
  constructor(details: ApiErrorDetails, message: string = describeApiError(details)) {
    super(details, message);
    this.name = 'DistribuApiError';
  }

  get isWebhookCap(): boolean {
    return isWebhookCap(this.details);
  }
}

/** Distribu gave no usable answer: none in time, none at all, or one that cannot be read. */
export type { NetworkErrorKind };

const NETWORK_MESSAGES: Record<NetworkErrorKind, string> = {
  timeout: `${noAnswerWithin()} Try again in a few minutes.`,
  network: 'Could not reach Distribu: the connection failed or was cut before an answer came. Check the connection and try again.',
  malformed: "Distribu's answer could not be read: it was cut short or was not the expected JSON. Try again in a few minutes.",
};

/**
 * An API call without a usable answer. It keeps only a kind and a plain message: no request,
 * response, headers or `cause` (a host's error object carries the Authorization header).
 */
export class DistribuNetworkError extends NetworkError {
  /** A timeout: how long the call waited, when the host set its own limit. */
  declare readonly timeoutMs?: number;

  constructor(kind: NetworkErrorKind, message: string = NETWORK_MESSAGES[kind], timeoutMs?: number, why?: NetworkFailure['why']) {
    super(kind, boundedText(message), why);
    this.name = 'DistribuNetworkError';
    if (timeoutMs !== undefined) this.timeoutMs = timeoutMs;
  }
}

/** A call that gave up after `ms` (a host's own limit), saying so in its message. */
export function timeoutAfter(ms: number): DistribuNetworkError {
  return new DistribuNetworkError('timeout', `${noAnswerWithin(ms)} Try again in a few minutes.`, ms);
}

/**
 * Maps whatever a host's HTTP call threw to a plain DistribuNetworkError. Never copies the
 * original message: it may hold the URL, headers or a proxy's page.
 */
export function networkErrorFrom(error: unknown): DistribuNetworkError {
  if (error instanceof DistribuNetworkError) return error;
  const failure = networkFailureOf(error);
  if (failure.why === 'host-not-found') {
    return new DistribuNetworkError('network', "Could not reach Distribu: its server name was not found. Check the connection's base URL.", undefined, failure.why);
  }
  if (failure.why === 'refused') {
    return new DistribuNetworkError('network', "Could not reach Distribu: the connection was refused. Check the connection's base URL and try again.", undefined, failure.why);
  }
  return new DistribuNetworkError(failure.kind);
}

/** True only when Distribu answered with a 4xx: it refused and did nothing (the kit's rule). */
export { isDefiniteRefusal };

function firstHeader(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === name) return Array.isArray(v) ? String(v[0]) : v == null ? undefined : String(v);
  }
  return undefined;
}

/** A body the host left as text may still be Distribu's JSON. */
function asObject(body: unknown): Record<string, unknown> {
  if (typeof body === 'string' && body.trimStart().startsWith('{')) {
    try {
      body = JSON.parse(body);
    } catch {
      return {};
    }
  }
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** Reads status, Distribu's message, the missing scope and the retry delay from a response. */
export function errorDetails(status: number, body: unknown, headers?: Record<string, unknown>): ApiErrorDetails {
  const obj = asObject(body);
  const details: ApiErrorDetails = { status };
  if (typeof obj.error === 'string' && obj.error.trim() !== '') details.apiMessage = boundedText(obj.error);
  const scope = details.apiMessage?.match(/"([a-z]+:[a-z]+)"/)?.[1];
  if (scope) details.scope = scope;
  const retry = Number(obj.retryAfter ?? firstHeader(headers, 'retry-after'));
  if (status === 429 && Number.isFinite(retry) && retry >= 0) details.retryAfter = Math.ceil(retry);
  return details;
}

export function describeApiError(d: ApiErrorDetails): string {
  const said = d.apiMessage ? boundedText(d.apiMessage) : undefined;
  switch (true) {
    case d.status === 401:
      return `${KEY_REJECTED} Create a key in Distribu under Settings → API keys and reconnect.`;
    case d.status === 403:
      return d.scope
        ? `This Distribu API key lacks the "${d.scope}" scope. Scopes are fixed when a key is created: create a key that includes "${d.scope}" under Settings → API keys and reconnect.`
        : `This Distribu API key lacks a scope this step needs${said ? ` (${said})` : ''}. Create a key with the scopes listed in the connection help.`;
    case d.status === 404:
      return 'Distribu could not find it: it was deleted, or it belongs to another company.';
    case isWebhookCap(d):
      return WEBHOOK_CAP_MESSAGE;
    case d.status === 413:
      return 'Distribu refused the request as too large (HTTP 413).';
    case d.status === 429:
      return d.retryAfter !== undefined
        ? `Distribu's rate limit was reached. Try again in ${d.retryAfter} seconds.`
        : "Distribu's rate limit was reached. Try again in a minute.";
    case d.status === 408:
      return 'Distribu did not receive the request in time (HTTP 408). Try again.';
    case d.status >= 400 && d.status < 500:
      return said ? `Distribu refused the request: ${said}` : `Distribu refused the request (HTTP ${d.status}).`;
    case d.status >= 500:
      return `Distribu had a server error (HTTP ${d.status}). Try again in a few minutes; if it persists, contact support@distribu.app.`;
    default:
      return `Distribu sent an unexpected answer (HTTP ${d.status}).`;
  }
}
