/**
 * One API call over the host's HTTP function, for any provider: an error status becomes the
 * provider's ApiError, a failed call its NetworkError, so no host error object (with the request's
 * headers) leaves the client. What the provider's answers look like is its ApiShape.
 */
import { networkFailureOf } from '../voice';
import { ApiError, NetworkError, TokenError } from './errors';

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path under the provider's API prefix. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
}

export interface ApiResponse {
  status: number;
  /** Parsed JSON, or the raw text when it was not JSON. */
  body: unknown;
  headers?: Record<string, unknown>;
}

/**
 * The host's HTTP function (Zapier's `z.request`, n8n's `httpRequestWithAuthentication`, fetch in
 * tests). It adds authentication, must not throw on HTTP error statuses, and returns them instead.
 */
export type Transport = (request: ApiRequest) => Promise<ApiResponse>;

/** An API call gives up after this long unless its host sets its own limit (n8n's default would be 300 s). */
export const REQUEST_TIMEOUT_MS = 30_000;

/** How a provider's API answers, as the client needs it. */
export interface ApiShape {
  /** The error for a non-2xx answer, in the provider's words. */
  apiError(status: number, body: unknown, headers: Record<string, unknown> | undefined): Error;
  /** Whatever the host's HTTP call threw, as the provider's plain network error. */
  networkError(error: unknown): Error;
  /** A 2xx whose body is not what the call returns: as unusable as no answer at all. */
  malformed(): Error;
  /** The record inside an answer (e.g. `{data: x}` → x). */
  unwrap(body: unknown): unknown;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

export class RestClient {
  constructor(
    protected readonly transport: Transport,
    protected readonly shape: ApiShape,
  ) {}

  /** One call, as is: an error status becomes the provider's ApiError, a failed call its NetworkError. */
  async call(request: ApiRequest): Promise<ApiResponse> {
    let response: ApiResponse;
    try {
      response = await this.send(request);
    } catch (error) {
      // A refused sign-in (client credentials) says so in its own words: it is no network failure. A host transport
      // that worded its failure already (a Zapier step out of time) is heard as it said it.
      if (error instanceof TokenError || error instanceof NetworkError) throw error;
      throw this.shape.networkError(error);
    }
    if (!response || typeof response.status !== 'number') throw this.shape.malformed();
    if (response.status < 200 || response.status >= 300) throw this.shape.apiError(response.status, response.body, response.headers);
    return response;
  }

  /**
   * A GET whose connection was cut without a usable answer is sent once more: typically the server
   * closed a kept-alive connection just as the host reused it, and reading twice changes nothing. A write is
   * never sent twice (it may have happened), nor a call refused, sent to an unknown host or timed out.
   */
  private async send(request: ApiRequest): Promise<ApiResponse> {
    try {
      return await this.transport(request);
    } catch (error) {
      // A host transport may have made it the provider's NetworkError already; that keeps the kind and why.
      const failure = error instanceof NetworkError ? error : networkFailureOf(error);
      if (request.method !== 'GET' || error instanceof TokenError || failure.kind !== 'network' || failure.why) throw error;
      return this.transport(request);
    }
  }

  /** Deletes what is at `path`. Already gone (404) counts as deleted: returns false then. */
  protected async deleteAt(path: string): Promise<boolean> {
    try {
      await this.call({ method: 'DELETE', path });
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return false;
      throw error;
    }
  }

  /** The provider's error for an error answer a host got outside this client (a Zapier app's afterResponse). */
  errorOf(status: number, body: unknown, headers?: Record<string, unknown>): Error {
    return this.shape.apiError(status, body, headers);
  }

  /** The provider's error for an answer that cannot be used (a list whose cursor does not move, a missing field). */
  malformed(): Error {
    return this.shape.malformed();
  }

  /** The one record an answer holds, with a string id, or the malformed-answer error. */
  protected record<T>(body: unknown): T & { id: string } {
    const value = this.shape.unwrap(body);
    if (!isRecord(value) || typeof value.id !== 'string') throw this.shape.malformed();
    return value as T & { id: string };
  }
}
