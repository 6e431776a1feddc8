// zapier/package-lock.json, derived from the repository's package-lock.json (npm run generate
// writes it; test/generated.test.ts checks it). `zapier-platform build` and `push` copy zapier/ to
// a temp folder, outside this workspace, and run `npm install --production` there. Without a lock
// npm must ask the registry for every package's metadata, so the build needs the network; with
// this lock it installs exactly the versions the workspace tests, from npm's cache (`npm ci`
// fills it), offline. Paths are kept as in the root lock (every zapier dependency is hoisted to
// the root's node_modules), so each package resolves to the very same copy.

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  dev?: boolean;
  devOptional?: boolean;
  optional?: boolean;
  peer?: boolean;
  link?: boolean;
  [key: string]: unknown;
}

export interface Lockfile {
  name?: string;
  version?: string;
  lockfileVersion: number;
  requires?: boolean;
  packages: Record<string, LockEntry>;
}

/** Where Node would find `name` from the package at `from` (a lock path), or undefined. */
function resolve(packages: Lockfile['packages'], from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return undefined;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut >= 0 ? dir.slice(0, cut) : dir.startsWith('node_modules/') ? '' : dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
  }
}

/** Lock paths reachable from `start` through dependencies, optional and (non-optional) peer dependencies. */
function closure(packages: Lockfile['packages'], start: string, names: string[]): Set<string> {
  const seen = new Set<string>();
  const queue: Array<[string, string]> = names.map((n) => [start, n]);
  while (queue.length) {
    const [from, name] = queue.shift()!;
    const at = resolve(packages, from, name);
    if (!at || seen.has(at)) continue;
    seen.add(at);
    const entry = packages[at]!;
    const peers = Object.keys(entry.peerDependencies ?? {}).filter((p) => !entry.peerDependenciesMeta?.[p]?.optional);
    for (const dep of [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {}), ...peers]) {
      queue.push([at, dep]);
    }
  }
  return seen;
}

/** The standalone lock of the workspace package at `workspace` (e.g. `zapier`), as JSON text. */
export function workspaceLockfile(root: Lockfile, workspace: string): string {
  const project = root.packages[workspace];
  if (!project) throw new Error(`The root package-lock.json has no workspace "${workspace}".`);
  const prod = closure(root.packages, workspace, Object.keys(project.dependencies ?? {}));
  const all = closure(root.packages, workspace, [...Object.keys(project.dependencies ?? {}), ...Object.keys(project.devDependencies ?? {})]);
  const packages: Lockfile['packages'] = { '': { ...project } };
  for (const path of [...all].sort()) {
    // The root's dev/optional flags describe the whole workspace; recompute dev for this package alone.
    const { dev: _dev, devOptional: _devOptional, ...entry } = root.packages[path]!;
    // A copy nested under the workspace folder sits at the same place relative to the package.
    const local = path.startsWith(`${workspace}/`) ? path.slice(workspace.length + 1) : path;
    packages[local] = prod.has(path) ? entry : { ...entry, dev: true };
  }
  const lock: Lockfile = { name: project.name as string, version: project.version, lockfileVersion: 3, requires: true, packages };
  return `${JSON.stringify(lock, null, 2)}\n`;
}
