/**
 * Workflows of the Distribu action node for the real-n8n suites and the demo: a chain of nodes started by n8n's own Webhook node
 * (published, so a POST runs it in production mode and answers with the last node's items), and readers for what
 * each node emitted in the saved execution.
 */
import { randomUUID } from 'node:crypto';
import type { Credential, Execution, WorkflowDefinition, WorkflowNode } from './api';
import { DISTRIBU_CREDENTIAL_TYPE, DISTRIBU_PACKAGE, distribuWorkflow, TRIGGER_NODE_NAME } from './distribu-workflow';

export const DISTRIBU_ACTION_TYPE = `${DISTRIBU_PACKAGE}.distribu`;
/** The tool variant n8n derives from a node with `usableAsTool`. */
export const DISTRIBU_TOOL_TYPE = `${DISTRIBU_PACKAGE}.distribuTool`;
export const START_NODE_NAME = 'Start';

export interface StepInput {
  name: string;
  parameters: Record<string, unknown>;
  /** n8n's "On Error" setting: `continueRegularOutput` is the node's Continue On Fail. */
  onError?: 'stopWorkflow' | 'continueRegularOutput';
  credential?: Pick<Credential, 'id' | 'name'>;
}

/** A resource locator value as the editor stores it. */
export function locator(value: string, mode: 'list' | 'id' | 'url' = 'id') {
  return { __rl: true, mode, value };
}

/** One Distribu action node, as the editor saves it. */
export function distribuStep(step: StepInput, credential: Pick<Credential, 'id' | 'name'>, position: [number, number]): WorkflowNode {
  const node: WorkflowNode & { onError?: string } = {
    name: step.name,
    type: DISTRIBU_ACTION_TYPE,
    typeVersion: 1,
    position,
    parameters: step.parameters,
    credentials: { [DISTRIBU_CREDENTIAL_TYPE]: { id: (step.credential ?? credential).id, name: (step.credential ?? credential).name } },
  };
  if (step.onError) node.onError = step.onError;
  return node;
}

/** Connects nodes one after another on their main output. */
export function chain(nodes: WorkflowNode[]): Record<string, unknown> {
  const connections: Record<string, unknown> = {};
  for (let i = 0; i + 1 < nodes.length; i++) {
    connections[nodes[i]!.name] = { main: [[{ node: nodes[i + 1]!.name, type: 'main', index: 0 }]] };
  }
  return connections;
}

/** n8n's Webhook node at `path` (POST) that answers with the last node's output: every item, or the first one's JSON. */
export function webhookStart(path: string, responseData: 'allEntries' | 'firstEntryJson'): WorkflowNode {
  return {
    name: START_NODE_NAME,
    type: 'n8n-nodes-base.webhook',
    typeVersion: 2,
    position: [0, 0],
    webhookId: path,
    parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData, options: {} },
  };
}

/**
 * Webhook (POST, answers with every item of the last node) → the Distribu steps, in order. Each step has n8n's
 * "Execute Once" on: it runs once, whatever the previous step emitted (Get Many emits one item per record).
 */
export function webhookChain(name: string, steps: StepInput[], credential: Pick<Credential, 'id' | 'name'>): { definition: WorkflowDefinition; path: string } {
  const path = randomUUID();
  const start = webhookStart(path, 'allEntries');
  const nodes = [start, ...steps.map((step, i) => ({ ...distribuStep(step, credential, [240 * (i + 1), 0]), executeOnce: true }))];
  return { definition: { name, nodes, connections: chain(nodes), settings: { executionOrder: 'v1' } }, path };
}

type TaskData = {
  data?: { main?: Array<Array<{ json: Record<string, unknown>; pairedItem?: unknown }> | null> };
  hints?: Array<{ message: string }>;
  error?: { message?: string; description?: string };
};

/** What one node did in an execution: its first run's items, hints and error. */
export function nodeRun(execution: Execution, nodeName: string): { items: Array<Record<string, unknown>>; paired: unknown[]; hints: string[]; error?: string } {
  const runs = (execution.data?.resultData?.runData?.[nodeName] ?? []) as unknown as TaskData[];
  const run = runs[0];
  if (!run) throw new Error(`Node "${nodeName}" did not run in execution ${execution.id}.`);
  const items = run.data?.main?.[0] ?? [];
  return {
    items: items.map((item) => item.json),
    paired: items.map((item) => item.pairedItem),
    hints: (run.hints ?? []).map((hint) => hint.message),
    error: run.error?.message,
  };
}

/** The message of the error that stopped an execution, as n8n saved it. */
export function executionError(execution: Execution): string | undefined {
  return (execution.data?.resultData?.error as { message?: string } | undefined)?.message;
}

/** "New order → find customer → confirm order", built from Distribu nodes only. */
export const CONFIRM_FLOW = { find: 'Find Customer', confirm: 'Confirm Order' } as const;

export function confirmNewOrdersWorkflow(credential: Pick<Credential, 'id' | 'name'>): WorkflowDefinition {
  const built = distribuWorkflow({ name: 'New order: find the customer, confirm the order', events: ['order.created'], credential });
  const trigger = built.definition.nodes[0]!;
  const find = distribuStep({ name: CONFIRM_FLOW.find, parameters: { resource: 'customer', operation: 'get', customerId: locator('={{ $json.customerId }}') } }, credential, [240, 0]);
  const confirm = distribuStep(
    {
      name: CONFIRM_FLOW.confirm,
      parameters: { resource: 'order', operation: 'updateStatus', orderId: locator(`={{ $('${TRIGGER_NODE_NAME}').item.json.orderId }}`), status: 'CONFIRMED' },
    },
    credential,
    [480, 0],
  );
  return {
    name: built.definition.name,
    nodes: [trigger, find, confirm],
    connections: {
      [trigger.name]: { main: [[{ node: find.name, type: 'main', index: 0 }]] },
      [find.name]: { main: [[{ node: confirm.name, type: 'main', index: 0 }]] },
    },
    settings: { executionOrder: 'v1' },
  };
}
