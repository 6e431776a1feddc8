import type { RawAnswer } from './raw';

const ALLOWED_KEYS = ['error', 'field', 'retryAfter'];

/** A 4xx in Distribu's shape: JSON, a string `error`, nothing of fastify's. */
export function expectDistribuError(status: number | undefined, contentType: string | string[] | undefined, body: unknown): void {
  expect(status).toBeGreaterThanOrEqual(400);
  expect(status).toBeLessThan(500);
  expect(String(contentType)).toMatch(/^application\/json/);
  expect(body).toEqual(expect.objectContaining({ error: expect.any(String) }));
  for (const key of Object.keys(body as object)) expect(ALLOWED_KEYS).toContain(key);
}

/** The answer's body parsed as JSON, or its text. */
export const json = (res: RawAnswer): unknown => {
  try {
    return JSON.parse(res.body);
  } catch {
    return res.body;
  }
};
