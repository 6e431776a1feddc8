import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { TRIGGER_ACTIVATION_MESSAGE } from '../shared/editor-texts';
import { eventsSubtitle, NODE_VERSION, properties } from './description';
import { CREDENTIAL_NAME } from '../shared/transport';
import { distribuHost } from '@distribu/shared/providers/distribu';
import { webhookTrigger } from '../../src/trigger/webhook-trigger';
import { finishRotation, healRotation } from './rotation';
import { checkExists, create, deleteWebhook } from './webhook-lifecycle';

/**
 * The trigger every provider shares (n8n-node/src/trigger), with Distribu's own webhook methods (they
 * also repair a webhook changed in Distribu's dashboard) and its rotation handling (rotation.ts).
 */
const methods = { checkExists, create, delete: deleteWebhook };
const trigger = webhookTrigger(distribuHost, { methods, hooks: { heal: healRotation, settle: finishRotation } });

export class DistribuTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Distribu Trigger',
		name: 'distribuTrigger',
		icon: { light: 'file:../../icons/distribu.svg', dark: 'file:../../icons/distribu.dark.svg' },
		group: ['trigger'],
		version: NODE_VERSION,
		subtitle: eventsSubtitle(),
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
				// The node registers this URL in Distribu itself: showing it would suggest pasting it there.
				ndvHideUrl: true,
			},
		],
		eventTriggerDescription: 'Waiting for you to cause one of the selected events in Distribu',
		activationMessage: TRIGGER_ACTIVATION_MESSAGE,
		properties,
	};

	webhookMethods = { default: methods };

	webhook = trigger.webhook;
}
