/**
 * One long-running server process we started ourselves: its output goes to a log file, start() resolves when a
 * readiness line shows up in that log, stop() signals the PID we hold, waits, and sends SIGKILL after a timeout.
 * Shared by the PostgreSQL and Redis helpers (and nothing else: n8n has its own N8nInstance).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';

export interface DaemonOptions {
  /** For messages: "PostgreSQL", "Redis". */
  name: string;
  command: string;
  args: string[];
  logFile: string;
  /** A line the server prints once it accepts connections. */
  readyLine: string | RegExp;
  readyTimeoutMs?: number;
  /** Run as this user (PostgreSQL refuses root); the PID we hold is then the server itself, not a su/runuser wrapper. */
  uid?: number;
  gid?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** The signal for a clean, quick stop. Default SIGTERM. */
  stopSignal?: NodeJS.Signals;
  stopTimeoutMs?: number;
}

export class Daemon {
  private exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  private constructor(
    private readonly child: ChildProcess,
    private readonly options: DaemonOptions,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    this.exited.then((code) => {
      this.exitCode = code;
      running.delete(child);
    });
    running.add(child);
  }

  get pid(): number {
    return this.child.pid!;
  }

  get alive(): boolean {
    return this.exitCode === undefined;
  }

  static async start(options: DaemonOptions): Promise<Daemon> {
    const out = fs.openSync(options.logFile, 'a');
    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      uid: options.uid,
      gid: options.gid,
      stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
    const daemon = new Daemon(child, options);
    const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
    for (;;) {
      const failed = await Promise.race([spawnError, sleep(100).then(() => undefined)]);
      if (failed) throw new Error(`${options.name} could not be started (${options.command}): ${failed.message}`);
      const log = daemon.log();
      if (typeof options.readyLine === 'string' ? log.includes(options.readyLine) : options.readyLine.test(log)) return daemon;
      if (!daemon.alive) throw new Error(`${options.name} exited with code ${daemon.exitCode} before it was ready. Its log:\n${tail(log)}`);
      if (Date.now() > deadline) {
        await daemon.stop();
        throw new Error(`${options.name} was not ready within ${(options.readyTimeoutMs ?? 60_000) / 1000} s. Its log:\n${tail(log)}`);
      }
    }
  }

  log(): string {
    try {
      return fs.readFileSync(this.options.logFile, 'utf8');
    } catch {
      return '';
    }
  }

  /** Signals the PID we started, waits for it to exit, SIGKILL after the timeout. Safe to call twice. */
  async stop(): Promise<void> {
    if (!this.alive) return;
    this.child.kill(this.options.stopSignal ?? 'SIGTERM');
    const timeoutMs = this.options.stopTimeoutMs ?? 20_000;
    const timedOut = await Promise.race([this.exited.then(() => false), sleep(timeoutMs).then(() => true)]);
    if (timedOut) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }
}

function tail(text: string, lines = 30): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** If the harness exits without stopping a server (a crash, Ctrl-C), take the servers we started with it. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
