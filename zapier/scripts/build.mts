// Bundles the app into lib/index.js (see build-options.mts), with lib/index.js.map beside it: the
// map carries the TypeScript sources of the app and of the shared runtime it inlines, so
// source.zip shows a reviewer every line that runs. build.zip leaves the map out (nothing
// requires it).
import { build } from 'esbuild';
import { appBuildOptions, buildOptions } from './build-options.mjs';

// `-- --app <id>`: another provider's app from zapier/apps/<id>/.
const appFlag = process.argv.indexOf('--app');
const options = appFlag >= 0 ? appBuildOptions(process.argv[appFlag + 1]!) : buildOptions;
await build({ ...options, sourcemap: 'linked', sourcesContent: true, logLevel: 'warning' });
