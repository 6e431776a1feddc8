/**
 * A throw-away Redis on loopback from the machine's `redis-server` (Debian: apt-get install -y redis-server):
 * a free port, no persistence, a password in a config file (never on the command line), not daemonized so the PID
 * we hold is the server. stop() ends it by that PID and removes its folder.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../n8n/instance';
import { Daemon } from './daemon';

export const REDIS_INSTALL_HINT = 'apt-get install -y redis-server';

export interface Redis {
  host: string;
  port: number;
  password: string;
  pid: number;
  logFile: string;
  stop(): Promise<void>;
}

export function findRedisServer(): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).concat('/usr/sbin', '/usr/bin')) {
    const file = path.join(dir, 'redis-server');
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  throw new Error(`redis-server is not installed (not on PATH). Install it with: ${REDIS_INSTALL_HINT}`);
}

export async function startRedis(): Promise<Redis> {
  const command = findRedisServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'distribu-redis-'));
  const logFile = path.join(dir, 'redis.log');
  const password = randomBytes(18).toString('hex');
  const port = await freePort();
  const config = path.join(dir, 'redis.conf');
  fs.writeFileSync(
    config,
    [`port ${port}`, 'bind 127.0.0.1', "save ''", 'appendonly no', 'daemonize no', `dir ${dir}`, `requirepass ${password}`, ''].join('\n'),
    { mode: 0o600 },
  );
  try {
    const daemon = await Daemon.start({ name: 'Redis', command, args: [config], logFile, readyLine: 'Ready to accept connections', cwd: dir });
    return {
      host: '127.0.0.1',
      port,
      password,
      pid: daemon.pid,
      logFile,
      stop: async () => {
        await daemon.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
