// Builds the publishable package into dist/: the API (index.js) and the bin (cli.js, with its
// shebang, loading index.js), CommonJS, with the shared runtime and the generated tools inlined
// and only the MCP SDK left external (the package's one dependency).
// Run: npm run build -w mcp
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { chmodSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const packageDir = resolve(import.meta.dirname, '..');
const outdir = resolve(packageDir, 'dist');
const common: BuildOptions = {
  absWorkingDir: packageDir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['@modelcontextprotocol/sdk'],
  legalComments: 'none',
  logLevel: 'warning',
};

// The bin loads the API bundle (./index.js) instead of a second copy of it.
const indexExternal: Plugin = {
  name: 'index-external',
  setup(b) {
    b.onResolve({ filter: /^\.\/index$/ }, () => ({ path: './index.js', external: true }));
  },
};

rmSync(outdir, { recursive: true, force: true });
await build({ ...common, entryPoints: { index: 'src/index.ts' }, outdir });
await build({ ...common, entryPoints: { cli: 'src/cli.ts' }, outdir, banner: { js: '#!/usr/bin/env node' }, plugins: [indexExternal] });
chmodSync(resolve(outdir, 'cli.js'), 0o755);
console.log(`built ${outdir}/index.js and cli.js`);
