// The Orisha Commerce Trigger workflow the Orisha suites and the n8n benchmark publish: the trigger, then a No Operation.

export const ORISHA_PACKAGE = 'n8n-nodes-orisha-commerce';
export const ORISHA_TRIGGER = 'Orisha Commerce Trigger';

/** A workflow Orisha Commerce Trigger → No Operation (the trigger's options as given; n8n's defaults otherwise). */
export function orishaTriggerWorkflow(name: string, webhookId: string, credential: { id: string; name: string }, parameters: { events: string[]; options?: Record<string, unknown> }) {
  return {
    name,
    nodes: [
      {
        name: ORISHA_TRIGGER,
        type: `${ORISHA_PACKAGE}.orishaCommerceTrigger`,
        typeVersion: 2,
        position: [0, 0] as [number, number],
        webhookId,
        parameters: { events: parameters.events, options: parameters.options ?? {} },
        credentials: { orishaCommerceApi: credential },
      },
      { name: 'No Operation', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0] as [number, number], parameters: {} },
    ],
    connections: { [ORISHA_TRIGGER]: { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] } },
    settings: { executionOrder: 'v1' },
  };
}
