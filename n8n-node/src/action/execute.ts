// A provider's action node run: one operation per input item (the provider's runOperation, which retries
// nothing), each record one output item, errors in the provider's plain words (or the item's error with
// Continue On Fail).
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { HostProvider } from '@distribu/shared/kit';
import { nodeErrorFor } from '../errors';
import { providerClient } from '../transport';
import { actionOperations, operationValue, parameterName } from './properties';

export async function runAction(ctx: IExecuteFunctions, host: HostProvider): Promise<INodeExecutionData[][]> {
	const run = host.runOperation;
	if (!run) throw new NodeOperationError(ctx.getNode(), `${host.names.displayName} has no operations this node can run.`);
	const ops = actionOperations(host);
	const items = ctx.getInputData();
	const out: INodeExecutionData[] = [];
	let client: Awaited<ReturnType<typeof providerClient>> | undefined;
	for (let i = 0; i < items.length; i++) {
		try {
			const resource = ctx.getNodeParameter('resource', i) as string;
			const operation = ctx.getNodeParameter('operation', i) as string;
			const op = ops.find((o) => o.resource === resource && operationValue(o) === operation);
			if (!op) throw new NodeOperationError(ctx.getNode(), `${host.names.displayName} has no operation "${operation}" for ${resource}.`, { itemIndex: i });
			const input: Record<string, string> = {};
			for (const field of op.inputs ?? []) {
				const value = String(ctx.getNodeParameter(parameterName(field.key), i, '') ?? '').trim();
				if (value === '' && field.required) throw new NodeOperationError(ctx.getNode(), `${op.label} needs ${field.label}.`, { itemIndex: i });
				if (value !== '') input[field.key] = value;
			}
			const limit = op.many && ctx.getNodeParameter('returnAll', i, false) !== true ? (ctx.getNodeParameter('limit', i, 50) as number) : undefined;
			client ??= await providerClient(ctx, host);
			const got = await run(client, op.key, input, limit);
			for (const record of Array.isArray(got) ? got : [got]) out.push({ json: record as IDataObject, pairedItem: { item: i } });
		} catch (error) {
			const nodeError = error instanceof NodeOperationError ? error : nodeErrorFor(host, ctx.getNode(), error);
			if (ctx.continueOnFail()) {
				out.push({ json: { error: nodeError.message }, pairedItem: { item: i } });
				continue;
			}
			throw nodeError;
		}
	}
	return [out];
}
