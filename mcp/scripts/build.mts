// Builds the publishable package into dist/: the bin (cli.js, with its shebang) and the API
// (index.js), CommonJS, with the shared runtime and the generated tools inlined and only the MCP SDK
// left external (the package's one dependency).
// Run: npm run build -w mcp
import { build, type BuildOptions } from 'esbuild';
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

rmSync(outdir, { recursive: true, force: true });
await build({ ...common, entryPoints: { index: 'src/index.ts' }, outdir });
await build({ ...common, entryPoints: { cli: 'src/cli.ts' }, outdir, banner: { js: '#!/usr/bin/env node' } });
chmodSync(resolve(outdir, 'cli.js'), 0o755);
console.log(`built ${outdir}/index.js and cli.js`);
