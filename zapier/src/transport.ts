import type { Bundle, HttpRequestOptions, ZObject } from 'zapier-platform-core';
import { DistribuClient, REQUEST_TIMEOUT_MS, apiBaseUrl, type Transport } from '@distribu/shared/runtime';

/** Core 19 throws 429s before any afterResponse runs unless a request opts out (core: src/http-middlewares/after/throw-for-throttling.js). */
type CoreRequestOptions = HttpRequestOptions & { url: string; throwForThrottlingEarly?: boolean };

/**
 * How long one API call may take (core passes `timeout` to node-fetch; it covers the answer's body
 * too). Tests shorten it to keep runs short; the code path is the same.
 */
export const requestTimeout = { ms: REQUEST_TIMEOUT_MS };

function plainHeaders(headers: { forEach?: (cb: (value: string, key: string) => void) => void } | undefined) {
  const out: Record<string, string> = {};
  headers?.forEach?.((value, key) => {
    out[key] = value;
  });
  return out;
}

/**
 * The shared DistribuClient's Transport over `z.request`: every status comes back as a value
 * (skipThrowForStatus, no early 429 throw), so the client decides what is an error (404 on
 * delete is "already gone") and one place maps errors to Zapier's. Bearer auth is added by
 * the app's beforeRequest, not here. Whatever z.request throws (timeout, reset, truncated answer)
 * the shared client turns into a plain DistribuNetworkError that keeps no request or headers.
 */
function zapierTransport(z: ZObject, bundle: Pick<Bundle, 'authData'>): Transport {
  const base = apiBaseUrl(bundle.authData?.baseUrl);
  return async (req) => {
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) params[k] = String(v);
    const options: CoreRequestOptions = {
      url: `${base}${req.path}`,
      method: req.method,
      headers: { Accept: 'application/json' },
      params,
      skipThrowForStatus: true,
      throwForThrottlingEarly: false,
      timeout: requestTimeout.ms,
    };
    if (req.body !== undefined) options.body = req.body as Record<string, unknown>;
    const response = await z.request(options);
    return {
      status: response.status,
      body: response.data !== undefined ? response.data : response.content,
      headers: plainHeaders(response.headers as never),
    };
  };
}

/** The shared Distribu client for this bundle's connection: what every operation talks to Distribu through. */
export function distribuClient(z: ZObject, bundle: Pick<Bundle, 'authData'>): DistribuClient {
  return new DistribuClient(zapierTransport(z, bundle));
}
