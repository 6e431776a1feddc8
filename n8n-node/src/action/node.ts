// A provider's action node (its parameters from the operation catalog, usable as an AI tool) over the
// provider's own operation runner (`host.perform`): one call per item, never repeated, errors in the
// provider's plain words. Distribu's node (nodes/Distribu) runs its REST executor with its record pickers;
// every other provider's is generated on this (scripts/n8n-packages.ts).
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { InputError, simplify, type HostEvent, type HostProvider, type RestClient, type RuntimeOperation } from '@distribu/shared/kit';
import { nodeErrorFor } from '../errors';
import { providerClient } from '../transport';
import { nodeProperties } from './description';
import { readPaging, readParams } from './parameters';

/** Said when Return All is off and the provider holds more records than the Limit let through. */
export function moreRecordsHint(provider: string, limit: number): string {
	return `${provider} has more results than the ${limit} returned (the Limit). Turn on Return All, or raise Limit, to get them.`;
}

export function actionNode<Client extends RestClient>(host: HostProvider<HostEvent, RuntimeOperation, Client>): {
	properties: INodeProperties[];
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]>;
} {
	const name = host.names.displayName;
	const perform = host.perform;
	if (!perform) throw new Error(`${name} has no operation runner: it gets no action node.`);
	return {
		properties: nodeProperties(host.operations, name),
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const items = this.getInputData();
			const returnData: INodeExecutionData[] = [];
			let client: Client | undefined;
			let limitReached: number | undefined;
			for (let i = 0; i < items.length; i++) {
				try {
					const resource = this.getNodeParameter('resource', i) as string;
					const operation = this.getNodeParameter('operation', i) as string;
					const op = host.operations.find((o) => o.resource === resource && o.operation === operation);
					if (!op) throw new NodeOperationError(this.getNode(), `${name} has no operation "${operation}" for ${resource}.`, { itemIndex: i });
					const params = readParams(this, op, i);
					const paging = op.paginated ? readPaging(this, i) : undefined;
					const options = paging && { ...paging, onMore: () => (limitReached = paging.limit) };
					client ??= await providerClient(this, host);
					const records = await perform(client, op, params, options);
					const simple = op.simpleKeys.length > 0 && this.getNodeParameter('simplify', i, true) === true;
					for (const record of records) {
						returnData.push({ json: (simple ? simplify(op, record) : record) as IDataObject, pairedItem: { item: i } });
					}
				} catch (error) {
					const nodeError =
						error instanceof InputError ? new NodeOperationError(this.getNode(), error.message, { itemIndex: i }) : nodeErrorFor(host, this.getNode(), error);
					nodeError.context.itemIndex = i;
					if (this.continueOnFail()) {
						returnData.push({ json: { error: nodeError.message }, pairedItem: { item: i } });
						continue;
					}
					throw nodeError;
				}
			}
			if (limitReached !== undefined) this.addExecutionHints({ message: moreRecordsHint(name, limitReached), location: 'outputPane' });
			return [returnData];
		},
	};
}
