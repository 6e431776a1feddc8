import path from 'node:path';
import { events, type TriggerItem } from '@distribu/shared/runtime';
import { type Execution, N8nClient } from '../scripts/n8n/api';
import { DISTRIBU_CREDENTIAL_TYPE, DISTRIBU_PACKAGE, distribuWorkflow, triggerItems } from '../scripts/n8n/distribu-workflow';
import { installN8n, type Log } from '../scripts/n8n/install';
import { N8nInstance } from '../scripts/n8n/instance';
import { packN8nNode, packProviderPackage } from '../scripts/n8n/pack-node';
import { CONFIRM_FLOW, confirmNewOrdersWorkflow, nodeRun } from '../scripts/n8n/action-workflows';
import { pollUntil } from '../scripts/wait';
import type { ActingN8n } from './actions';
import type { Dist0N8n } from './dist0';
import type { PollingN8n } from './polling';

const POLLER = 'Distribu Polling Trigger';

/** New Order through the Distribu Polling Trigger, every minute (n8n's shortest Poll Time). */
function pollingWorkflow(credential: { id: string; name: string }) {
  return {
    name: 'Distribu: new orders, polled',
    nodes: [
      {
        name: POLLER,
        type: `${DISTRIBU_PACKAGE}.distribuPollTrigger`,
        typeVersion: 1,
        position: [0, 0] as [number, number],
        parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, event: 'order.created', options: {} },
        credentials: { [DISTRIBU_CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
      },
      { name: 'No Operation', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0] as [number, number], parameters: {} },
    ],
    connections: { [POLLER]: { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] } },
    settings: { executionOrder: 'v1' },
  };
}

export interface N8nResult {
  executions: Array<{ id: string; item: TriggerItem }>;
}

/**
 * The n8n half of the demo: a real n8n 2.x on loopback with n8n-nodes-distribu installed from its
 * packed tarball, one published workflow on all twelve events and, for the write side, a second one
 * made of Distribu nodes only (new order → find customer → confirm order).
 *
 * Everything it writes goes into `work` (the caller's temp folder, which the caller removes). n8n runs
 * detached from the terminal, so Ctrl-C reaches only the demo, which unpublishes the workflows before
 * it stops n8n; `created` hands the caller the instance as soon as it exists, for a cut-short exit.
 */
export async function startN8nSide(
  sandbox: { url: string; apiKey: string },
  options: { port?: number; log: Log; work: string; created(n8n: N8nInstance): void },
) {
  const { log, work } = options;
  await installN8n({ log });
  log('Building and packing n8n-nodes-distribu...');
  const packed = await packN8nNode({ destination: work, log });
  // n8n-nodes-dist0 too, for the dist0 section (demo/dist0.ts).
  const dist0Packed = await packProviderPackage('dist0', { destination: work, log });
  const n8n = await N8nInstance.create({
    port: options.port,
    userFolder: path.join(work, 'n8n'),
    detached: true,
    log,
    owner: { email: 'demo@distribu.example', firstName: 'Demo', lastName: 'Owner' },
  });
  options.created(n8n);
  await n8n.installCommunityPackage(packed.tarball);
  await n8n.installCommunityPackage(dist0Packed.tarball);
  log(`Starting n8n on ${n8n.url} (about 10 s)...`);
  await n8n.start();
  try {
    const client = new N8nClient(n8n.url);
    await client.login(n8n.owner.email, n8n.owner.password);
    client.useApiKey(await client.createApiKey('distribu-demo'));
    const credential = await client.createCredential({ name: 'Distribu sandbox', type: DISTRIBU_CREDENTIAL_TYPE, data: { apiKey: sandbox.apiKey, baseUrl: sandbox.url } });
    const { definition } = distribuWorkflow({ name: 'Distribu: all events', events: events.map((e) => e.name), credential });
    const workflow = await client.createWorkflow(definition);
    await client.publish(workflow.id);
    await client.waitUntilPublished(workflow.id);
    const published = [workflow.id];

    // The Distribu Polling Trigger on New Order; its first poll (on publishing) is its baseline.
    const poller = await client.createWorkflow(pollingWorkflow(credential));
    await client.publish(poller.id);
    await client.waitUntilPublished(poller.id);
    published.push(poller.id);
    const polling: PollingN8n = {
      stop: () => n8n.stop(),
      async start() {
        const { seconds } = await n8n.start();
        await client.login(n8n.owner.email, n8n.owner.password);
        return seconds;
      },
      async polledOrderIds() {
        const executions = await client.listExecutions(poller.id, { includeData: true });
        return executions.flatMap((e) => (e.data?.resultData?.runData?.[POLLER] ?? []).flatMap((run) => (run.data?.main?.[0] ?? []).map((item) => String(item.json.orderId))));
      },
    };

    let confirmFlowId: string | undefined;
    const acting: ActingN8n = {
      async publishConfirmFlow() {
        const flow = await client.createWorkflow(confirmNewOrdersWorkflow(credential));
        await client.publish(flow.id);
        await client.waitUntilPublished(flow.id);
        published.push(flow.id);
        confirmFlowId = flow.id;
      },
      async confirmFlowRun() {
        const flowId = confirmFlowId;
        if (!flowId) return {};
        const finished = (e: Execution | undefined): e is Execution => !!e && e.status !== 'running' && e.status !== 'new';
        const [execution] = await pollUntil(() => client.listExecutions(flowId, { includeData: true }), ([e]) => finished(e), 30_000);
        if (!finished(execution)) return {};
        const email = nodeRun(execution, CONFIRM_FLOW.find).items[0]?.email;
        const status = nodeRun(execution, CONFIRM_FLOW.confirm).items[0]?.status;
        return { customerEmail: email as string | undefined, confirmedStatus: status as string | undefined };
      },
    };

    const dist0: Dist0N8n = { api: client, webhookBaseUrl: n8n.webhookBaseUrl, adopt: (id) => published.push(id) };

    return {
      acting,
      polling,
      dist0,
      url: n8n.url,
      owner: n8n.owner,
      workflowUrl: `${n8n.url}/workflow/${workflow.id}`,
      async results(expected: number, timeoutMs = 30_000): Promise<N8nResult> {
        // Executions are saved asynchronously after each 200: wait until all have landed.
        const executions = await pollUntil(() => client.listExecutions(workflow.id, { includeData: true }), (list) => list.length >= expected, timeoutMs);
        return { executions: executions.map((e) => ({ id: String(e.id), item: triggerItems(e)[0] as TriggerItem })) };
      },
      /** Unpublishes every workflow (each trigger deletes its webhook), then stops n8n; resolves with how many it unpublished. */
      async stop(): Promise<number> {
        for (const id of published) {
          await client.unpublish(id);
          await client.waitUntilUnpublished(id);
        }
        await n8n.dispose();
        return published.length;
      },
    };
  } catch (error) {
    await n8n.dispose();
    throw error;
  }
}
