// Builds the publishable package into dist/ (or --outdir <dir>): one self-contained CommonJS file per
// node and credential with the shared runtime inlined and only `n8n-workflow` left external, plus
// the icons, the codex file and the typed output schema (a tracked file that `npm run generate`
// writes; the build only copies it).
// Run: npm run build -w n8n-node (another provider's package: -- --package <id>, from n8n-node/packages/<id>/)
import { build } from 'esbuild';
import { cpSync, globSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildOptions, packageDir } from './build-options.mjs';

const packageFlag = process.argv.indexOf('--package');
const dir = packageFlag >= 0 ? resolve(packageDir, 'packages', process.argv[packageFlag + 1]!) : packageDir;
const outFlag = process.argv.indexOf('--outdir');
const outdir = resolve(dir, outFlag >= 0 ? process.argv[outFlag + 1]! : 'dist');

function copy(patterns: string[]): void {
	for (const file of globSync(patterns, { cwd: dir })) {
		mkdirSync(dirname(join(outdir, file)), { recursive: true });
		cpSync(join(dir, file), join(outdir, file));
	}
}

rmSync(outdir, { recursive: true, force: true });
const options = buildOptions(outdir, dir);
await build({ ...options, logLevel: 'warning' });
copy(['icons/*.svg', 'nodes/**/*.node.json', 'nodes/**/__schema__/**/*.json']);
console.log(`built ${(options.entryPoints as string[]).length} entry points into ${outdir}`);
