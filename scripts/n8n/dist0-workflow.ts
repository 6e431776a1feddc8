// The dist0 Trigger workflow the demo and the dist0 suites publish: the trigger on signal.created, then a No Operation.
import type { WorkflowDefinition } from './api';

export const DIST0_TRIGGER_NAME = 'dist0 Trigger';

export function dist0TriggerWorkflow(input: {
  name: string;
  credential: { id: string; name: string };
  webhookId: string;
  kinds: string[];
}): WorkflowDefinition {
  return {
    name: input.name,
    nodes: [
      {
        name: DIST0_TRIGGER_NAME,
        type: 'n8n-nodes-dist0.dist0Trigger',
        typeVersion: 2,
        position: [0, 0],
        webhookId: input.webhookId,
        parameters: { events: ['signal.created'], kinds: input.kinds, options: {} },
        credentials: { dist0Api: { id: input.credential.id, name: input.credential.name } },
      },
      { name: 'No Operation', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
    ],
    connections: { [DIST0_TRIGGER_NAME]: { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] } },
    settings: { executionOrder: 'v1' },
  } as WorkflowDefinition;
}
