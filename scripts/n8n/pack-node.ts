/** Builds the n8n-nodes-distribu workspace and packs it exactly as `npm publish` would ship it. */
import fs from 'node:fs';
import path from 'node:path';
import { runOrThrow } from './exec';
import { type Log, defaultLog } from './log';
import { repoRoot } from './paths';

export const n8nNodeDir = path.join(repoRoot, 'n8n-node');

export interface PackedNode {
  tarball: string;
  name: string;
  version: string;
  /** Files in the tarball, relative to the package root. */
  files: string[];
}

export async function packN8nNode(options: { destination: string; log?: Log }): Promise<PackedNode> {
  const log = options.log ?? defaultLog;
  fs.mkdirSync(options.destination, { recursive: true });
  log('Building n8n-node (npm run build -w n8n-node).');
  await runOrThrow('Building n8n-node', 'npm', ['run', 'build', '-w', 'n8n-node'], { cwd: repoRoot });
  // Built just above: --ignore-scripts keeps prepack from building a second time.
  const stdout = await runOrThrow('npm pack of n8n-node', 'npm', ['pack', '--ignore-scripts', '--json', '--loglevel=error', '--pack-destination', options.destination], {
    cwd: n8nNodeDir,
  });
  const [packed] = JSON.parse(stdout) as Array<{ filename: string; name: string; version: string; files: Array<{ path: string }> }>;
  if (!packed) throw new Error(`npm pack printed no package: ${stdout.slice(0, 300)}`);
  const tarball = path.join(options.destination, packed.filename);
  log(`Packed ${packed.name}@${packed.version} (${packed.files.length} files) into ${tarball}.`);
  return { tarball, name: packed.name, version: packed.version, files: packed.files.map((f) => f.path) };
}

/** Builds another provider's generated package (n8n-node/packages/<id>/) and packs it as `npm publish` would ship it. */
export async function packProviderPackage(id: string, options: { destination: string; log?: Log }): Promise<PackedNode> {
  const log = options.log ?? defaultLog;
  fs.mkdirSync(options.destination, { recursive: true });
  log(`Building n8n-nodes-${id} (npm run build -w n8n-node -- --package ${id}).`);
  await runOrThrow(`Building the ${id} package`, 'npm', ['run', 'build', '-w', 'n8n-node', '--', '--package', id], { cwd: repoRoot });
  const stdout = await runOrThrow(`npm pack of the ${id} package`, 'npm', ['pack', '--ignore-scripts', '--json', '--loglevel=error', '--pack-destination', options.destination], {
    cwd: path.join(n8nNodeDir, 'packages', id),
  });
  const [packed] = JSON.parse(stdout) as Array<{ filename: string; name: string; version: string; files: Array<{ path: string }> }>;
  if (!packed) throw new Error(`npm pack printed no package: ${stdout.slice(0, 300)}`);
  const tarball = path.join(options.destination, packed.filename);
  log(`Packed ${packed.name}@${packed.version} (${packed.files.length} files) into ${tarball}.`);
  return { tarball, name: packed.name, version: packed.version, files: packed.files.map((f) => f.path) };
}
