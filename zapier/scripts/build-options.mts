// The esbuild options of the Zapier bundle: build.mts builds with them and bench/sizes measures
// with them. The app and the shared runtime it imports go into lib/index.js (CommonJS, Node 22 as
// on Zapier's Lambda), so the pushed zip needs no unpublished workspace package.
// zapier-platform-core stays external: Zapier's wrapper and the zip's node_modules provide it.
import type { BuildOptions } from 'esbuild';
import { join, resolve } from 'node:path';

/** The zapier/ folder (this file is in zapier/scripts/). */
export const zapierDir = resolve(import.meta.dirname, '..');
const here = zapierDir;

export const buildOptions: BuildOptions = {
  entryPoints: [join(here, 'src', 'index.ts')],
  outfile: join(here, 'lib', 'index.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['zapier-platform-core'],
  sourcemap: false,
  legalComments: 'none',
};

/** Another provider's app (zapier/apps/<id>/, written by `npm run generate`): its app.ts into its lib/index.js. */
export function appBuildOptions(id: string): BuildOptions {
  const dir = join(here, 'apps', id);
  return { ...buildOptions, entryPoints: [join(dir, 'app.ts')], outfile: join(dir, 'lib', 'index.js') };
}
