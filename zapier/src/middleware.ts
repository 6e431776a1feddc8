// Distribu's app's middleware: the generic one (provider/middleware.ts) with Distribu as the provider.
import { distribuHost } from '@distribu/shared/providers/distribu';
import { includeApiKey, throwProviderErrors } from './provider/middleware';

/** Adds the API key as a Bearer token, only to requests for the connected Distribu API. */
export const includeBearerToken = includeApiKey(distribuHost);

/** Turns Distribu's error answers into plain-words Zapier errors (bad key, missing scope named, cap, rate limit, server error). */
export const handleDistribuErrors = throwProviderErrors(distribuHost);
