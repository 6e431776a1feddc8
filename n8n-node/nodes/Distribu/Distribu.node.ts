import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { type DistribuClient, getOperation, operations, runOperation, simplify } from '@distribu/shared/runtime';
import { CREDENTIAL_NAME, distribuClient } from '../shared/transport';
import { NODE_VERSION, nodeProperties } from '../../src/action/description';
import { actionError, moreRecordsHint } from './errors';
import { listSearchMethods } from './locators';
import { readPaging, readParams } from '../../src/action/parameters';

export class Distribu implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Distribu',
		name: 'distribu',
		icon: { light: 'file:../../icons/distribu.svg', dark: 'file:../../icons/distribu.dark.svg' },
		group: ['transform'],
		version: NODE_VERSION,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create and find orders, customers and products in Distribu, and read its reports',
		defaults: {
			name: 'Distribu',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: CREDENTIAL_NAME,
				required: true,
			},
		],
		properties: nodeProperties(operations, 'Distribu'),
	};

	methods = {
		listSearch: listSearchMethods(operations),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const returnData: INodeExecutionData[] = [];
		let client: DistribuClient | undefined;
		let limitReached: number | undefined;
		for (let i = 0; i < items.length; i++) {
			try {
				const resource = this.getNodeParameter('resource', i) as string;
				const operation = this.getNodeParameter('operation', i) as string;
				const op = getOperation(`${resource}.${operation}`);
				if (!op) {
					throw new NodeOperationError(this.getNode(), `Distribu has no operation "${operation}" for ${resource}.`, {
						itemIndex: i,
					});
				}
				const params = readParams(this, op, i);
				// Get Many: Return All or Limit; the shared executor says when the Limit left records unread.
				const paging = op.paginated ? readPaging(this, i) : undefined;
				const options = paging && { ...paging, onMore: () => (limitReached = paging.limit) };
				client ??= await distribuClient(this);
				// One call per item, never repeated: the shared executor retries nothing (creates would duplicate).
				const records = await runOperation(client, op, params, options);
				const simple = op.simpleKeys.length > 0 && this.getNodeParameter('simplify', i, true) === true;
				for (const record of records) {
					returnData.push({ json: (simple ? simplify(op, record) : record) as IDataObject, pairedItem: { item: i } });
				}
			} catch (error) {
				const nodeError = actionError(this.getNode(), error, i);
				if (this.continueOnFail()) {
					returnData.push({ json: { error: nodeError.message }, pairedItem: { item: i } });
					continue;
				}
				throw nodeError;
			}
		}
		if (limitReached !== undefined) this.addExecutionHints({ message: moreRecordsHint(limitReached), location: 'outputPane' });
		return [returnData];
	}
}
