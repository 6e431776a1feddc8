// Every Distribu error status → the Zapier error users see (the e2e file covers them over HTTP).
import { distribuHost } from '@distribu/shared/providers/distribu';
import { DistribuApiError, WEBHOOK_CAP_MESSAGE, type ApiErrorDetails } from '@distribu/shared/runtime';
import { zapierErrorOf } from '../../zapier/src/provider/errors';
import { zapierErrorParts } from './support/app-tester';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const z = { errors: require('zapier-platform-core').errors } as any;

/** An error answer as the middleware words it (a 401 is the refused key, not a reconnect: no Zap is running). */
const toZapierError = (_z: unknown, details: ApiErrorDetails) => zapierErrorOf(z, distribuHost, new DistribuApiError(details), { testingAuth: true });

test.each([
  [{ status: 401 }, { name: 'AppError', code: 'AuthenticationError', status: 401 }, /did not accept the API key/],
  [{ status: 403, scope: 'orders:read' }, { code: 'MissingScope', status: 403 }, /lacks the "orders:read" scope/],
  [{ status: 404 }, { code: 'NotFound', status: 404 }, /could not find/],
  [{ status: 422, apiMessage: 'Maximum of 10 webhooks per company.' }, { code: 'WebhookLimitReached', status: 422 }, /at most 10 webhooks/],
  [{ status: 422, apiMessage: 'Order is already cancelled.' }, { code: 'DistribuApiError', status: 422 }, /already cancelled/],
  [{ status: 400, apiMessage: 'Validation failed.' }, { code: 'DistribuApiError', status: 400 }, /Validation failed/],
  [{ status: 429, retryAfter: 30 }, { name: 'ThrottledError', delay: 30 }, /Try again in 30 seconds/],
  [{ status: 429 }, { name: 'ThrottledError' }, /Try again in a minute/],
  [{ status: 503 }, { code: 'ServerError', status: 503 }, /server error \(HTTP 503\)/],
])('%j', (details, expected, message) => {
  const parts = zapierErrorParts(toZapierError(z, details));
  expect(parts).toMatchObject(expected);
  expect(parts.message).toMatch(message);
});

test('the cap message is the shared one, word for word', () => {
  expect(zapierErrorParts(toZapierError(z, { status: 422, apiMessage: 'Maximum of 10 webhooks per company.' })).message).toBe(WEBHOOK_CAP_MESSAGE);
});
