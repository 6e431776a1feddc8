// One poll of a provider's polling trigger: the kit's change detection (shared/src/kit/polling/poll.ts)
// over the provider's catalog and in its name, with its state in the node's static data,
// which n8n keeps with the workflow.
import { type IDataObject, type IPollFunctions, type NodeApiError, NodeOperationError } from 'n8n-workflow';
import { latestItem, pollChanges, type HostProvider, type PollState, type RuntimeEvent } from '@distribu/shared/kit';
import { nodeErrorFor } from './errors';
import { declareFailure } from './poll-failure';
import { providerClient } from './transport';

/** `stateKey`: where the state lives in the node's static data (Distribu's is `distribuPoll`). */
export async function pollProvider(
	ctx: IPollFunctions,
	host: HostProvider<RuntimeEvent>,
	stateKey: string,
	toNodeError: (error: unknown) => NodeApiError | NodeOperationError = (error) => nodeErrorFor(host, ctx.getNode(), error),
): Promise<IDataObject[] | null> {
	const name = host.names.displayName;
	const event = ctx.getNodeParameter('event') as string;
	const options = ctx.getNodeParameter('options', {}) as { maxPages?: number };
	const lookbackDays = ctx.getNodeParameter('lookbackDays', 30) as number;
	try {
		// The polling algorithms read cursor-paged lists (`list(path, query)`): the provider's client has them.
		const client = (await providerClient(ctx, host)) as unknown as Parameters<typeof pollChanges>[0];
		if (ctx.getMode() === 'manual') {
			// A test run shows the newest matching record, so its fields can be mapped.
			const item = await latestItem(client, event, { events: host.events, provider: name });
			if (!item) {
				const label = host.eventOf(event)?.label ?? event;
				throw new NodeOperationError(ctx.getNode(), `${name} has no record yet that matches ${label}.`, {
					description: `Cause one in ${name} (or pick another event) and test again.`,
				});
			}
			return [item as IDataObject];
		}
		const staticData = ctx.getWorkflowStaticData('node');
		const result = await pollChanges(client, event, staticData[stateKey] as PollState | undefined, {
			maxPages: options.maxPages,
			lookbackDays,
			events: host.events,
			provider: name,
		});
		// Replaced only now: a failed poll keeps the previous state, and the next poll repeats it.
		staticData[stateKey] = result.state as unknown as IDataObject;
		if (result.capped) ctx.logger.warn(`${name} Polling Trigger: ${result.capped}`);
		return result.items as IDataObject[];
	} catch (error) {
		const nodeError = toNodeError(error);
		declareFailure(error, nodeError);
		throw nodeError;
	}
}
