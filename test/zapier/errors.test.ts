// Every Distribu error status → the Zapier error users see (the e2e file covers them over HTTP).
import { WEBHOOK_CAP_MESSAGE } from '@distribu/shared/runtime';
import { toZapierError } from '../../zapier/src/errors';
import { zapierErrorParts } from './support/app-tester';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const z = { errors: require('zapier-platform-core').errors } as any;

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
