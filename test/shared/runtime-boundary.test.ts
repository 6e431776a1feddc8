// The boundary between the two halves of @distribu/shared: `@distribu/shared/runtime` is what both
// connectors bundle, so nothing it reaches may pull in zod (the catalog's schema library). esbuild
// bundles the entry exactly as the connectors' builds resolve it (through the package's exports map)
// and the test reads the module graph from the metafile.
import { dirname, join, relative } from 'node:path';
import { bundleEntry } from '../support/bundle';

const root = join(__dirname, '..', '..');
/** Where the runtime's own files are, as the metafile names them (relative to the root). */
const runtimeDir = `${relative(root, dirname(require.resolve('@distribu/shared/runtime')))}/`;

async function graph(entry: string): Promise<string[]> {
  return (await bundleEntry(entry)).inputs;
}

const fromZod = (inputs: string[]) => inputs.filter((path) => /(^|\/)node_modules\/zod\//.test(path));

describe('@distribu/shared/runtime', () => {
  it('bundles without zod', async () => {
    const inputs = await graph('@distribu/shared/runtime');
    expect(inputs.some((path) => path.startsWith(runtimeDir))).toBe(true);
    expect(fromZod(inputs)).toEqual([]);
  });

  it('is the only zod-free entry: the catalog entry brings zod (so the check above can fail)', async () => {
    expect(fromZod(await graph('@distribu/shared/catalog')).length).toBeGreaterThan(0);
  });
});
