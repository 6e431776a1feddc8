// Builds the publishable package into dist/ (or --outdir <dir>): one CommonJS file per node and
// credential, all requiring one shared module (dist/shared/runtime.js, see build-options.mts), plus
// the icons, the codex files and the typed output schemas (tracked files that `npm run generate`
// writes; the build copies them, the JSON without its indentation: n8n only parses it). Its log goes to stderr: stdout stays npm's, so
// `npm pack --json` (which runs this as prepack) prints nothing but its JSON.
// Run: npm run build -w n8n-node (another provider's package: -- --package <id>, from n8n-node/packages/<id>/)
import { build } from 'esbuild';
import { cpSync, globSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildPlan, packageDir, writeRuntimeCatalogs } from './build-options.mjs';

const packageFlag = process.argv.indexOf('--package');
const dir = packageFlag >= 0 ? resolve(packageDir, 'packages', process.argv[packageFlag + 1]!) : packageDir;
const outFlag = process.argv.indexOf('--outdir');
const outdir = resolve(dir, outFlag >= 0 ? process.argv[outFlag + 1]! : 'dist');

function copy(patterns: string[]): void {
	for (const file of globSync(patterns, { cwd: dir })) {
		mkdirSync(dirname(join(outdir, file)), { recursive: true });
		if (file.endsWith('.json')) writeFileSync(join(outdir, file), JSON.stringify(JSON.parse(readFileSync(join(dir, file), 'utf8'))));
		else cpSync(join(dir, file), join(outdir, file));
	}
}

rmSync(outdir, { recursive: true, force: true });
const plan = await buildPlan(outdir, dir);
await Promise.all(plan.map((options) => build({ ...options, logLevel: 'warning' })));
if (dir === packageDir) writeRuntimeCatalogs(outdir);
copy(['icons/*.svg', 'nodes/**/*.node.json', 'nodes/**/__schema__/**/*.json']);
console.error(`built the shared runtime and ${plan.length - 1} entry points into ${outdir}`);
