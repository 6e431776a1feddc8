/**
 * The setup every real-n8n reliability suite shares: a Distribu sandbox on loopback, a real n8n with the packed
 * n8n-nodes-distribu installed as a community package, a logged-in client with a public-API key, and a Distribu
 * credential holding the sandbox's key. dispose() stops what it started (n8n by its PID) and removes its folders.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Sandbox, startSandbox } from '../../sandbox/src';
import { SandboxClient } from '../../sandbox/src/client';
import { type Credential, N8nClient, type Workflow } from './api';
import { DISTRIBU_CREDENTIAL_TYPE, TRIGGER_NODE_NAME, distribuWorkflow, productionWebhookUrl, testWebhookUrl } from './distribu-workflow';
import { installN8n } from './install';
import { type Log, defaultLog } from './log';
import { N8nInstance } from './instance';
import { type PackedNode, packN8nNode } from './pack-node';
import { repoRoot } from './paths';
import { QueueCluster } from './queue';

export interface N8nRigOptions {
  /** Short name for the temp folder and the kept log (`.cache/<name>-last.log`). */
  name: string;
  log?: Log;
  /** Extra environment for n8n (e.g. N8N_LOG_LEVEL=debug). Never set to change the defaults under test. */
  n8nEnv?: Record<string, string>;
  /**
   * How long the sandbox waits for n8n's answer to a delivery (Distribu: 10 s). Raised by default: on a starved
   * 2-core machine a first answer can take seconds, and tests assert outcomes, not timings.
   */
  deliveryTimeoutMs?: number;
  /**
   * n8n in queue mode (PostgreSQL, Redis, main + webhook processes + a worker: scripts/n8n/queue.ts) instead of one
   * n8n: `n8n` is then the main process, and production webhook URLs name the first webhook process.
   */
  queue?: { webhookProcesses: number; recordAnswers?: boolean };
}

export interface PublishedTrigger {
  workflow: Workflow;
  webhookId: string;
  productionUrl: string;
  testUrl: string;
}

export class N8nRig {
  readonly controls: SandboxClient;
  /** The sandbox's REST API with its full-scope key (what a user would do by hand in Distribu). */
  readonly distribu: SandboxClient;

  private constructor(
    readonly name: string,
    readonly workDir: string,
    readonly sandbox: Sandbox,
    readonly n8n: N8nInstance,
    readonly api: N8nClient,
    readonly credential: Credential,
    readonly apiKey: string,
    readonly packed: PackedNode,
    private readonly log: Log,
    /** Set in queue mode: every process, the database and Redis. */
    readonly cluster?: QueueCluster,
  ) {
    this.controls = new SandboxClient(sandbox.url);
    this.distribu = new SandboxClient(sandbox.url, sandbox.apiKey);
  }

  static async start(options: N8nRigOptions): Promise<N8nRig> {
    const log = options.log ?? defaultLog;
    await installN8n({ log });
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `distribu-${options.name}-`));
    let sandbox: Sandbox | undefined;
    let n8n: N8nInstance | undefined;
    let cluster: QueueCluster | undefined;
    try {
      const packed = await packN8nNode({ destination: workDir, log });
      sandbox = await startSandbox({ port: 0, seed: true });
      await new SandboxClient(sandbox.url).setDeliveryTimeout(options.deliveryTimeoutMs ?? 60_000);
      if (options.queue) {
        cluster = await QueueCluster.start({ workDir, tarball: packed.tarball, webhookProcesses: options.queue.webhookProcesses, recordAnswers: options.queue.recordAnswers, env: options.n8nEnv, log });
        n8n = cluster.main;
      } else {
        n8n = await N8nInstance.create({ userFolder: path.join(workDir, 'n8n'), log, env: options.n8nEnv });
        await n8n.installCommunityPackage(packed.tarball);
        await n8n.start();
      }
      const api = new N8nClient(n8n.url);
      await api.login(n8n.owner.email, n8n.owner.password);
      const apiKey = await api.createApiKey(`distribu-${options.name}`);
      const credential = await api.createCredential({
        name: 'Distribu sandbox',
        type: DISTRIBU_CREDENTIAL_TYPE,
        data: { apiKey: sandbox.apiKey, baseUrl: sandbox.url },
      });
      return new N8nRig(options.name, workDir, sandbox, n8n, api, credential, apiKey, packed, log, cluster);
    } catch (error) {
      if (cluster) await cluster.stop().catch(() => undefined);
      else await n8n?.stop().catch(() => undefined);
      await sandbox?.close().catch(() => undefined);
      fs.rmSync(workDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Creates a Distribu Trigger -> No Operation workflow and publishes it; resolves once its trigger is activated. */
  async publishTrigger(input: { name: string; events: string[]; options?: Record<string, unknown> }): Promise<PublishedTrigger> {
    const built = distribuWorkflow({ ...input, credential: this.credential });
    const workflow = await this.api.createWorkflow(built.definition);
    await this.api.publish(workflow.id);
    await this.api.waitUntilPublished(workflow.id);
    return {
      workflow,
      webhookId: built.webhookId,
      productionUrl: productionWebhookUrl(this.n8n.webhookBaseUrl, built.webhookId),
      testUrl: testWebhookUrl(this.n8n.webhookBaseUrl, built.webhookId),
    };
  }

  /**
   * The trigger's stored webhook id and signing secret, read from the workflow's static data through n8n's public API.
   * That API returns static data (the secret included) to any key with workflow:read: a documented n8n behaviour.
   */
  async storedState(workflowId: string): Promise<{ webhookId?: string; webhookSecret?: string }> {
    const workflow = await this.api.getWorkflow(workflowId);
    return (workflow.staticData?.[`node:${TRIGGER_NODE_NAME}`] ?? {}) as { webhookId?: string; webhookSecret?: string };
  }

  /** Restarts n8n (same folder and ports) and logs in again. Returns the seconds to ready. */
  async restartN8n(env?: Record<string, string>): Promise<number> {
    const { seconds } = await this.n8n.restart({ env });
    await this.api.login(this.n8n.owner.email, this.n8n.owner.password);
    return seconds;
  }

  /** n8n's whole output (stdout and stderr of every start) so far. */
  n8nLog(): string {
    return fs.existsSync(this.n8n.logFile) ? fs.readFileSync(this.n8n.logFile, 'utf8') : '';
  }

  async dispose(): Promise<void> {
    const problems: unknown[] = [];
    const step = async (task: () => unknown) => {
      try {
        await task();
      } catch (error) {
        problems.push(error);
      }
    };
    await step(() => {
      if (this.cluster) return this.cluster.keepLogs(path.join(repoRoot, '.cache'), `${this.name}-last`);
      if (!fs.existsSync(this.n8n.logFile)) return;
      fs.mkdirSync(path.join(repoRoot, '.cache'), { recursive: true });
      fs.copyFileSync(this.n8n.logFile, path.join(repoRoot, '.cache', `${this.name}-last.log`));
    });
    await step(() => (this.cluster ? this.cluster.stop() : this.n8n.stop()));
    await step(() => this.sandbox.close());
    await step(() => fs.rmSync(this.workDir, { recursive: true, force: true }));
    this.log(`n8n log${this.cluster ? 's' : ''} kept in .cache/${this.name}-last${this.cluster ? '-<process>' : ''}.log`);
    if (problems.length > 0) throw new AggregateError(problems, `Cleaning up the ${this.name} rig failed`);
  }
}
