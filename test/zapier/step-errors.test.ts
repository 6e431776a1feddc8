// The steps' failures as Zapier errors for a provider that is not Distribu (Acme, test/hosts/support/acme-host.ts):
// its name in the codes and words, its voice's redaction, its cap; a refused key asks to reconnect.
import { InputError, NetworkError, SupersededError } from '@distribu/shared/kit';
import { zapierErrorOf } from '../../zapier/src/provider/errors';
import { AcmeRefusal } from '../kit/support/acme';
import { acmeApiHost } from '../hosts/support/acme-host';
import { zapierErrorParts } from './support/app-tester';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const z = { errors: require('zapier-platform-core').errors } as any;

const KEY = 'acme_sk_live0123456789';

test.each([
  ['a refusal', new AcmeRefusal(400, `bad value near ${KEY}`), { code: 'AcmeApiError', status: 400 }],
  ['a missing scope', new AcmeRefusal(403, ''), { code: 'MissingScope', status: 403 }],
  ['not found', new AcmeRefusal(404, ''), { code: 'NotFound', status: 404 }],
  ['the cap', new AcmeRefusal(409, ''), { code: 'WebhookLimitReached', status: 409 }],
  ['a server error', new AcmeRefusal(502, ''), { code: 'ServerError', status: 502 }],
  ['a timeout', new NetworkError('timeout', `Acme did not answer (${KEY}).`), { code: 'Timeout' }],
  ['a concurrent registration', new SupersededError('hook_2', 'Acme'), { code: 'Superseded' }],
  ['anything else', new Error(`socket hang up ${KEY}`), { code: 'AcmeError' }],
])('%s: its code and status, never the key', (_what, error, expected) => {
  const parts = zapierErrorParts(zapierErrorOf(z, acmeApiHost, error));
  expect(parts).toMatchObject(expected);
  expect(parts.message).not.toContain(KEY);
});

test('a 429 is a ThrottledError with the delay', () => {
  const refusal = new AcmeRefusal(429, '');
  Object.assign(refusal, { retryAfter: 12 });
  expect(zapierErrorParts(zapierErrorOf(z, acmeApiHost, refusal))).toMatchObject({ name: 'ThrottledError', delay: 12 });
});

test('while a step runs: bad input is InvalidInput, a refused key asks to reconnect, an empty failure names the provider', () => {
  expect(zapierErrorParts(zapierErrorOf(z, acmeApiHost, new InputError('Name is required.', 'name')))).toMatchObject({ code: 'InvalidInput', status: 400, message: 'Name is required.' });
  const expired = zapierErrorOf(z, acmeApiHost, new AcmeRefusal(401, ''));
  expect(expired.name).toBe('ExpiredAuthError');
  expect(zapierErrorParts(zapierErrorOf(z, acmeApiHost, new Error('')))).toMatchObject({ code: 'AcmeError', message: 'Acme could not be reached.' });
});
