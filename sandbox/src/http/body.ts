import type { FastifyRequest } from 'fastify';
import { ApiError } from './errors';

export const INVALID_JSON = 'Invalid JSON body.';

/** The request's JSON object body, or Distribu's 400 `Invalid JSON body.` */
export function objectBody(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ApiError(400, INVALID_JSON);
  return body as Record<string, unknown>;
}

/** Like objectBody, but an absent body is `{}` (sandbox controls with all-optional inputs). */
export function optionalBody(request: FastifyRequest): Record<string, unknown> {
  return request.body === undefined || request.body === null ? {} : objectBody(request);
}

/** Parses any request body as JSON whatever its Content-Type; an empty body is no body. */
export function parseJsonBody(_req: FastifyRequest, raw: string, done: (err: Error | null, body?: unknown) => void): void {
  if (raw.trim() === '') return done(null, undefined);
  try {
    done(null, JSON.parse(raw));
  } catch {
    done(new ApiError(400, INVALID_JSON));
  }
}
