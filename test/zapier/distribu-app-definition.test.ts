// Distribu's Zapier app as its users' Zaps hold it: every trigger, action and search key, label, description,
// input and output field, sample and flag. The app is makeApp(distribuZapierHost) (zapier/src/index.ts); the fixture was
// written from Distribu's hand-assembled app before that, so a change here changes what existing Zaps see and must
// be deliberate.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import app from '../../zapier/src/index';

/** The definition as data: functions are only marked present (Zapier calls them; their results are tested elsewhere). */
const shape = (value: unknown): unknown =>
  typeof value === 'function'
    ? '<function>'
    : Array.isArray(value)
      ? value.map(shape)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'version' && key !== 'platformVersion').map(([key, v]) => [key, shape(v)]))
        : value;

test("Distribu's app definition is unchanged: keys, labels, fields and samples users' Zaps hold", () => {
  const expected = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'distribu-app-definition.json'), 'utf8'));
  expect(shape(app)).toEqual(expected);
});
