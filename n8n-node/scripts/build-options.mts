// How the package is built: build.mts builds with this plan and bench/sizes measures with it.
// One CommonJS file per node and credential, and one shared runtime that all four require:
// - dist/shared/runtime.js: @distribu/shared/runtime (verification, normalization, the REST client,
//   errors...) bundled once, with the generated catalogs beside it as compact JSON
//   (dist/shared/catalog.json, operations.json) without the keys only docs and Zapier read;
// - dist/nodes/<Node>/<Node>.node.js, dist/credentials/DistribuApi.credentials.js: each entry with
//   `@distribu/shared/runtime` replaced by a relative require of dist/shared/runtime.js.
// esbuild cannot split code into shared chunks for CommonJS output, hence one build per file. Only
// `n8n-workflow` (the host's) and `node:crypto` are required from outside the package.
import type { BuildOptions, Plugin } from 'esbuild';
import { globSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { CATALOG_KEYS_LEFT_OUT, RUNTIME_FILE, shippedEntry } from './runtime-layout';

export { CATALOG_KEYS_LEFT_OUT, RUNTIME_FILE } from './runtime-layout';

export const packageDir = resolve(import.meta.dirname, '..');
/** @distribu/shared, wherever npm linked it (the workspace's own folder, or a copy's link to it). */
const sharedDir = dirname(createRequire(join(packageDir, 'package.json')).resolve('@distribu/shared/package.json'));

const common: BuildOptions = {
	absWorkingDir: packageDir,
	bundle: true,
	platform: 'node',
	format: 'cjs',
	target: 'node20',
	legalComments: 'none',
};

/** `./x.js` or `../../x.js`: a require path from `fromFile`'s folder to `toFile`. */
function requirePath(fromFile: string, toFile: string): string {
	const path = relative(dirname(fromFile), toFile).split('\\').join('/');
	return path.startsWith('.') ? path : `./${path}`;
}

/** Resolves the imports matched by `filter` to an external require path. */
function externalAs(name: string, filter: RegExp, to: (importPath: string) => string): Plugin {
	return { name, setup: (build) => build.onResolve({ filter }, (args) => ({ path: to(args.path), external: true })) };
}

/**
 * The esbuild builds that make a package's JavaScript. `dir`: the package folder (n8n-node/ for
 * Distribu, n8n-node/packages/<id>/ for another provider). Distribu's package: the shared runtime first,
 * then each entry requiring it. Another provider's package is small (one trigger and its credential), so
 * its entries stay self-contained: the shared runtime is Distribu's, and would bring its name and catalogs.
 */
export function buildPlan(outdir: string, dir: string = packageDir): BuildOptions[] {
	if (dir !== packageDir) {
		const entryPoints = globSync(['nodes/**/*.node.ts', 'credentials/*.credentials.ts'], { cwd: dir }).sort();
		return [{ ...common, absWorkingDir: dir, entryPoints, outbase: '.', outdir, external: ['n8n-workflow'] }];
	}
	const runtimeFile = join(outdir, RUNTIME_FILE);
	const runtime: BuildOptions = {
		...common,
		entryPoints: ['@distribu/shared/runtime'],
		outfile: runtimeFile,
		external: ['n8n-workflow'],
		plugins: [externalAs('catalogs beside the runtime', /generated\/(catalog|operations)\.json$/, (p) => `./${p.split('/').pop()}`)],
	};
	const entries = globSync(['nodes/**/*.node.ts', 'credentials/*.credentials.ts'], { cwd: packageDir }).sort();
	return [
		runtime,
		...entries.map((entry): BuildOptions => {
			const outfile = join(outdir, entry.replace(/\.ts$/, '.js'));
			return {
				...common,
				entryPoints: [entry],
				outfile,
				external: ['n8n-workflow'],
				plugins: [externalAs('one shared runtime', /^@distribu\/shared\/runtime$/, () => requirePath(outfile, runtimeFile))],
			};
		}),
	];
}

/** Writes the catalogs the runtime requires (compact, without CATALOG_KEYS_LEFT_OUT) beside it. */
export function writeRuntimeCatalogs(outdir: string): void {
	const dir = dirname(join(outdir, RUNTIME_FILE));
	mkdirSync(dir, { recursive: true });
	for (const [file, { list }] of Object.entries(CATALOG_KEYS_LEFT_OUT)) {
		const catalog = JSON.parse(readFileSync(join(sharedDir, 'generated', file), 'utf8')) as Record<string, Array<Record<string, unknown>>>;
		const entries = catalog[list];
		if (!Array.isArray(entries)) throw new Error(`shared/generated/${file} has no "${list}" list.`);
		const kept = entries.map((entry) => shippedEntry(file as keyof typeof CATALOG_KEYS_LEFT_OUT, entry));
		writeFileSync(join(dir, file), JSON.stringify({ ...catalog, [list]: kept }));
	}
}
