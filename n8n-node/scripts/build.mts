// Builds the publishable package into dist/ (or --outdir <dir>): one CommonJS file per node and
// credential, all four requiring one shared runtime (dist/shared/, see build-options.mts), plus
// the icons, the codex files and the typed output schemas (tracked files that `npm run generate`
// writes; the build only copies them). Its log goes to stderr: stdout stays npm's, so
// `npm pack --json` (which runs this as prepack) prints nothing but its JSON.
// Run: npm run build -w n8n-node
import { build } from 'esbuild';
import { cpSync, globSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildPlan, packageDir, writeRuntimeCatalogs } from './build-options.mjs';

const outFlag = process.argv.indexOf('--outdir');
const outdir = resolve(packageDir, outFlag >= 0 ? process.argv[outFlag + 1]! : 'dist');

function copy(patterns: string[]): void {
	for (const file of globSync(patterns, { cwd: packageDir })) {
		mkdirSync(dirname(join(outdir, file)), { recursive: true });
		cpSync(join(packageDir, file), join(outdir, file));
	}
}

rmSync(outdir, { recursive: true, force: true });
const plan = buildPlan(outdir);
await Promise.all(plan.map((options) => build({ ...options, logLevel: 'warning' })));
writeRuntimeCatalogs(outdir);
copy(['icons/*.svg', 'nodes/**/*.node.json', 'nodes/**/__schema__/**/*.json']);
console.error(`built the shared runtime and ${plan.length - 1} entry points into ${outdir}`);
