/**
 * The do-nothing community trigger of benchmark 4: what any community webhook trigger costs in n8n, with no work of
 * its own. Declared like the Distribu Trigger (typeVersion 2, POST, answer on receipt with no data, no expression in
 * its webhook description); `webhook()` emits the parsed body as one item without any check. It accepts an optional
 * credential it never reads: a workflow that attaches one shows what n8n charges per execution for a credential on the
 * trigger (the Distribu Trigger needs its API key to register the webhook). Compiled and packed as a community package
 * by `noop-trigger-package.ts`; type imports only, so the compiled file needs nothing at run time.
 */
import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

export class NoopTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Noop Trigger (bench)',
    name: 'noopTrigger',
    group: ['trigger'],
    version: 2,
    description: 'Emits every POST body as one item, unchecked',
    defaults: { name: 'Noop Trigger' },
    inputs: [],
    outputs: ['main'],
    credentials: [{ name: 'httpHeaderAuth', required: false }],
    webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'webhook' }],
    properties: [],
  };

  async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
    return { workflowData: [this.helpers.returnJsonArray([this.getBodyData()])] };
  }
}
