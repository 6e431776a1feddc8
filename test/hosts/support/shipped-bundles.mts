// Builds what each provider ships, as the builds do but in memory (esbuild with the builds' own options, nothing
// written): its n8n package (the JavaScript, plus the node JSON files the build copies) and its Zapier app bundle.
// Prints, per artifact, each file's text and the repository files bundled into it, as JSON on stdout.
// Run: tsx test/hosts/support/shipped-bundles.mts
import { build, type BuildOptions } from 'esbuild';
import { globSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { buildPlan, packageDir } from '../../../n8n-node/scripts/build-options.mjs';
import { appBuildOptions, buildOptions } from '../../../zapier/scripts/build-options.mjs';

const root = resolve(import.meta.dirname, '..', '..', '..');
const toRepo = (cwd: string, path: string) => relative(root, resolve(cwd, path)).split('\\').join('/');

export interface Shipped {
  provider: string;
  host: 'n8n' | 'zapier';
  /** File (relative to the artifact) → its text. */
  files: Record<string, string>;
  /** Repository paths of every source bundled. */
  inputs: string[];
  /** The package.json the artifact is published with (n8n). */
  packageJson?: Record<string, unknown>;
}

async function bundled(options: BuildOptions[], cwd: string, outdir: string): Promise<Pick<Shipped, 'files' | 'inputs'>> {
  const results = await Promise.all(options.map((o) => build({ ...o, absWorkingDir: o.absWorkingDir ?? cwd, write: false, metafile: true, logLevel: 'silent' })));
  const files: Record<string, string> = {};
  const inputs = new Set<string>();
  for (const result of results) {
    for (const out of result.outputFiles ?? []) files[relative(outdir, out.path).split('\\').join('/')] = out.text;
    for (const input of Object.keys(result.metafile!.inputs)) if (!input.startsWith('<stdin>')) inputs.add(toRepo(cwd, input));
  }
  return { files, inputs: [...inputs].sort() };
}

const shipped: Shipped[] = [];
for (const provider of ['distribu', 'dist0', 'orisha']) {
  const dir = provider === 'distribu' ? packageDir : join(packageDir, 'packages', provider);
  // Never written: esbuild only names the outputs by it.
  const outdir = join(dir, 'dist');
  const n8n = await bundled(await buildPlan(outdir, dir), dir, outdir);
  for (const file of globSync(['nodes/**/*.node.json', 'nodes/**/__schema__/**/*.json', 'credentials/*.json'], { cwd: dir })) n8n.files[file] = readFileSync(join(dir, file), 'utf8');
  shipped.push({ provider, host: 'n8n', ...n8n, packageJson: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) });
  const zapierDir = join(root, 'zapier');
  const options = provider === 'distribu' ? buildOptions : appBuildOptions(provider);
  shipped.push({ provider, host: 'zapier', ...(await bundled([options], zapierDir, resolve(String(options.outfile), '..'))) });
}
process.stdout.write(JSON.stringify(shipped));
