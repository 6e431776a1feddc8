// Bundles the app into lib/index.js (see build-options.mts), with lib/index.js.map beside it: the
// map carries the TypeScript sources of the app and of the shared runtime it inlines, so
// source.zip shows a reviewer every line that runs. build.zip leaves the map out (nothing
// requires it).
import { build } from 'esbuild';
import { buildOptions } from './build-options.mjs';

await build({ ...buildOptions, sourcemap: 'linked', sourcesContent: true, logLevel: 'warning' });
