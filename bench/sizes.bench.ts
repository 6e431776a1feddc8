/**
 * Benchmark 3: what ships. Builds both connectors with their own build scripts, then measures the
 * Zapier bundle (zapier/lib/index.js), the n8n package (dist/, `npm pack --dry-run --json`), and the
 * share of each bundle that comes from shared/ (an esbuild metafile of the same bundle options).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { type BuildOptions, build } from 'esbuild';
import { type Cell, bytes, percent, printTable } from './support/table';
import { buildOptions as zapierBuildOptions } from '../zapier/scripts/build-options.mjs';
import { buildPlan as n8nBuildPlan } from '../n8n-node/scripts/build-options.mjs';

const root = path.resolve(__dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(args: string[], cwd = root): string {
  return execFileSync(npm, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** Where a bundled input comes from, by path. */
function origin(input: string): string {
  if (input.includes('node_modules/')) return 'third-party (node_modules)';
  if (input.startsWith('shared/generated/')) return 'shared: a catalog (generated)';
  if (input.startsWith('shared/src/runtime/')) return "shared: Distribu's runtime code";
  if (input.startsWith('shared/src/kit/')) return 'shared: kit code';
  if (input.startsWith('shared/src/providers/')) return `shared: providers/${input.split('/')[3]}/`;
  if (input.startsWith('shared/')) return 'shared: other';
  if (input.startsWith('zapier/')) return 'Zapier adapter (zapier/src)';
  if (input.startsWith('n8n-node/')) return 'n8n adapter (n8n-node)';
  return 'other';
}

/** Re-bundles with the connector's own esbuild options (one build or several) and a metafile; bytes per origin across all outputs. */
async function shares(workspace: string, plan: BuildOptions | BuildOptions[]): Promise<{ total: number; byOrigin: Map<string, number> }> {
  // Run from the workspace folder as its build does: esbuild's path comments then match byte for byte.
  const cwd = path.join(root, workspace);
  const results = await Promise.all([plan].flat().map((options) => build({ ...options, absWorkingDir: cwd, write: false, metafile: true, logLevel: 'silent' })));
  const byOrigin = new Map<string, number>();
  let total = 0;
  for (const output of results.flatMap((result) => Object.values(result.metafile.outputs))) {
    total += output.bytes;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const from = origin(path.relative(root, path.resolve(cwd, input)).split(path.sep).join('/'));
      byOrigin.set(from, (byOrigin.get(from) ?? 0) + bytesInOutput);
    }
  }
  return { total, byOrigin };
}

function shareRows(label: string, built: number, measured: { total: number; byOrigin: Map<string, number> }): Cell[][] {
  const rows: Cell[][] = [...measured.byOrigin]
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => [label, name, bytes(n), percent(n, measured.total)]);
  const runtime = [...measured.byOrigin].filter(([k]) => k.startsWith('shared')).reduce((s, [, n]) => s + n, 0);
  rows.push([label, 'all of shared/', bytes(runtime), percent(runtime, measured.total)]);
  const wrapper = measured.total - [...measured.byOrigin.values()].reduce((s, n) => s + n, 0);
  rows.push([label, 'esbuild module wrappers', bytes(wrapper), percent(wrapper, measured.total)]);
  rows.push([label, `total (${measured.total === built ? 'same bytes as the built files' : `${measured.total} B, built ${built} B`})`, bytes(measured.total), '100%']);
  return rows;
}

