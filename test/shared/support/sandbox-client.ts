import { DistribuClient, REQUEST_TIMEOUT_MS, type ApiRequest, type ApiResponse, type Transport } from '@distribu/shared/runtime';

/**
 * The shared client over real HTTP to a running sandbox, as a connector's transport does it:
 * Bearer key, JSON both ways, HTTP error statuses returned (not thrown), a timeout on every call.
 */
export function fetchTransport(baseUrl: string, apiKey: string, timeoutMs: number = REQUEST_TIMEOUT_MS): Transport {
  return async (request: ApiRequest): Promise<ApiResponse> => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) query.set(key, String(value));
    const url = `${baseUrl}/api/v1${request.path}${query.size ? `?${query}` : ''}`;
    const response = await fetch(url, {
      method: request.method,
      headers: { authorization: `Bearer ${apiKey}`, ...(request.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: the raw text, as the Transport contract says.
    }
    return { status: response.status, body, headers: Object.fromEntries(response.headers) };
  };
}

export function sandboxClient(baseUrl: string, apiKey: string, transport: Transport = fetchTransport(baseUrl, apiKey)): DistribuClient {
  return new DistribuClient(transport);
}
