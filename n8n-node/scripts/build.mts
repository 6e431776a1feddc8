// Builds the publishable package into dist/ (or --outdir <dir>): one self-contained CommonJS file per
// node and credential with the shared runtime inlined and only `n8n-workflow` left external, plus
// the icons, the codex file and the typed output schema (regenerated from the shared catalog).
// Run: npm run build -w n8n-node
import { build } from 'esbuild';
import { cpSync, globSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { NODE_VERSION } from '../nodes/DistribuTrigger/description';
import { buildOptions, packageDir } from './build-options.mjs';
import { events } from '../../shared/src/runtime/catalog';
import { outputSchemaPath, renderOutputSchema, type JsonSchema } from './output-schema';
import { withEventsTable } from './readme-events';

const schemasDir = resolve(packageDir, '..', 'shared', 'generated', 'schemas');
const outFlag = process.argv.indexOf('--outdir');
const outdir = resolve(packageDir, outFlag >= 0 ? process.argv[outFlag + 1]! : 'dist');

/** Writes a generated source file only when its content changed. */
function writeIfChanged(relativePath: string, content: string): void {
	const target = join(packageDir, relativePath);
	let current: string | undefined;
	try {
		current = readFileSync(target, 'utf8');
	} catch {
		current = undefined;
	}
	if (current === content) return;
	mkdirSync(dirname(target), { recursive: true });
	writeFileSync(target, content);
	console.log(`wrote ${relativePath}`);
}

function writeOutputSchema(): void {
	const eventSchemas: Record<string, JsonSchema> = {};
	for (const file of readdirSync(schemasDir).filter((f) => f.endsWith('.json'))) {
		eventSchemas[file.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(schemasDir, file), 'utf8'));
	}
	writeIfChanged(outputSchemaPath(NODE_VERSION), renderOutputSchema(eventSchemas));
}

function writeReadme(): void {
	writeIfChanged('README.md', withEventsTable(readFileSync(join(packageDir, 'README.md'), 'utf8'), events));
}

function copy(patterns: string[]): void {
	for (const file of globSync(patterns, { cwd: packageDir })) {
		mkdirSync(dirname(join(outdir, file)), { recursive: true });
		cpSync(join(packageDir, file), join(outdir, file));
	}
}

rmSync(outdir, { recursive: true, force: true });
writeOutputSchema();
writeReadme();
const options = buildOptions(outdir);
await build({ ...options, logLevel: 'warning' });
copy(['icons/*.svg', 'nodes/**/*.node.json', 'nodes/**/__schema__/**/*.json']);
console.log(`built ${(options.entryPoints as string[]).length} entry points into ${outdir}`);
