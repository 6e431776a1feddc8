// Every provider app's middleware. beforeRequest adds an API key only to requests for the connected API: never to
// another host, and never over plain http to another computer (base-url.ts). afterResponse turns an error answer
// of a request that did not ask to see every status (the provider's client does: connection.ts) into the
// provider's plain-words error; the app's `throwForThrottlingEarly: false` lets it see 429s, so users get the
// provider's retry delay in its words (core 19 otherwise throws first).
import type { AfterResponseMiddleware, BeforeRequestMiddleware } from 'zapier-platform-core';
import type { HostProvider } from '@distribu/shared/kit';
import { baseUrlProblem } from './base-url';
import { zapierErrorOf } from './errors';

export function includeApiKey(host: HostProvider): BeforeRequestMiddleware {
  const api = host.api!;
  return (request, _z, bundle) => {
    const key = typeof bundle.authData?.apiKey === 'string' ? bundle.authData.apiKey.trim() : '';
    if (api.auth.kind !== 'api-key' || !key || baseUrlProblem(host, bundle.authData?.baseUrl)) return request;
    if (!request.url.startsWith(`${api.baseUrl.toRoot(bundle.authData?.baseUrl?.trim() || undefined)}/`)) return request;
    request.headers = { ...request.headers, [api.auth.header]: api.auth.scheme === 'Bearer' ? `Bearer ${key}` : key };
    return request;
  };
}

export function throwProviderErrors(host: HostProvider): AfterResponseMiddleware {
  const client = host.api!.connect(async () => ({ status: 500, body: undefined }));
  return (response, z) => {
    if (response.status < 400 || response.skipThrowForStatus) return response;
    const headers: Record<string, string> = {};
    const retryAfter = response.getHeader('retry-after');
    if (retryAfter) headers['retry-after'] = retryAfter;
    throw zapierErrorOf(z, host, client.errorOf(response.status, response.data ?? response.content, headers), { testingAuth: true });
  };
}
