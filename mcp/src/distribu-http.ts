// The Distribu REST transport of the MCP server: fetch with the caller's key, a timeout on every
// call, HTTP error statuses returned (the shared client turns them into plain errors).
import { apiBaseUrl, REQUEST_TIMEOUT_MS, type ApiRequest, type ApiResponse, type Transport } from '@distribu/shared/runtime';

export function fetchTransport(baseUrl: string | undefined, apiKey: string, timeoutMs: number = REQUEST_TIMEOUT_MS): Transport {
  const api = apiBaseUrl(baseUrl);
  return async (request: ApiRequest): Promise<ApiResponse> => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) query.set(key, String(value));
    const hasBody = request.body !== undefined;
    const response = await fetch(`${api}${request.path}${query.size ? `?${query}` : ''}`, {
      method: request.method,
      headers: { authorization: `Bearer ${apiKey}`, accept: 'application/json', ...(hasBody ? { 'content-type': 'application/json' } : {}) },
      body: hasBody ? JSON.stringify(request.body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: the raw text, as the Transport contract says (the client never quotes it).
    }
    return { status: response.status, body, headers: Object.fromEntries(response.headers) };
  };
}
