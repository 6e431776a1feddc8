import type { AfterResponseMiddleware, BeforeRequestMiddleware } from 'zapier-platform-core';
import { apiBaseUrl, errorDetails } from '@distribu/shared/runtime';
import { baseUrlProblem } from './base-url';
import { toZapierError } from './errors';

/**
 * Adds the API key as a Bearer token, only to requests for the connected Distribu API: never to
 * other hosts, and never over plain http to another computer (base-url.ts).
 */
export const includeBearerToken: BeforeRequestMiddleware = (request, _z, bundle) => {
  const apiKey = bundle.authData?.apiKey?.trim();
  if (apiKey && !baseUrlProblem(bundle.authData?.baseUrl) && request.url.startsWith(`${apiBaseUrl(bundle.authData?.baseUrl)}/`)) {
    request.headers = { ...request.headers, Authorization: `Bearer ${apiKey}` };
  }
  return request;
};

/**
 * Turns Distribu's error answers into plain-words Zapier errors (bad key, missing scope named,
 * webhook cap, rate limit, server error). A request that set `skipThrowForStatus` (the shared
 * client's transport) asked to see every status and handles errors itself.
 */
export const handleDistribuErrors: AfterResponseMiddleware = (response, z) => {
  if (response.status < 400 || response.skipThrowForStatus) return response;
  const headers: Record<string, string> = {};
  const retryAfter = response.getHeader('retry-after');
  if (retryAfter) headers['retry-after'] = retryAfter;
  throw toZapierError(z, errorDetails(response.status, response.data ?? response.content, headers));
};
