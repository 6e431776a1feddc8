// The connection label is the host of the base URL (production or staging): Distribu's API names
// neither the company nor the key, and no part of a key may appear in a label, not even when a user
// pastes credentials into the Base URL field. The Base URL itself must be https (plain http only on
// this computer, for the sandbox).
import fc from 'fast-check';
import { distribuHost } from '@distribu/shared/providers/distribu';
import { baseUrlProblem } from '../../zapier/src/provider/base-url';
import { connectionHost } from '../../zapier/src/provider/connection';
import { zapierKey } from '../../zapier/src/provider/hook-fields';
import { includeApiKey } from '../../zapier/src/provider/middleware';

const includeBearerToken = includeApiKey(distribuHost);

describe('connectionHost', () => {
  test.each([
    [undefined, 'distribu.app'],
    ['', 'distribu.app'],
    ['https://distribu.app', 'distribu.app'],
    ['https://staging.distribu.app/', 'staging.distribu.app'],
    ['http://127.0.0.1:4010', '127.0.0.1:4010'],
    ['https://user:dk_secretkey@distribu.app/api/v1', 'distribu.app'],
    ['not a url dk_secret', 'distribu.app'],
  ])('%p → %p', (input, expected) => {
    expect(connectionHost(distribuHost, input)).toBe(expected);
  });

  test('never contains a key-like credential placed in the URL', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^dk_[A-Za-z0-9_-]{20,46}$/), fc.constantFrom('https://', 'http://'), (key, scheme) => {
        for (const url of [`${scheme}${key}@distribu.app`, `${scheme}x:${key}@distribu.app`, key, `${scheme}distribu.app/${key}`, `${scheme}distribu.app/?k=${key}`]) {
          expect(connectionHost(distribuHost, url)).not.toContain(key);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('baseUrlProblem: https, or plain http only on this computer', () => {
  test.each([
    [undefined, true],
    ['', true],
    ['https://distribu.app', true],
    ['https://staging.example.com:8443/api/v1', true],
    ['http://127.0.0.1:4010', true],
    ['http://localhost:4010', true],
    ['http://[::1]:4010', true],
    ['http://distribu.app', false],
    ['http://10.0.0.5:4010', false],
    ['http://127.0.0.1.evil.example', false],
    ['ftp://distribu.app', false],
    ['distribu.app', false],
  ])('%p → allowed: %p', (input, allowed) => {
    expect(baseUrlProblem(distribuHost, input) === undefined).toBe(allowed);
  });

  test('the refusal says what to do', () => {
    expect(baseUrlProblem(distribuHost, 'http://distribu.app')).toMatch(/^The Base URL must start with https:\/\//);
  });
});

describe('zapierKey', () => {
  test.each([
    ['orderId', 'orderId'],
    ['tracking.carrier', 'tracking__carrier'],
    ['items[].productName', 'items[]productName'],
    ['breakdown.goodUnits', 'breakdown__goodUnits'],
  ])('%s → %s', (catalogKey, expected) => {
    expect(zapierKey(catalogKey)).toBe(expected);
  });
});

describe('includeBearerToken', () => {
  const send = (baseUrl: string, url: string) =>
    (includeBearerToken as any)({ url, headers: {} }, {}, { authData: { apiKey: 'dk_test_key', baseUrl } }).headers.Authorization as string | undefined;

  test('only to the connected API, and never over plain http to another computer', () => {
    expect(send('https://distribu.app', 'https://distribu.app/api/v1/orders')).toBe('Bearer dk_test_key');
    expect(send('http://127.0.0.1:4010', 'http://127.0.0.1:4010/api/v1/orders')).toBe('Bearer dk_test_key');
    expect(send('http://distribu.app', 'http://distribu.app/api/v1/orders')).toBeUndefined();
    expect(send('https://distribu.app', 'https://elsewhere.example/api/v1/orders')).toBeUndefined();
  });
});
