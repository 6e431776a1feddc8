/** The workflow the tests and the demo publish: Distribu Trigger on some events -> No Operation. */
import { randomUUID } from 'node:crypto';
import type { Credential, Execution, WorkflowDefinition } from './api';

/** Names fixed by the n8n-nodes-distribu package. */
export const DISTRIBU_PACKAGE = 'n8n-nodes-distribu';
export const DISTRIBU_TRIGGER_TYPE = `${DISTRIBU_PACKAGE}.distribuTrigger`;
export const DISTRIBU_TRIGGER_VERSION = 2;
export const DISTRIBU_CREDENTIAL_TYPE = 'distribuApi';
export const TRIGGER_NODE_NAME = 'Distribu Trigger';
export const NOOP_NODE_NAME = 'No Operation';

export interface DistribuWorkflowInput {
  name?: string;
  events: string[];
  credential: Pick<Credential, 'id' | 'name'>;
  /** Fixes the webhook URL: `<base>webhook/<webhookId>/webhook`. Default: a new UUID. */
  webhookId?: string;
  options?: Record<string, unknown>;
}

export function distribuWorkflow(input: DistribuWorkflowInput): { definition: WorkflowDefinition; webhookId: string } {
  const webhookId = input.webhookId ?? randomUUID();
  const definition: WorkflowDefinition = {
    name: input.name ?? 'Distribu events',
    nodes: [
      {
        name: TRIGGER_NODE_NAME,
        type: DISTRIBU_TRIGGER_TYPE,
        typeVersion: DISTRIBU_TRIGGER_VERSION,
        position: [0, 0],
        webhookId,
        parameters: { events: input.events, options: input.options ?? {} },
        credentials: { [DISTRIBU_CREDENTIAL_TYPE]: { id: input.credential.id, name: input.credential.name } },
      },
      { name: NOOP_NODE_NAME, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
    ],
    connections: { [TRIGGER_NODE_NAME]: { main: [[{ node: NOOP_NODE_NAME, type: 'main', index: 0 }]] } },
    settings: { executionOrder: 'v1' },
  };
  return { definition, webhookId };
}

/** Where n8n serves a production webhook of the trigger (the node's webhook path is `webhook`). */
export function productionWebhookUrl(webhookBaseUrl: string, webhookId: string): string {
  return `${webhookBaseUrl}webhook/${webhookId}/webhook`;
}

export function testWebhookUrl(webhookBaseUrl: string, webhookId: string): string {
  return `${webhookBaseUrl}webhook-test/${webhookId}/webhook`;
}

/** The items the Distribu Trigger emitted in one execution (read with `includeData`). */
export function triggerItems(execution: Execution): Array<Record<string, unknown>> {
  const runs = execution.data?.resultData?.runData?.[TRIGGER_NODE_NAME] ?? [];
  return runs.flatMap((run) => run.data?.main?.[0] ?? []).map((item) => item.json);
}
