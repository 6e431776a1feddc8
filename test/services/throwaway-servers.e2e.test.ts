/**
 * The throw-away PostgreSQL and Redis of the queue-mode suite (scripts/services): real servers from the machine's
 * Debian packages, on loopback, behind a password, stopped by the PID we hold, their folders removed. Without the
 * packages these tests fail with the apt-get command to run (they never skip).
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { type Postgres, startPostgres } from '../../scripts/services/postgres';
import { type Redis, startRedis } from '../../scripts/services/redis';

/** Sends bytes, collects what comes back until `enough` says so (or 5 s pass). */
function exchange(port: number, data: Buffer, enough: (received: Buffer) => boolean): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write(data));
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(received);
    }, 5000);
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (enough(received)) {
        clearTimeout(timer);
        socket.destroy();
        resolve(received);
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The real uid of a process, from /proc. */
function uidOf(pid: number): number {
  const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('Uid:'))!;
  return Number(line.split(/\s+/)[1]);
}

describe('throw-away PostgreSQL (scripts/services/postgres.ts)', () => {
  let pg: Postgres | undefined;
  afterAll(async () => pg?.stop());

  test('starts on loopback, asks TCP clients for a password, and runs as the postgres user when we are root', async () => {
    pg = await startPostgres();
    // A protocol-3 StartupMessage: the server's first answer is an authentication request ('R'); 10 = SASL (scram).
    const params = Buffer.from('user\0postgres\0database\0postgres\0\0', 'utf8');
    const startup = Buffer.alloc(8 + params.length);
    startup.writeInt32BE(startup.length, 0);
    startup.writeInt32BE(196608, 4);
    params.copy(startup, 8);
    const answer = await exchange(pg.port, startup, (b) => b.length >= 9);
    expect(String.fromCharCode(answer[0]!)).toBe('R');
    expect(answer.readInt32BE(5)).toBe(10);
    if (process.getuid?.() === 0) expect(uidOf(pg.pid)).not.toBe(0);
  }, 60_000);

  test('stop() ends the PID it started and removes its folder', async () => {
    const { pid, logFile } = pg!;
    await pg!.stop();
    pg = undefined;
    expect(alive(pid)).toBe(false);
    expect(fs.existsSync(path.dirname(logFile))).toBe(false);
  }, 60_000);
});

describe('throw-away Redis (scripts/services/redis.ts)', () => {
  let redis: Redis | undefined;
  afterAll(async () => redis?.stop());

  test('starts on loopback and refuses commands without its password', async () => {
    redis = await startRedis();
    const refused = await exchange(redis.port, Buffer.from('PING\r\n'), (b) => b.includes('\r\n'));
    expect(refused.toString()).toMatch(/^-NOAUTH/);
    const accepted = await exchange(redis.port, Buffer.from(`AUTH ${redis.password}\r\nPING\r\n`), (b) => b.toString().includes('PONG'));
    expect(accepted.toString()).toBe('+OK\r\n+PONG\r\n');
  }, 60_000);

  test('stop() ends the PID it started and removes its folder', async () => {
    const { pid, logFile } = redis!;
    await redis!.stop();
    redis = undefined;
    expect(alive(pid)).toBe(false);
    expect(fs.existsSync(path.dirname(logFile))).toBe(false);
  }, 60_000);
});