export async function runSizes(): Promise<void> {
  run(['run', 'build', '-w', 'zapier']);
  run(['run', 'build', '-w', 'n8n-node']);

  const zapierBundle = path.join(root, 'zapier', 'lib', 'index.js');
  const zapierBytes = fs.readFileSync(zapierBundle);
  const distDir = path.join(root, 'n8n-node', 'dist');
  const distFiles = filesUnder(distDir);
  const distBytes = distFiles.reduce((s, f) => s + fs.statSync(f).size, 0);
  const distJs = distFiles.filter((f) => f.endsWith('.js'));
  const distJsBytes = distJs.reduce((s, f) => s + fs.statSync(f).size, 0);
  const [pack] = JSON.parse(run(['pack', '--dry-run', '--ignore-scripts', '--json', '--loglevel=error'], path.join(root, 'n8n-node'))) as Array<{
    size: number;
    unpackedSize: number;
    entryCount: number;
    files: Array<{ path: string; size: number }>;
  }>;
  if (!pack) throw new Error('npm pack --dry-run printed nothing.');

  printTable(
    '3a. What ships',
    ['artifact', 'files', 'bytes', 'gzip -9', 'note'],
    [
      ['Zapier bundle zapier/lib/index.js', 1, bytes(zapierBytes.length), bytes(zlib.gzipSync(zapierBytes, { level: 9 }).length), 'zapier-platform-core external (in the zip)'],
      ['n8n dist/ (all files)', distFiles.length, bytes(distBytes), '', ''],
      ['n8n dist/ JavaScript', distJs.length, bytes(distJsBytes), bytes(distJs.reduce((s, f) => s + zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length, 0)), 'n8n-workflow external'],
      ['n8n package (npm pack --dry-run)', pack.entryCount, bytes(pack.unpackedSize), bytes(pack.size), 'bytes = unpackedSize, gzip = tarball size'],
    ],
  );
  printTable(
    '3b. n8n package files (npm pack --dry-run)',
    ['file', 'bytes'],
    [...pack.files].sort((a, b) => b.size - a.size).map((f) => [f.path, bytes(f.size)]),
  );

  // The builds' own options (only the metafile added, nothing written).
  const zapier = await shares('zapier', zapierBuildOptions);
  const n8n = await shares('n8n-node', await n8nBuildPlan(path.join(root, 'n8n-node', 'dist')));
  printTable(
    '3c. Where the bundled bytes come from (esbuild metafile, bytes in output, unminified)',
    ['bundle', 'origin', 'bytes', 'share'],
    [...shareRows('Zapier lib/index.js', zapierBytes.length, zapier), ...shareRows('n8n dist/*.js', distJsBytes, n8n)],
  );

  // Every provider's package, with the build's own plan (nothing written): no other provider's code, Distribu's runtime only in its own.
  const packages: Cell[][] = [];
  for (const id of ['dist0', 'orisha']) {
    const dir = path.join(root, 'n8n-node', 'packages', id);
    const measured = await shares(`n8n-node/packages/${id}`, await n8nBuildPlan(path.join(dir, 'dist'), dir));
    const label = `n8n-nodes-${id} dist/*.js`;
    packages.push(...shareRows(label, measured.total, measured).slice(0, -1), [label, 'total', bytes(measured.total), '100%']);
  }
  printTable('3e. The other providers\' n8n packages (esbuild metafile, bytes in output, unminified)', ['bundle', 'origin', 'bytes', 'share'], packages);

  const catalogFile = path.join(root, 'shared', 'generated', 'catalog.json');
  const catalog = JSON.parse(fs.readFileSync(catalogFile, 'utf8')) as { events: Array<Record<string, unknown>> };
  const byKey = new Map<string, number>();
  for (const event of catalog.events) {
    for (const [key, value] of Object.entries(event)) byKey.set(key, (byKey.get(key) ?? 0) + JSON.stringify(value).length);
  }
  const compact = JSON.stringify(catalog).length;
  printTable(
    `3d. shared/generated/catalog.json by field, ${catalog.events.length} events (file ${bytes(fs.statSync(catalogFile).size)}, compact JSON ${bytes(compact)})`,
    ['field', 'compact JSON bytes', 'share'],
    [...byKey].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([key, n]) => [key, bytes(n), percent(n, compact)]),
    [
      'The Zapier bundle inlines the whole catalog (esbuild prints it as an indented object literal). The n8n package requires a compact copy ' +
        'beside its one shared runtime, without the keys no n8n code reads (dist/shared/catalog.json: n8n-node/scripts/runtime-layout.ts).',
    ],
  );
}
