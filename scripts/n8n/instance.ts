/**
 * One n8n process on loopback with its own user folder: start, wait until ready, stop, restart with the same folder.
 * The owner account is managed by environment variables, so no setup request is needed and a restart keeps it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ANSWER_LOG_ENV, ANSWER_LOG_PRELOAD } from './answers';
import { node24Env, runOrThrow } from './exec';
import { isInstalled } from './install';
import { type Log, defaultLog } from './log';
import { acquirePidLock } from './lock';
import { N8N_VERSION, cacheModule, cacheRoot, n8nEntry, node24Bin } from './paths';

export interface Owner {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
}

/** `n8n start` (main), `n8n webhook` (production webhooks only, queue mode), `n8n worker` (runs queued executions). */
export type N8nCommand = 'start' | 'webhook' | 'worker';

export interface N8nInstanceOptions {
  /** Default `start`. */
  command?: N8nCommand;
  /** Folder for n8n's data (.n8n/ with the SQLite database and community nodes). Default: a new temp folder. */
  userFolder?: string;
  /** Default: a free loopback port. */
  port?: number;
  /** Port of the task-runner broker; must differ per concurrent instance. Default: a free loopback port. */
  brokerPort?: number;
  owner?: Partial<Owner>;
  /** Extra environment variables for n8n (e.g. N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false). */
  env?: Record<string, string>;
  /** Processes of one queue-mode cluster share one key. Default: a key kept in the user folder. */
  encryptionKey?: string;
  /** Where webhooks are served (N8N_WEBHOOK_URL), when not by this process (queue mode: a webhook process). */
  webhookBaseUrl?: string;
  /**
   * The caller holds the one-n8n-at-a-time lock (acquireN8nRunLock) for a group of processes that counts as one run
   * (a queue-mode cluster); this instance then neither takes nor releases it.
   */
  runLockHeldByCaller?: boolean;
  /**
   * Start n8n in a session of its own (setsid), away from the caller's terminal: Ctrl-C and a closed terminal then reach
   * only the caller, which stops n8n when it is ready to (the demo unpublishes its workflows first).
   */
  detached?: boolean;
  /**
   * Each answer to a request carrying ANSWER_ID_HEADER is recorded by the process itself in `answersFile` (PID, whether
   * its shutdown had begun, status): answer-log.cjs, preloaded. For tests that must know which process answered.
   */
  recordAnswers?: boolean;
  version?: string;
  log?: Log;
}

export interface PackageInstall {
  name: string;
  version: string;
}

const READY_TIMEOUT_MS = 120_000;
/**
 * What each command prints once it serves requests (n8n 2.40.7's commands/start.js, webhook.js, worker.js); every
 * one also answers /healthz/readiness (the worker on its health-check port) once its database and Redis are up.
 */
const READY_LINE: Record<N8nCommand, string> = {
  start: 'Editor is now accessible via',
  webhook: 'Webhook listener waiting for requests.',
  worker: 'n8n worker is now ready',
};
/** Longer than n8n's own N8N_GRACEFUL_SHUTDOWN_TIMEOUT (30 s by default), so n8n's shutdown decides, not our SIGKILL. */
const STOP_TIMEOUT_MS = 40_000;
/**
 * One n8n at a time on this machine (jest runs test files in parallel workers; n8n needs most of a core to start):
 * a start waits for the instance of another process to stop.
 */
const RUN_LOCK = path.join(cacheRoot, 'running.lock');
const RUN_LOCK_TIMEOUT_MS = 30 * 60_000;

/** Takes the one-n8n-at-a-time lock for a group of n8n processes (a queue-mode cluster); returns its release. */
export async function acquireN8nRunLock(log: Log = defaultLog): Promise<() => void> {
  const release = await acquirePidLock(RUN_LOCK, { what: 'running an n8n', timeoutMs: RUN_LOCK_TIMEOUT_MS, log });
  runLocksToRelease.add(release);
  return () => {
    release();
    runLocksToRelease.delete(release);
  };
}

