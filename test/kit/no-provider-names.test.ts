// The kit knows no provider: no provider's name in its sources or in its bundle as a connector's
// build makes it (esbuild, through the package's exports map), and the bundle pulls in no zod.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { bundleEntry as bundle } from '../support/bundle';

const root = join(__dirname, '..', '..');
const kitDir = join(root, 'shared', 'src', 'kit');
const PROVIDER_NAMES = /distribu|dist0|orisha/i;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('the kit names no provider', () => {
  test('in any of its source files (names, comments, strings)', () => {
    const sources = files(kitDir);
    expect(sources.length).toBeGreaterThan(5);
    const hits = sources.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => [line, i] as const)
        .filter(([line]) => PROVIDER_NAMES.test(line))
        .map(([line, i]) => `${relative(root, file)}:${i + 1}: ${line.trim()}`),
    );
    expect(hits).toEqual([]);
  });

  test('in its built bundle, which holds only kit files and no zod', async () => {
    const { text, inputs } = await bundle('@distribu/shared/kit');
    expect(text.length).toBeGreaterThan(5_000);
    expect(text.match(new RegExp(PROVIDER_NAMES.source, 'gi')) ?? []).toEqual([]);
    expect(inputs.filter((input) => input !== '<stdin>' && !input.startsWith('shared/src/kit/'))).toEqual([]);
  });

  test('while the runtime bundle does name Distribu (so the scan can fail)', async () => {
    const { text } = await bundle('@distribu/shared/runtime');
    expect(PROVIDER_NAMES.test(text)).toBe(true);
  });
});
