// How a package is built: build.mts builds with this plan and bench/sizes measures with it.
// One CommonJS file per node and credential, and one shared module that all of them require:
// - dist/shared/runtime.js: everything the node and credential files import from outside their own
//   folder (nodes/shared/, the host glue of n8n-node/src, @distribu/shared's kit and runtime, the
//   provider's folder), bundled once from one barrel that keeps each such module under its own key (so
//   two modules' equal export names never collide, and every class, error included, exists once: an
//   `instanceof` in a node sees the class the runtime threw) with only the names the entries use. For
//   Distribu, the generated catalogs sit beside it as compact JSON (dist/shared/catalog.json,
//   operations.json) without the keys only docs and Zapier read;
// - dist/nodes/<Node>/<Node>.node.js, dist/credentials/<Name>.credentials.js: each entry with every such
//   import replaced by its key in a relative require of dist/shared/runtime.js.
// esbuild cannot split code into shared chunks for CommonJS output, hence one build per file. Only
// `n8n-workflow` (the host's) and `node:crypto` are required from outside the package.
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { globSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CATALOG_KEYS_LEFT_OUT, RUNTIME_FILE, shippedEntry } from './runtime-layout';

export { CATALOG_KEYS_LEFT_OUT, RUNTIME_FILE } from './runtime-layout';

export const packageDir = resolve(import.meta.dirname, '..');
/** The repository's root (n8n-node/'s parent). */
const repoRoot = resolve(packageDir, '..');
/** @distribu/shared, wherever npm linked it (the workspace's own folder, or a copy's link to it). */
const sharedDir = dirname(createRequire(join(packageDir, 'package.json')).resolve('@distribu/shared/package.json'));

/**
 * A file's key in the shared module: its path in the repository (`shared/...` for @distribu/shared, wherever npm
 * linked it), never a machine path, and not the workspace's npm scope, which names one provider.
 */
function keyOf(file: string): string {
	const inShared = file.startsWith(sharedDir + sep);
	const path = relative(inShared ? sharedDir : repoRoot, file).split(sep).join('/');
	if (path.startsWith('..')) throw new Error(`${file}: a node imports it, but it is neither in the repository nor in @distribu/shared.`);
	return inShared ? `shared/${path}` : path;
}

const common: BuildOptions = {
	bundle: true,
	platform: 'node',
	format: 'cjs',
	target: 'node20',
	legalComments: 'none',
	external: ['n8n-workflow'],
};

/** `./x.js` or `../../x.js`: a require path from `fromFile`'s folder to `toFile`. */
function requirePath(fromFile: string, toFile: string): string {
	const path = relative(dirname(fromFile), toFile).split(sep).join('/');
	return path.startsWith('.') ? path : `./${path}`;
}

const SHARED = 'shared-module';

/**
 * In the build of `entry` (a path in `dir`): each import from a file in the entry's own folder that
 * resolves to a file outside it goes to the shared module, under the file's key (keyOf); `files` collects
 * each key's file. `requireTo`: the entry's relative require of the shared module, whose `[key]` stands
 * for the import; without it (the ESM pass that finds what the entries use) the import stays an external
 * `shared-module:<key>`.
 */
function toSharedModule(dir: string, entry: string, files: Map<string, string>, requireTo?: string): Plugin {
	const own = join(dir, dirname(entry)) + sep;
	return {
		name: 'one shared module',
		setup(b) {
			b.onResolve({ filter: /.*/ }, async (args) => {
				if (args.pluginData === SHARED || args.kind === 'entry-point' || !args.importer.startsWith(own)) return undefined;
				const found = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: SHARED });
				if (found.errors.length > 0) return { errors: found.errors };
				if (found.external || found.path.startsWith(own)) return found;
				const key = keyOf(found.path);
				files.set(key, found.path);
				return requireTo ? { path: key, namespace: SHARED } : { path: `${SHARED}:${key}`, external: true };
			});
			b.onLoad({ filter: /.*/, namespace: SHARED }, (args) => ({
				contents: `module.exports = require(${JSON.stringify(requireTo)})[${JSON.stringify(args.path)}];`,
				loader: 'js',
			}));
			b.onResolve({ filter: /.*/, namespace: SHARED }, (args) => ({ path: args.path, external: true }));
		},
	};
}

/**
 * What the entries use of each key, read from the ESM pass's imports and re-exports of `shared-module:<key>`
 * (esbuild's output, after its tree shaking): the names, or '*' for a whole module (a namespace import or
 * an `export *`).
 */