export class N8nInstance {
  readonly command: N8nCommand;
  readonly userFolder: string;
  readonly port: number;
  readonly brokerPort: number;
  readonly owner: Owner;
  readonly version: string;
  /** n8n's stdout and stderr, appended over every start. */
  readonly logFile: string;
  /** Where the process records its answers when created with `recordAnswers` (see answers.ts), over every start. */
  readonly answersFile: string | undefined;
  private readonly ownedFolder: boolean;
  private readonly encryptionKey: string;
  private readonly extraEnv: Record<string, string>;
  private readonly customWebhookBaseUrl: string | undefined;
  private readonly runLockHeldByCaller: boolean;
  private readonly detached: boolean;
  private readonly log: Log;
  private child: ChildProcess | undefined;
  private exited: Promise<void> | undefined;
  private releaseRunLock: (() => void) | undefined;
  /** Where the current start's output begins in logFile. */
  private logOffset = 0;
  private passwordHashCache: string | undefined;

  private constructor(options: N8nInstanceOptions & { userFolder: string; port: number; brokerPort: number; ownedFolder: boolean }) {
    this.userFolder = options.userFolder;
    this.port = options.port;
    this.brokerPort = options.brokerPort;
    this.ownedFolder = options.ownedFolder;
    this.command = options.command ?? 'start';
    this.customWebhookBaseUrl = options.webhookBaseUrl;
    this.runLockHeldByCaller = options.runLockHeldByCaller ?? false;
    this.detached = options.detached ?? false;
    this.version = options.version ?? N8N_VERSION;
    this.log = options.log ?? defaultLog;
    this.extraEnv = options.env ?? {};
    this.logFile = path.join(this.userFolder, 'n8n.log');
    this.answersFile = options.recordAnswers ? path.join(this.userFolder, 'answers.log') : undefined;
    this.owner = {
      email: options.owner?.email ?? 'owner@example.com',
      password: options.owner?.password ?? `Pw-${randomBytes(12).toString('hex')}`,
      firstName: options.owner?.firstName ?? 'Test',
      lastName: options.owner?.lastName ?? 'Owner',
    };
    // Fixed for the folder's lifetime: credentials stored at the first start must decrypt after a restart.
    this.encryptionKey = options.encryptionKey ?? readOrCreateKey(path.join(this.userFolder, 'encryption-key'));
  }

