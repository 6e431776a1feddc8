// Builds the publishable package into dist/: the API (index.js) and the bin (cli.js, with its
// shebang, loading index.js), CommonJS, with the shared runtime and the generated tools inlined
// and only the MCP SDK left external (the package's one dependency). With `--package <id>`, another
// provider's package (mcp/packages/<id>/, generated): its bin alone, dist/cli.js, everything but the SDK inlined.
// Its log goes to stderr: stdout stays npm's, so `npm pack --json` (which runs this as prepack) prints only its JSON.
// Run: npm run build -w mcp (another provider's: npm run build -w mcp -- --package <id>)
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { chmodSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const mcpDir = resolve(import.meta.dirname, '..');
const packageFlag = process.argv.indexOf('--package');
const provider = packageFlag >= 0 ? process.argv[packageFlag + 1] : undefined;
const packageDir = provider ? resolve(mcpDir, 'packages', provider) : mcpDir;
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

const bin: BuildOptions = { ...common, outdir, banner: { js: '#!/usr/bin/env node' } };

rmSync(outdir, { recursive: true, force: true });
if (provider) {
  await build({ ...bin, entryPoints: { cli: 'cli.ts' } });
} else {
  await build({ ...common, entryPoints: { index: 'src/index.ts' }, outdir });
  await build({ ...bin, entryPoints: { cli: 'src/cli.ts' }, plugins: [indexExternal] });
}
chmodSync(resolve(outdir, 'cli.js'), 0o755);
console.error(`built ${provider ? `${outdir}/cli.js` : `${outdir}/index.js and cli.js`}`);
