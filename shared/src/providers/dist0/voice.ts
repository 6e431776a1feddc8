// dist0's error voice: its name, where things are in its app, what its keys look like (redacted), and
// the plain words for each API error. No message ever holds a key: statuses and dist0's own text only,
// redacted and bounded.
import { ApiError, NetworkError } from '../../kit/api/errors';
import type { ApiShape } from '../../kit/api/client';
import { boundedLine, networkFailureOf, redactor, type ErrorVoice } from '../../kit/voice';
import { DIST0_KEY_PATTERN, DIST0_PLACES, DIST0_SECRET_PATTERN } from './assumed-api';

export const dist0Voice: ErrorVoice = {
  name: 'dist0',
  places: { ...DIST0_PLACES },
  secretPatterns: [
    { pattern: DIST0_KEY_PATTERN, replacement: 'd0k_…[redacted]' },
    { pattern: DIST0_SECRET_PATTERN, replacement: 'd0s_…[redacted]' },
  ],
  // dist0 holds one URL per project and no webhook API: there is no cap to reach.
  capMessage: '{name} holds one URL per project.',
};

export const redactDist0 = redactor(dist0Voice);

/** dist0's own error text, if its answer had one (`{error: {message}}` or `{error: "..."}`), redacted. */
function apiMessageOf(body: unknown): string | undefined {
  const error = body && typeof body === 'object' ? (body as Record<string, unknown>).error : undefined;
  const text = typeof error === 'string' ? error : error && typeof error === 'object' ? (error as Record<string, unknown>).message : undefined;
  return typeof text === 'string' && text.trim() !== '' ? boundedLine(text, 200, redactDist0) : undefined;
}

/** The plain words for a status; `said` is dist0's own (redacted) text. */
export function describeDist0Error(status: number, said?: string): string {
  const own = said ? ` dist0 said: ${said}` : '';
  if (status === 403) {
    return `dist0 refused the API key: it is unknown or was cancelled. Create a key in dist0 (${DIST0_PLACES.apiKeys}) and use it in place of this one.`;
  }
  if (status === 401) return `dist0 did not accept the credentials (HTTP 401). Check the API key.${own}`;
  if (status === 404) return `dist0 has nothing with that id in this project.${own}`;
  if (status === 400 || status === 422) return `dist0 refused the request as invalid.${own}`;
  if (status === 429) return 'dist0 is limiting requests right now; try again in a minute.';
  if (status >= 500) return `dist0 had a problem answering (HTTP ${status}); try again later.`;
  return `dist0 answered with HTTP ${status}.${own}`;
}

export const dist0ApiShape: ApiShape = {
  apiError(status, body) {
    const apiMessage = apiMessageOf(body);
    return new ApiError({ status, apiMessage }, describeDist0Error(status, status === 403 ? undefined : apiMessage));
  },
  networkError(error) {
    const { kind, why } = networkFailureOf(error);
    if (kind === 'timeout') return new NetworkError(kind, 'dist0 did not answer in time; try again.');
    if (kind === 'malformed') return new NetworkError(kind, 'dist0\'s answer could not be read; try again.');
    return new NetworkError(kind, why === 'host-not-found' ? 'dist0 could not be reached: its address was not found (check the base URL).' : 'dist0 could not be reached; try again.', why);
  },
  malformed: () => new NetworkError('malformed', 'dist0\'s answer was not what this call returns; try again.'),
  unwrap: (body) => (body && typeof body === 'object' && 'data' in body ? (body as { data: unknown }).data : undefined),
};
