// Builds the publishable package into dist/ (or --outdir <dir>): one self-contained CommonJS file per
// node and credential with the shared runtime inlined and only `n8n-workflow` left external, plus
// the icons, the codex file and the typed output schema (a tracked file that `npm run generate`
// writes; the build only copies it).
// Run: npm run build -w n8n-node
import { build } from 'esbuild';
import { cpSync, globSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildOptions, packageDir } from './build-options.mjs';

const outFlag = process.argv.indexOf('--outdir');
const outdir = resolve(packageDir, outFlag >= 0 ? process.argv[outFlag + 1]! : 'dist');

function copy(patterns: string[]): void {
	for (const file of globSync(patterns, { cwd: packageDir })) {
		mkdirSync(dirname(join(outdir, file)), { recursive: true });
		cpSync(join(packageDir, file), join(outdir, file));
	}
}

rmSync(outdir, { recursive: true, force: true });
const options = buildOptions(outdir);
await build({ ...options, logLevel: 'warning' });
copy(['icons/*.svg', 'nodes/**/*.node.json', 'nodes/**/__schema__/**/*.json']);
console.log(`built ${(options.entryPoints as string[]).length} entry points into ${outdir}`);
