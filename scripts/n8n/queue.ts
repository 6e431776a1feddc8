/**
 * n8n in queue mode on loopback (https://docs.n8n.io/hosting/scaling/queue-mode/): a throw-away PostgreSQL and Redis,
 * one main process (editor, API, workflow activation), N webhook processes (`n8n webhook`: production webhooks only)
 * and one worker (`n8n worker`: runs the queued executions). Every process has its own user folder with its own
 * install of the same packed community package, its own HTTP and task-runner broker ports, and the same encryption
 * key, database and Redis. The whole cluster counts as one run for the one-n8n-at-a-time lock.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Postgres, startPostgres } from '../services/postgres';
import { type Redis, startRedis } from '../services/redis';
import { type Log, defaultLog } from './log';
import { N8nInstance, acquireN8nRunLock } from './instance';

export interface QueueClusterOptions {
  /** Parent folder of the processes' user folders (`main`, `webhook-1`, ..., `worker`). */
  workDir: string;
  /** The packed n8n-nodes-distribu, installed into every process's user folder. */
  tarball: string;
  /** Default 1. */
  webhookProcesses?: number;
  /** The webhook processes record which requests they answered (N8nInstance's `recordAnswers`). */
  recordAnswers?: boolean;
  /** Extra environment for every process. */
  env?: Record<string, string>;
  log?: Log;
}

export class QueueCluster {
  private constructor(
    readonly postgres: Postgres,
    readonly redis: Redis,
    readonly main: N8nInstance,
    readonly webhooks: N8nInstance[],
    readonly worker: N8nInstance,
    private readonly releaseRunLock: () => void,
    private readonly log: Log,
  ) {}

  /** Every n8n process, main first. */
  get processes(): N8nInstance[] {
    return [this.main, ...this.webhooks, this.worker];
  }

  static async start(options: QueueClusterOptions): Promise<QueueCluster> {
    const log = options.log ?? defaultLog;
    const count = options.webhookProcesses ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new Error('A queue-mode cluster needs at least one webhook process.');
    const releaseRunLock = await acquireN8nRunLock(log);
    let postgres: Postgres | undefined;
    let redis: Redis | undefined;
    const started: N8nInstance[] = [];
    try {
      postgres = await startPostgres();
      redis = await startRedis();
      log(`PostgreSQL ${postgres.version} (PID ${postgres.pid}) on 127.0.0.1:${postgres.port}, Redis (PID ${redis.pid}) on 127.0.0.1:${redis.port}.`);
      const env = { ...queueEnvironment(postgres, redis), ...options.env };
      const encryptionKey = randomBytes(24).toString('hex');
      const common = { encryptionKey, runLockHeldByCaller: true, log, env };
      const folder = (name: string) => path.join(options.workDir, name);
      const webhooks: N8nInstance[] = [];
      for (let i = 1; i <= count; i++) {
        webhooks.push(await N8nInstance.create({ ...common, command: 'webhook', userFolder: folder(`webhook-${i}`), recordAnswers: options.recordAnswers }));
      }
      // Production webhook URLs (what the trigger registers in Distribu) name the first webhook process; with more than
      // one, an operator puts a load balancer at that address.
      const main = await N8nInstance.create({ ...common, command: 'start', userFolder: folder('main'), webhookBaseUrl: webhooks[0]!.webhookBaseUrl });
      const worker = await N8nInstance.create({ ...common, command: 'worker', userFolder: folder('worker') });
      for (const instance of [main, ...webhooks, worker]) await instance.installCommunityPackage(options.tarball);
      // The main process creates the schema; the others start once it is migrated.
      started.push(main);
      await main.start();
      for (const instance of [worker, ...webhooks]) {
        started.push(instance);
        await instance.start();
      }
      return new QueueCluster(postgres, redis, main, webhooks, worker, releaseRunLock, log);
    } catch (error) {
      for (const instance of started.reverse()) await instance.stop().catch(() => undefined);
      await redis?.stop().catch(() => undefined);
      await postgres?.stop().catch(() => undefined);
      releaseRunLock();
      throw error;
    }
  }

  /**
   * Copies every process's log to `<dir>/<prefix>-<role>.log`, and a webhook process's recorded answers to
   * `<prefix>-<role>-answers.log` (kept after stop() removes the folders).
   */
  keepLogs(dir: string, prefix: string): void {
    fs.mkdirSync(dir, { recursive: true });
    for (const instance of this.processes) {
      const name = `${prefix}-${path.basename(instance.userFolder)}`;
      if (fs.existsSync(instance.logFile)) fs.copyFileSync(instance.logFile, path.join(dir, `${name}.log`));
      if (instance.answersFile && fs.existsSync(instance.answersFile)) fs.copyFileSync(instance.answersFile, path.join(dir, `${name}-answers.log`));
    }
  }

  /** Stops the webhook processes, the worker and the main process (each by its PID), then Redis and PostgreSQL. */
  async stop(): Promise<void> {
    const problems: unknown[] = [];
    for (const instance of [...this.webhooks, this.worker, this.main]) await instance.stop().catch((error: unknown) => problems.push(error));
    await this.redis.stop().catch((error: unknown) => problems.push(error));
    await this.postgres.stop().catch((error: unknown) => problems.push(error));
    this.releaseRunLock();
    this.log('Queue-mode cluster stopped.');
    if (problems.length > 0) throw new AggregateError(problems, 'Stopping the queue-mode cluster failed');
  }
}

/** The settings every process of the cluster shares (n8n 2.40.7's @n8n/config names). */
function queueEnvironment(postgres: Postgres, redis: Redis): Record<string, string> {
  return {
    EXECUTIONS_MODE: 'queue',
    DB_TYPE: 'postgresdb',
    DB_POSTGRESDB_HOST: postgres.host,
    DB_POSTGRESDB_PORT: String(postgres.port),
    DB_POSTGRESDB_USER: postgres.user,
    DB_POSTGRESDB_PASSWORD: postgres.password,
    DB_POSTGRESDB_DATABASE: postgres.database,
    QUEUE_BULL_REDIS_HOST: redis.host,
    QUEUE_BULL_REDIS_PORT: String(redis.port),
    QUEUE_BULL_REDIS_PASSWORD: redis.password,
    // Production webhooks are served by the webhook processes only; the main process keeps the editor, the API,
    // test webhooks and the activation of triggers (where the Distribu Trigger creates its webhook and secret).
    N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
  };
}