  /** Prepares (does not start) an instance. Needs the cache from installN8n(). */
  static async create(options: N8nInstanceOptions = {}): Promise<N8nInstance> {
    const version = options.version ?? N8N_VERSION;
    if (!isInstalled(version)) throw new Error(`n8n ${version} is not installed yet: run installN8n() or \`npx tsx scripts/n8n/cli.ts install\`.`);
    const ownedFolder = !options.userFolder;
    const userFolder = options.userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
    fs.mkdirSync(userFolder, { recursive: true });
    const port = options.port ?? (await freePort());
    let brokerPort = options.brokerPort ?? (await freePort());
    while (brokerPort === port) brokerPort = await freePort();
    return new N8nInstance({ ...options, userFolder, port, brokerPort, ownedFolder });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Base of production webhook URLs: `${webhookBaseUrl}webhook/<webhookId>/<path>`. */
  get webhookBaseUrl(): string {
    return this.customWebhookBaseUrl ?? `${this.url}/`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  /** Installs a packed community package (.tgz) into <userFolder>/.n8n/nodes, the folder n8n scans at start. */
  async installCommunityPackage(tarball: string): Promise<PackageInstall> {
    if (this.running) throw new Error('Stop n8n before installing a community package: n8n loads them at start.');
    const nodesDir = path.join(this.userFolder, '.n8n', 'nodes');
    fs.mkdirSync(nodesDir, { recursive: true });
    const manifest = path.join(nodesDir, 'package.json');
    if (!fs.existsSync(manifest)) {
      fs.writeFileSync(manifest, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
    }
    const before = dependencies(manifest);
    // --legacy-peer-deps: the n8n-workflow peer must come from the host, not a second copy in nodes/node_modules.
    await runOrThrow('Installing the community package', 'npm', ['install', '--legacy-peer-deps', '--no-audit', '--no-fund', '--loglevel=error', path.resolve(tarball)], {
      cwd: nodesDir,
    });
    const added = Object.keys(dependencies(manifest)).find((name) => before[name] === undefined) ?? Object.keys(dependencies(manifest))[0];
    if (!added) throw new Error(`npm installed ${tarball} but ${manifest} lists no package.`);
    const installed = JSON.parse(fs.readFileSync(path.join(nodesDir, 'node_modules', added, 'package.json'), 'utf8')) as { version: string };
    this.log(`Installed community package ${added}@${installed.version} into ${nodesDir}.`);
    return { name: added, version: installed.version };
  }

  /**
   * Starts n8n and resolves once /healthz/readiness answers 200 and the command's ready line is logged (main: database
   * migrated, workflows activated; webhook process: listening; worker: taking jobs).
   * `env` adds variables for this start only (e.g. N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false for 1.x-style activation).
   */
  async start(options: { env?: Record<string, string> } = {}): Promise<{ seconds: number }> {
    if (this.child) throw new Error(`n8n is already running (PID ${this.child.pid}).`);
    if (!this.runLockHeldByCaller) this.releaseRunLock ??= await acquireN8nRunLock(this.log);
    const started = Date.now();
    const out = fs.openSync(this.logFile, 'a');
    fs.writeSync(out, `\n=== n8n ${this.version} ${this.command} starting at ${new Date().toISOString()} on ${this.url} ===\n`);
    this.logOffset = fs.fstatSync(out).size;
    const preload = this.answersFile ? ['--require', ANSWER_LOG_PRELOAD] : [];
    const child = spawn(node24Bin, [...preload, n8nEntry(this.version), this.command], {
      cwd: this.userFolder,
      env: { ...this.environment(), ...options.env },
      stdio: ['ignore', out, out],
      detached: this.detached,
    });
    fs.closeSync(out);
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.once('exit', () => {
      if (this.child === child) this.child = undefined;
    });
    processesToStop.add(child);
    this.exited.then(() => processesToStop.delete(child));
    this.log(`Starting n8n ${this.version} ${this.command} (PID ${child.pid}) on ${this.url}; log: ${this.logFile}`);

    try {
      await this.waitUntilReady(child);
    } catch (error) {
      await this.stop();
      throw error;
    }
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    this.log(`n8n ${this.command} is ready after ${seconds} s.`);
    return { seconds };
  }

  /** SIGTERM to the PID we started, then waits for it to exit (n8n stops its task runner itself). */
  async stop(options: { keepRunLock?: boolean } = {}): Promise<void> {
    await this.stopProcess();
    // A test that stops n8n for a while (deliveries failing meanwhile) and starts it again keeps its turn.
    if (!options.keepRunLock) this.unlock();
  }

  /**
   * SIGKILL now, without waiting: for a caller that must exit at once. A detached n8n is killed with its whole process
   * group, so its task runner goes too.
   */
  killNow(): void {
    const pid = this.child?.pid;
    if (!pid) return;
    try {
      process.kill(this.detached ? -pid : pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }

  private async stopProcess(): Promise<void> {
    const child = this.child;
    if (!child || !this.exited) return;
    const exited = this.exited;
    child.kill('SIGTERM');
    const timedOut = await Promise.race([exited.then(() => false), sleep(STOP_TIMEOUT_MS).then(() => true)]);
    if (timedOut) {
      this.log(`n8n (PID ${child.pid}) did not exit ${STOP_TIMEOUT_MS / 1000} s after SIGTERM; sending SIGKILL.`);
      this.killNow();
      await exited;
    }
    this.child = undefined;
    this.log(`n8n ${this.command} (PID ${child.pid}) stopped.`);
  }

  private unlock(): void {
    if (!this.releaseRunLock) return;
    this.releaseRunLock();
    this.releaseRunLock = undefined;
  }

  /** Stop, then start again with the same user folder, ports and owner (keeping the one-n8n-at-a-time lock). */
  async restart(options: { env?: Record<string, string> } = {}): Promise<{ seconds: number }> {
    await this.stopProcess();
    return this.start(options);
  }

  /** Stops n8n and removes the user folder if this instance created it. */
  async dispose(options: { keepFolder?: boolean } = {}): Promise<void> {
    await this.stop();
    if (this.ownedFolder && !options.keepFolder) fs.rmSync(this.userFolder, { recursive: true, force: true });
  }

  /** What n8n has logged since its current (or last) start. */
  logSinceStart(): string {
    try {
      const fd = fs.openSync(this.logFile, 'r');
      try {
        const size = fs.fstatSync(fd).size;
        const buffer = Buffer.alloc(Math.max(0, size - this.logOffset));
        fs.readSync(fd, buffer, 0, buffer.length, this.logOffset);
        return buffer.toString('utf8');
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      return '';
    }
  }

  /** The last lines of n8n's log (for failure messages). */
  logTail(lines = 40): string {
    try {
      return fs.readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log yet)';
    }
  }

  private environment(): NodeJS.ProcessEnv {
    const base = node24Env();
    for (const key of Object.keys(base)) {
      // no settings leak in from the caller's shell
      if (/^(N8N_|DB_|QUEUE_|EXECUTIONS_)/.test(key) || key === 'WEBHOOK_URL') delete base[key];
    }
    return {
      ...base,
      NODE_ENV: 'production',
      N8N_USER_FOLDER: this.userFolder,
      N8N_LISTEN_ADDRESS: '127.0.0.1',
      N8N_HOST: '127.0.0.1',
      N8N_PROTOCOL: 'http',
      N8N_PORT: String(this.port),
      N8N_WEBHOOK_URL: this.webhookBaseUrl,
      N8N_EDITOR_BASE_URL: `${this.url}/`,
      N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
      N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
      N8N_ENCRYPTION_KEY: this.encryptionKey,
      N8N_SECURE_COOKIE: 'false',
      N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
      N8N_INSTANCE_OWNER_EMAIL: this.owner.email,
      N8N_INSTANCE_OWNER_FIRST_NAME: this.owner.firstName,
      N8N_INSTANCE_OWNER_LAST_NAME: this.owner.lastName,
      N8N_INSTANCE_OWNER_PASSWORD_HASH: this.passwordHash(),
      // Nothing leaves the machine: no telemetry, version checks, templates or MCP registry sync.
      N8N_DIAGNOSTICS_ENABLED: 'false',
      N8N_PERSONALIZATION_ENABLED: 'false',
      N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
      N8N_TEMPLATES_ENABLED: 'false',
      N8N_DISABLED_MODULES: 'mcp-registry',
      N8N_UNVERIFIED_PACKAGES_ENABLED: 'true', // community packages from outside n8n's verified list (ours, before verification)
      N8N_LOG_LEVEL: 'info',
      N8N_LOG_OUTPUT: 'console',
      // A worker's only HTTP server is its health check (default port 5678 on every address): on our port, on loopback.
      ...(this.command === 'worker'
        ? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(this.port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' }
        : {}),
      ...(this.answersFile ? { [ANSWER_LOG_ENV]: this.answersFile } : {}),
      ...this.extraEnv,
    };
  }

  private passwordHash(): string {
    // bcryptjs ships inside n8n's install: no extra dependency for the repo.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bcrypt = require(cacheModule('bcryptjs', this.version)) as { hashSync(password: string, rounds: number): string };
    this.passwordHashCache ??= bcrypt.hashSync(this.owner.password, 10);
    return this.passwordHashCache;
  }

  private async waitUntilReady(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let exitCode: number | null | undefined;
    child.once('exit', (code) => {
      exitCode = code;
    });
    // /healthz answers before the database is migrated; /healthz/readiness waits for that, but not for the activation
    // of published workflows, which n8n runs after its HTTP server is up (with N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false
    // that is where checkExists/create run). n8n prints the editor URL once all of that is done (READY_LINE).
    while (Date.now() < deadline) {
      if (exitCode !== undefined) {
        throw new Error(`n8n exited with code ${exitCode} before it was ready. Last log lines (${this.logFile}):\n${this.logTail()}`);
      }
      try {
        const response = await fetch(`${this.url}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
        if (response.status === 200 && this.logSinceStart().includes(READY_LINE[this.command])) return;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error(`n8n was not ready within ${READY_TIMEOUT_MS / 1000} s. Last log lines (${this.logFile}):\n${this.logTail()}`);
  }
}

function dependencies(manifest: string): Record<string, string> {
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {};
}

function readOrCreateKey(file: string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const key = randomBytes(24).toString('hex');
  fs.writeFileSync(file, key, { mode: 0o600 });
  return key;
}

/** A port the OS says is free on loopback right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** If the harness's process exits without stopping n8n (a crash, Ctrl-C), take the n8n processes we started with it. */
const processesToStop = new Set<ChildProcess>();
const runLocksToRelease = new Set<() => void>();
process.once('exit', () => {
  for (const child of processesToStop) child.kill('SIGTERM');
  for (const release of runLocksToRelease) release();
});
