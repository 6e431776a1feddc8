// The connection label is the host of the base URL (production or staging) and the API key's last
// four characters (which account): it never shows more of the key, even when a user pastes
// credentials into the Base URL field.
import fc from 'fast-check';
import { connectionHost, connectionLabelOf, keyEnding } from '../../zapier/src/authentication';
import { zapierKey } from '../../zapier/src/triggers/output-fields';

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
    expect(connectionHost(input)).toBe(expected);
  });

  test('never contains a key-like credential placed in the URL', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^dk_[A-Za-z0-9_-]{20,46}$/), fc.constantFrom('https://', 'http://'), (key, scheme) => {
        for (const url of [`${scheme}${key}@distribu.app`, `${scheme}x:${key}@distribu.app`, key, `${scheme}distribu.app/${key}`, `${scheme}distribu.app/?k=${key}`]) {
          expect(connectionHost(url)).not.toContain(key);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('connectionLabelOf', () => {
  test('host and the last four characters of the key', () => {
    expect(connectionLabelOf({ apiKey: ' dk_live_0123456789abcdefWXYZ ', baseUrl: 'https://staging.distribu.app' })).toBe('staging.distribu.app, key …WXYZ');
    expect(connectionLabelOf({ apiKey: 'dk_live_0123456789abcdefWXYZ' })).toBe('distribu.app, key …WXYZ');
  });

  test('a short or missing key shows no ending (four characters would give too much of it away)', () => {
    expect(keyEnding('dk_short_12')).toBe('');
    expect(keyEnding(undefined)).toBe('');
    expect(connectionLabelOf({ apiKey: 'dk_short_12', baseUrl: 'https://distribu.app' })).toBe('distribu.app');
  });

  test('never more than the last four characters of any key', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^dk_[A-Za-z0-9_-]{13,46}$/), (key) => {
        const label = connectionLabelOf({ apiKey: key, baseUrl: `https://x:${key}@distribu.app` });
        expect(label).toBe(`distribu.app, key …${key.slice(-4)}`);
        expect(label).not.toContain(key.slice(-5));
      }),
      { numRuns: 200 },
    );
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
