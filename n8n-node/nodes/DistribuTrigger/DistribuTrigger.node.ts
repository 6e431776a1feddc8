import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { TRIGGER_ACTIVATION_MESSAGE } from '../shared/editor-texts';
import { eventsSubtitle, NODE_VERSION, properties } from './description';
import { CAP_DESCRIPTION, CREDENTIAL_NAME } from '../shared/transport';
import { distribuHost } from '@distribu/shared/providers/distribu';
import { webhookTrigger } from '../../src/trigger/webhook-trigger';

/**
 * The trigger every provider shares (n8n-node/src/trigger): its webhook methods repair a webhook changed in
 * Distribu's dashboard and replace one whose secret was rotated there, from Distribu's host data
 * (shared/src/providers/distribu/host.ts: `subscription.repair`, `repairsUrl`, `rotation`).
 */
const trigger = webhookTrigger(distribuHost, { capDescription: CAP_DESCRIPTION });

export class DistribuTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Distribu Trigger',
		name: 'distribuTrigger',
		icon: { light: 'file:../../icons/distribu.svg', dark: 'file:../../icons/distribu.dark.svg' },
		group: ['trigger'],
		version: NODE_VERSION,
		subtitle: eventsSubtitle(),
		// n8n's node panel merges this trigger with the Distribu node into one entry that lists both's actions and
		// events, and gives that entry the trigger's description (n8n-editor-ui, generateMergedNodesAndActions):
		// so it describes both.
		description: 'Act on Distribu orders, customers, products and reports, or start a workflow on its signed webhook events',
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

	// Distribu's webhooks are registered over its API, so the trigger has webhook methods.
	webhookMethods = trigger.webhookMethods!;

	webhook = trigger.webhook;
}
