// The MCP packages as a user gets them: `npm pack` on a copy of the repository's mcp/ without any dist/ (each
// package's prepack builds), the tarballs installed into an empty project. The repository's own dist/ folders,
// which a parallel build may be writing, are never touched.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './processes';

export interface Packed {
  filename: string;
  files: Array<{ path: string; mode: number }>;
}

/** npm without jest's environment (npm_config_* from `npm test` would otherwise reach it). */
export function npm(args: string[], cwd: string): string {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  const result = spawnSync('npm', args, { cwd, encoding: 'utf8', env, timeout: 200_000 });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${result.status}): ${result.stdout}${result.stderr}`);
  return result.stdout;
}

/** A copy of the repository's root manifest and mcp/ (no dist/, no tarball) in `work`/clone, sharing node_modules. */
export function cloneMcp(work: string): string {
  const clone = join(work, 'clone');
  for (const file of ['package.json', '.npmrc']) cpSync(join(repoRoot, file), join(clone, file));
  cpSync(join(repoRoot, 'mcp'), join(clone, 'mcp'), { recursive: true, filter: (src) => !/[\\/](dist|node_modules)$/.test(src) && !src.endsWith('.tgz') });
  symlinkSync(join(repoRoot, 'node_modules'), join(clone, 'node_modules'), 'dir');
  return clone;
}

/** `npm pack` in `dir` (its prepack builds) into `destination`. */
export function pack(dir: string, destination: string): Packed {
  const out = npm(['pack', '--json', '--loglevel=error', '--pack-destination', destination], dir);
  return (JSON.parse(out.slice(out.search(/^\[/m))) as Packed[])[0]!;
}

/** An empty project in `work`/app with the tarballs installed; returns its folder. */
export function installTarballs(work: string, tarballs: string[]): string {
  const app = join(work, 'app');
  mkdirSync(app, { recursive: true });
  cpSync(join(repoRoot, '.npmrc'), join(app, '.npmrc'));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
  npm(['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...tarballs], app);
  return app;
}