function usedNames(code: string, used: Map<string, Set<string>>): void {
	const add = (key: string, names: string[]) => names.forEach((name) => used.set(key, (used.get(key) ?? new Set()).add(name)));
	const from = `\\s*from\\s*"${SHARED}:([^"]+)"`;
	for (const m of code.matchAll(new RegExp(`\\b(?:import|export)\\s*\\{([^}]*)\\}${from}`, 'g'))) {
		add(m[2]!, m[1]!.split(',').map((part) => part.trim().split(/\s+as\s+/)[0]!).filter(Boolean));
	}
	for (const m of code.matchAll(new RegExp(`\\b(?:import\\s*\\*\\s*as\\s*[\\w$]+|export\\s*\\*(?:\\s*as\\s*[\\w$]+)?)${from}`, 'g'))) add(m[1]!, ['*']);
	for (const m of code.matchAll(new RegExp(`\\bimport\\s+[\\w$]+\\s*(?:,\\s*\\{([^}]*)\\}\\s*)?${from}`, 'g'))) {
		add(m[2]!, ['default', ...(m[1] ?? '').split(',').map((part) => part.trim().split(/\s+as\s+/)[0]!).filter(Boolean)]);
	}
}

/**
 * The shared module's source: one export per key, a module's namespace (`export * as "<key>"`) where an
 * entry needs all of it, otherwise an object of the names the entries use, so esbuild leaves out the rest.
 */
function barrelOf(files: Map<string, string>, used: Map<string, Set<string>>): string {
	return [...files.keys()]
		.sort()
		.map((key, i) => {
			const file = JSON.stringify(files.get(key));
			const names = [...(used.get(key) ?? [])].sort();
			if (names.includes('*')) return `export * as ${JSON.stringify(key)} from ${file};`;
			const local = (name: string) => `m${i}_${name}`;
			return [
				`import { ${names.map((name) => `${name} as ${local(name)}`).join(', ')} } from ${file};`,
				`const m${i} = { ${names.map((name) => `${name}: ${local(name)}`).join(', ')} };`,
				`export { m${i} as ${JSON.stringify(key)} };`,
			].join('\n');
		})
		.join('\n');
}

/** Resolves the imports matched by `filter` to an external require path. */
function externalAs(name: string, filter: RegExp, to: (importPath: string) => string): Plugin {
	return { name, setup: (b) => b.onResolve({ filter }, (args) => ({ path: to(args.path), external: true })) };
}

/**
 * The esbuild builds that make a package's JavaScript: the shared module first, then each node and
 * credential requiring it. `dir`: the package folder (n8n-node/ for Distribu, n8n-node/packages/<id>/ for
 * another provider). `plugins` go to every build, after the shared module's (a test resolves a provider
 * that lives in the tests).
 * Async: the shared module's barrel is what the entries use, found by bundling them once as ESM.
 */
export async function buildPlan(outdir: string, dir: string = packageDir, plugins: Plugin[] = []): Promise<BuildOptions[]> {
	const runtimeFile = join(outdir, RUNTIME_FILE);
	const entries = globSync(['nodes/**/*.node.ts', 'credentials/*.credentials.ts'], { cwd: dir }).sort();
	const files = new Map<string, string>();
	const used = new Map<string, Set<string>>();
	const passes = entries.map((entry) => build({ ...common, absWorkingDir: dir, entryPoints: [entry], outdir, format: 'esm', write: false, logLevel: 'silent', plugins: [toSharedModule(dir, entry, files), ...plugins] }));
	for (const pass of await Promise.all(passes)) for (const output of pass.outputFiles) usedNames(output.text, used);
	if (files.size === 0) throw new Error(`${relative(repoRoot, dir)}: no node or credential imports anything from outside its folder.`);
	// Distribu's catalogs stay JSON beside the module (writeRuntimeCatalogs); another provider has none.
	const catalogs = dir === packageDir ? [externalAs('catalogs beside the module', /generated\/(catalog|operations)\.json$/, (p) => `./${p.split('/').pop()}`)] : [];
	const runtime: BuildOptions = {
		...common,
		absWorkingDir: dir,
		stdin: { contents: barrelOf(files, used), resolveDir: dir, sourcefile: 'shared-module.ts', loader: 'ts' },
		outfile: runtimeFile,
		plugins: [...plugins, ...catalogs],
	};
	return [
		runtime,
		...entries.map((entry): BuildOptions => {
			const outfile = join(outdir, entry.replace(/\.ts$/, '.js'));
			return { ...common, absWorkingDir: dir, entryPoints: [entry], outfile, plugins: [toSharedModule(dir, entry, new Map(), requirePath(outfile, runtimeFile)), ...plugins] };
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
