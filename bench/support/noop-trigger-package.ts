/** Builds the do-nothing trigger (`noop-trigger.node.ts`) into a community package in a temp folder and packs it. */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { runOrThrow } from '../../scripts/n8n/exec';

export const NOOP_PACKAGE = 'n8n-nodes-bench-noop';
export const NOOP_TRIGGER_TYPE = `${NOOP_PACKAGE}.noopTrigger`;
const NODE_FILE = 'dist/nodes/NoopTrigger/NoopTrigger.node.js';

/** Returns the path of the packed .tgz, written into `destination`. */
export async function packNoopTrigger(destination: string): Promise<string> {
  const dir = path.join(destination, NOOP_PACKAGE);
  fs.mkdirSync(dir, { recursive: true });
  // One CommonJS file, as n8n loads community nodes; the source has only type imports, so nothing is bundled.
  await build({
    entryPoints: [path.join(__dirname, 'noop-trigger.node.ts')],
    outfile: path.join(dir, NODE_FILE),
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    bundle: false,
    logLevel: 'error',
  });
  const manifest = {
    name: NOOP_PACKAGE,
    version: '0.0.0',
    private: false,
    license: 'MIT',
    keywords: ['n8n-community-node-package'],
    files: ['dist'],
    n8n: { n8nNodesApiVersion: 1, strict: true, credentials: [], nodes: [NODE_FILE] },
  };
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const stdout = await runOrThrow('npm pack of the do-nothing trigger', 'npm', ['pack', '--ignore-scripts', '--json', '--loglevel=error', '--pack-destination', destination], { cwd: dir });
  const [packed] = JSON.parse(stdout) as Array<{ filename: string }>;
  if (!packed) throw new Error(`npm pack printed no package: ${stdout.slice(0, 300)}`);
  return path.join(destination, packed.filename);
}
