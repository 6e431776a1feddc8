// Bundles a package entry exactly as the connectors' builds resolve it (esbuild, through the
// package's exports map), for tests that check what a bundle holds.
import { build } from 'esbuild';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** The bundle's text and its inputs (paths relative to the repository root, `<stdin>` first). */
export async function bundleEntry(entry: string): Promise<{ text: string; inputs: string[] }> {
  const result = await build({
    stdin: { contents: `export * from '${entry}';`, resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return { text: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) };
}
