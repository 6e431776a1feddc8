import type { Bundle, HttpRequestOptions, ZObject } from 'zapier-platform-core';
import { DistribuClient, DistribuNetworkError, apiBaseUrl, networkErrorFrom, timeoutAfter, type Transport } from '@distribu/shared/runtime';
import { baseUrlProblem } from './base-url';
import { callTimeout, timeBudget } from './time-budget';

/** Core 19 throws 429s before any afterResponse runs unless a request opts out (core: src/http-middlewares/after/throw-for-throttling.js). */
type CoreRequestOptions = HttpRequestOptions & { url: string; throwForThrottlingEarly?: boolean };

function plainHeaders(headers: { forEach?: (cb: (value: string, key: string) => void) => void } | undefined) {
  const out: Record<string, string> = {};
  headers?.forEach?.((value, key) => {
    out[key] = value;
  });
  return out;
}

/** A step whose time is used up sends nothing more. */
const OUT_OF_TIME = `This Zapier step ran out of time (the app ends its work within ${timeBudget.stepMs / 1000} seconds, before Zapier's limit) before the next call to Distribu could be sent. Try again in a few minutes.`;

/**
 * The shared DistribuClient's Transport over `z.request`: every status comes back as a value
 * (skipThrowForStatus, no early 429 throw), so the client decides what is an error (404 on
 * delete is "already gone") and one place maps errors to Zapier's. Bearer auth is added by
 * the app's beforeRequest, not here. Each call's `timeout` (core passes it to node-fetch; it covers
 * the answer's body too) comes from the step's time budget (time-budget.ts). Whatever z.request
 * throws (timeout, reset, truncated answer) becomes a plain DistribuNetworkError that keeps no
 * request or headers; a timeout says how long it waited.
 */
function zapierTransport(z: ZObject, bundle: Pick<Bundle, 'authData'>): Transport {
  const base = apiBaseUrl(bundle.authData?.baseUrl);
  return async (req) => {
    const timeout = callTimeout(bundle, req.method === 'POST');
    if (timeout === 0) throw new DistribuNetworkError('timeout', OUT_OF_TIME, 0);
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) params[k] = String(v);
    const options: CoreRequestOptions = {
      url: `${base}${req.path}`,
      method: req.method,
      headers: { Accept: 'application/json' },
      params,
      skipThrowForStatus: true,
      throwForThrottlingEarly: false,
      timeout,
    };
    if (req.body !== undefined) options.body = req.body as Record<string, unknown>;
    let response;
    try {
      response = await z.request(options);
    } catch (error) {
      const failure = networkErrorFrom(error);
      throw failure.kind === 'timeout' ? timeoutAfter(timeout) : failure;
    }
    return {
      status: response.status,
      body: response.data !== undefined ? response.data : response.content,
      headers: plainHeaders(response.headers as never),
    };
  };
}

/** The shared Distribu client for this bundle's connection: what every operation talks to Distribu through. */
export function distribuClient(z: ZObject, bundle: Pick<Bundle, 'authData'>): DistribuClient {
  const problem = baseUrlProblem(bundle.authData?.baseUrl);
  if (problem) throw new z.errors.Error(problem, 'InvalidBaseUrl', 400);
  return new DistribuClient(zapierTransport(z, bundle));
}
