import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { NODE_VERSION, properties, SUBTITLE } from './description';
import { CREDENTIAL_NAME } from '../shared/transport';
import { poll } from './poll';

export class DistribuPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Distribu Polling Trigger',
		name: 'distribuPollTrigger',
		icon: { light: 'file:../../icons/distribu.svg', dark: 'file:../../icons/distribu.dark.svg' },
		group: ['trigger'],
		version: NODE_VERSION,
		subtitle: SUBTITLE,
		description: 'Starts the workflow for each new order, status change, customer, product update or low stock found in Distribu at each poll',
		defaults: {
			name: 'Distribu Polling Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: CREDENTIAL_NAME,
				required: true,
			},
		],
		polling: true,
		properties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const items: IDataObject[] | null = await poll.call(this);
		return items && items.length > 0 ? [this.helpers.returnJsonArray(items)] : null;
	}
}
