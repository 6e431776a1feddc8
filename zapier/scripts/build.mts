// Bundles the app into lib/index.js (see build-options.mts).
import { build } from 'esbuild';
import { buildOptions } from './build-options.mjs';

await build({ ...buildOptions, logLevel: 'warning' });
