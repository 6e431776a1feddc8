import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { WEBHOOK_CAP } from '@distribu/shared/runtime';
import { NODE_VERSION, properties } from './description';
import { CREDENTIAL_NAME } from '../shared/transport';
import { handleDelivery } from './webhook';
import { checkExists, create, deleteWebhook } from './webhook-lifecycle';

export class DistribuTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Distribu Trigger',
		name: 'distribuTrigger',
		icon: { light: 'file:../../icons/distribu.svg', dark: 'file:../../icons/distribu.dark.svg' },
		group: ['trigger'],
		version: NODE_VERSION,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description: 'Starts the workflow when Distribu sends one of the selected events (verified by signature)',
		defaults: {
			name: 'Distribu Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: CREDENTIAL_NAME,
				required: true,
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// An empty 200: Distribu only looks at the status.
				responseData: 'noData',
				path: 'webhook',
			},
		],
		eventTriggerDescription: 'Waiting for you to cause one of the selected events in Distribu',
		// n8n's editor shows this as soon as the publish request returns, while the webhook is still
		// being registered with Distribu (publication runs in the background): promise nothing yet.
		activationMessage:
			`n8n is now registering this workflow with Distribu. Once that finishes, Distribu sends the selected events here; if it fails (for example, all ${WEBHOOK_CAP} webhooks in use), the workflow shows the error.`,
		properties,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteWebhook.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this);
	}
}
