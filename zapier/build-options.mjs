// The esbuild options of the Zapier bundle: build.mjs builds with them and bench/sizes measures
// with them. The app and the shared runtime it imports go into lib/index.js (CommonJS, Node 22 as
// on Zapier's Lambda), so the pushed zip needs no unpublished workspace package.
// zapier-platform-core stays external: Zapier's wrapper and the zip's node_modules provide it.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** @type {import('esbuild').BuildOptions} */
export const buildOptions = {
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
