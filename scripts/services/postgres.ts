/**
 * A throw-away PostgreSQL on loopback from the machine's own (Debian) binaries: initdb into a temp folder, a free
 * port, password authentication over TCP, the socket in the temp folder, no fsync (test data). stop() ends the server
 * by the PID we started and removes the folder.
 * PostgreSQL refuses to run as root: as root, the folder belongs to the `postgres` system user (created by Debian's
 * package) and initdb/postgres run with that uid/gid.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../n8n/instance';
import { Daemon } from './daemon';

export const POSTGRES_INSTALL_HINT = 'apt-get install -y postgresql';
/** Where Debian's postgresql-<major> packages put the server binaries (not on PATH). */
const DEBIAN_POSTGRES_ROOT = '/usr/lib/postgresql';

export interface Postgres {
  host: string;
  port: number;
  user: string;
  password: string;
  /** The default `postgres` database: the cluster exists for one test run. */
  database: string;
  pid: number;
  /** PostgreSQL's version, from the binaries used. */
  version: string;
  logFile: string;
  stop(): Promise<void>;
}

/** initdb and postgres from PATH, else from Debian's newest /usr/lib/postgresql/<major>/bin; a clear error otherwise. */
export function findPostgresBin(): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, 'initdb')) && isExecutable(path.join(dir, 'postgres'))) return dir;
  }
  let majors: string[] = [];
  try {
    majors = fs.readdirSync(DEBIAN_POSTGRES_ROOT).filter((name) => /^\d+$/.test(name));
  } catch {
    // no Debian PostgreSQL at all
  }
  for (const major of majors.sort((a, b) => Number(b) - Number(a))) {
    const dir = path.join(DEBIAN_POSTGRES_ROOT, major, 'bin');
    if (isExecutable(path.join(dir, 'initdb')) && isExecutable(path.join(dir, 'postgres'))) return dir;
  }
  throw new Error(
    `PostgreSQL's server binaries (initdb, postgres) are neither on PATH nor in ${DEBIAN_POSTGRES_ROOT}/<version>/bin. ` +
      `Install them with: ${POSTGRES_INSTALL_HINT}`,
  );
}

export async function startPostgres(): Promise<Postgres> {
  const bin = findPostgresBin();
  const owner = process.getuid?.() === 0 ? systemUser('postgres') : undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'distribu-pg-'));
  const dataDir = path.join(dir, 'data');
  const socketDir = path.join(dir, 'socket');
  const passwordFile = path.join(dir, 'password');
  const logFile = path.join(dir, 'postgres.log');
  const user = 'postgres';
  const password = randomBytes(18).toString('hex');
  let daemon: Daemon | undefined;
  try {
    fs.mkdirSync(socketDir);
    fs.writeFileSync(passwordFile, password, { mode: 0o600 });
    if (owner) for (const file of [dir, socketDir, passwordFile]) fs.chownSync(file, owner.uid, owner.gid);
    const env = { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', ...(owner ? { HOME: dir, USER: 'postgres' } : {}) };
    // scram over TCP (the only way in besides the private socket folder); trust on that socket only.
    await runToEnd(path.join(bin, 'initdb'), ['-D', dataDir, '-U', user, `--pwfile=${passwordFile}`, '--auth-host=scram-sha-256', '--auth-local=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], {
      env,
      owner,
      cwd: dir,
    });
    fs.rmSync(passwordFile);
    const port = await freePort();
    daemon = await Daemon.start({
      name: 'PostgreSQL',
      command: path.join(bin, 'postgres'),
      args: ['-D', dataDir, '-p', String(port), '-k', socketDir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
      logFile,
      readyLine: 'database system is ready to accept connections',
      uid: owner?.uid,
      gid: owner?.gid,
      env,
      cwd: dir,
      // SIGTERM is PostgreSQL's "smart" shutdown, which waits for every client to leave; SIGINT ("fast") does not.
      stopSignal: 'SIGINT',
    });
    const running = daemon;
    return {
      host: '127.0.0.1',
      port,
      user,
      password,
      database: 'postgres',
      pid: running.pid,
      version: execFileSync(path.join(bin, 'postgres'), ['--version'], { encoding: 'utf8' }).trim().replace(/^postgres \(PostgreSQL\) /, ''),
      logFile,
      stop: async () => {
        await running.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await daemon?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function runToEnd(command: string, args: string[], options: { env: NodeJS.ProcessEnv; owner?: { uid: number; gid: number }; cwd: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env, cwd: options.cwd, uid: options.owner?.uid, gid: options.owner?.gid, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} failed (exit code ${code}):\n${output.trim().split('\n').slice(-20).join('\n')}`)),
    );
  });
}

/** uid and gid of a system user from /etc/passwd. */
function systemUser(name: string): { uid: number; gid: number } {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) {
    throw new Error(`PostgreSQL refuses to run as root and there is no '${name}' system user to run it as. Debian's package creates it: ${POSTGRES_INSTALL_HINT}`);
  }
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
