// The esbuild options of the package: build.mts builds with them and bench/sizes measures with them.
// One self-contained CommonJS file per node and credential, the shared runtime inlined, only
// `n8n-workflow` left external (the host provides it).
import type { BuildOptions } from 'esbuild';
import { globSync } from 'node:fs';
import { resolve } from 'node:path';

export const packageDir = resolve(import.meta.dirname, '..');

/** `dir`: the package folder (n8n-node/ for Distribu, n8n-node/packages/<id>/ for another provider). */
export function buildOptions(outdir: string, dir: string = packageDir): BuildOptions {
	return {
		absWorkingDir: dir,
		entryPoints: globSync(['nodes/**/*.node.ts', 'credentials/*.credentials.ts'], { cwd: dir }),
		outbase: '.',
		outdir,
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		external: ['n8n-workflow'],
		legalComments: 'none',
	};
}
