/**
 * Distribu answers errors as `{"error": "..."}` with no machine codes, so the status decides.
 * These messages reach Zap and workflow authors as they are: plain words, what to do next,
 * and never a secret.
 */

export interface ApiErrorDetails {
  status: number;
  /** Distribu's own `error` text, when it sent one. */
  apiMessage?: string;
  /** 403: the scope the key lacks. */
  scope?: string;
  /** 429: seconds to wait. */
  retryAfter?: number;
}

export const WEBHOOK_CAP_MESSAGE =
  'Distribu allows at most 10 webhooks per company and all 10 are in use. Delete unused ones in Distribu under Settings → Webhooks, then turn this on again.';

/** Distribu's 10-webhook cap: a 422 whose message is the documented "Maximum of 10 webhooks per company." */
export function isWebhookCap(d: ApiErrorDetails): boolean {
  return d.status === 422 && /maximum of 10 webhooks/i.test(d.apiMessage ?? '');
}

export class DistribuApiError extends Error {
  /** What the response said, as the plain-words message was made from it. */
  readonly details: ApiErrorDetails;
  readonly status: number;
  readonly apiMessage?: string;
  readonly scope?: string;
  readonly retryAfter?: number;

  constructor(details: ApiErrorDetails, message: string = describeApiError(details)) {
    super(message);
    this.name = 'DistribuApiError';
    this.details = details;
    this.status = details.status;
    this.apiMessage = details.apiMessage;
    this.scope = details.scope;
    this.retryAfter = details.retryAfter;
  }

  get isWebhookCap(): boolean {
    return isWebhookCap(this.details);
  }
}

function firstHeader(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === name) return Array.isArray(v) ? String(v[0]) : v == null ? undefined : String(v);
  }
  return undefined;
}

/** Reads status, Distribu's message, the missing scope and the retry delay from a response. */
export function errorDetails(status: number, body: unknown, headers?: Record<string, unknown>): ApiErrorDetails {
  const obj = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const apiMessage = typeof obj.error === 'string' ? obj.error : typeof body === 'string' && body ? body : undefined;
  const details: ApiErrorDetails = { status, apiMessage };
  const scope = apiMessage?.match(/"([a-z]+:[a-z]+)"/)?.[1];
  if (scope) details.scope = scope;
  const retry = Number(obj.retryAfter ?? firstHeader(headers, 'retry-after'));
  if (status === 429 && Number.isFinite(retry) && retry >= 0) details.retryAfter = retry;
  return details;
}

export function describeApiError(d: ApiErrorDetails): string {
  switch (true) {
    case d.status === 401:
      return 'Distribu did not accept the API key: it is missing, mistyped, expired or revoked. Create a key in Distribu under Settings → API keys and reconnect.';
    case d.status === 403:
      return d.scope
        ? `This Distribu API key lacks the "${d.scope}" scope. Scopes are fixed when a key is created: create a key that includes "${d.scope}" under Settings → API keys and reconnect.`
        : `This Distribu API key lacks a scope this step needs (${d.apiMessage ?? 'forbidden'}). Create a key with the scopes listed in the connection help.`;
    case d.status === 404:
      return 'Distribu could not find it: it was deleted, or it belongs to another company.';
    case isWebhookCap(d):
      return WEBHOOK_CAP_MESSAGE;
    case d.status === 400 || d.status === 422:
      return `Distribu refused the request: ${d.apiMessage ?? `HTTP ${d.status}`}`;
    case d.status === 429:
      return d.retryAfter !== undefined
        ? `Distribu's rate limit was reached. Try again in ${d.retryAfter} seconds.`
        : "Distribu's rate limit was reached. Try again in a minute.";
    case d.status >= 500:
      return `Distribu had a server error (HTTP ${d.status}). Try again in a few minutes; if it persists, contact support@distribu.app.`;
    default:
      return `Distribu answered HTTP ${d.status}${d.apiMessage ? `: ${d.apiMessage}` : ''}.`;
  }
}
