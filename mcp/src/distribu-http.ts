// The REST transport of the MCP server: fetch with the caller's key or token, a timeout on every
// call, HTTP error statuses returned (the shared client turns them into plain errors).
import type { AuthorizedSend } from '@distribu/shared/kit';
import { apiBaseUrl, boundedText, REQUEST_TIMEOUT_MS, type ApiRequest, type ApiResponse, type Transport } from '@distribu/shared/runtime';

export function fetchTransport(baseUrl: string | undefined, apiKey: string, timeoutMs: number = REQUEST_TIMEOUT_MS): Transport {
  return fetchTransportAt(apiBaseUrl(baseUrl), apiKey, timeoutMs);
}

/** The same over any provider's API root (e.g. `https://dist0.com/api/v1`), the key as a Bearer token. */
export function fetchTransportAt(api: string, apiKey: string, timeoutMs: number = REQUEST_TIMEOUT_MS): Transport {
  const send = authorizedSend(api, timeoutMs);
  return (request) => send(request, `Bearer ${apiKey}`);
}

/** A call to a provider's API root with the Authorization header the auth gives (a key, or a client-credentials token). */
export function authorizedSend(api: string, timeoutMs: number = REQUEST_TIMEOUT_MS): AuthorizedSend {
  return async (request: ApiRequest, authorization: string): Promise<ApiResponse> => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) query.set(key, String(value));
    const hasBody = request.body !== undefined;
    const response = await fetch(`${api}${request.path}${query.size ? `?${query}` : ''}`, {
      method: request.method,
      headers: { authorization, accept: 'application/json', ...(hasBody ? { 'content-type': 'application/json' } : {}) },
      body: hasBody ? JSON.stringify(request.body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: response.status, body: await bodyOf(response), headers: Object.fromEntries(response.headers) };
  };
}

/** An answer's body: its JSON, or the raw text when it is not JSON, as the Transport contract says (never quoted). */
export async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

/**
 * The base URL, checked once at start: a malformed one would otherwise fail every tool call with
 * "could not reach Distribu". Empty means Distribu itself.
 */
export function checkedBaseUrl(baseUrl: string | undefined, what = 'The Distribu base URL (DISTRIBU_BASE_URL)', example = 'https://distribu.app'): string | undefined {
  const given = baseUrl?.trim();
  if (!given) return undefined;
  const protocol = URL.canParse(given) ? new URL(given).protocol : '';
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new Error(`${what} must be an http or https address such as ${example}; got "${boundedText(given, 80)}".`);
  }
  return given;
}
