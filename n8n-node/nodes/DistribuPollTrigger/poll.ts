// One poll of the Distribu Polling Trigger: the shared change detection (polling.ts in @distribu/shared/runtime)
// with its state in the node's static data, which n8n keeps with the workflow.
import { type IDataObject, type IPollFunctions, type NodeApiError, NodeOperationError } from 'n8n-workflow';
import { DistribuApiError, getEvent, latestItem, pollChanges, type PollState } from '@distribu/shared/runtime';
import { distribuClient, toNodeError } from '../shared/transport';

/** Where the state lives in the node's static data. */
const STATE_KEY = 'distribuPoll';

/**
 * Declares why a poll failed, in n8n's terms, so its scheduler waits as Distribu asked (429:
 * `retryAfter`) or stops retrying a refused key instead of polling in vain.
 */
function declareFailure(error: unknown, nodeError: NodeApiError | NodeOperationError): void {
	if (error instanceof DistribuApiError && error.status === 429) {
		nodeError.failure = {
			cause: 'rate-limited',
			...(error.retryAfter !== undefined ? { retryAfterMs: error.retryAfter * 1000 } : {}),
		};
	} else if (error instanceof DistribuApiError && error.status === 401) {
		nodeError.failure = { cause: 'credential-invalid' };
	}
}

export async function poll(this: IPollFunctions): Promise<IDataObject[] | null> {
	const event = this.getNodeParameter('event') as string;
	const options = this.getNodeParameter('options', {}) as { maxPages?: number };
	const lookbackDays = this.getNodeParameter('lookbackDays', 30) as number;
	try {
		const client = await distribuClient(this);
		if (this.getMode() === 'manual') {
			// A test run shows the newest matching record, so its fields can be mapped.
			const item = await latestItem(client, event);
			if (!item) {
				const label = getEvent(event)?.label ?? event;
				throw new NodeOperationError(this.getNode(), `Distribu has no record yet that matches ${label}.`, {
					description: 'Cause one in Distribu (or pick another event) and test again.',
				});
			}
			return [item as IDataObject];
		}
		const staticData = this.getWorkflowStaticData('node');
		const result = await pollChanges(client, event, staticData[STATE_KEY] as PollState | undefined, {
			maxPages: options.maxPages,
			lookbackDays,
		});
		// Replaced only now: a failed poll keeps the previous state, and the next poll repeats it.
		staticData[STATE_KEY] = result.state as unknown as IDataObject;
		if (result.capped) this.logger.warn(`Distribu Polling Trigger: ${result.capped}`);
		return result.items as IDataObject[];
	} catch (error) {
		const nodeError = toNodeError(this.getNode(), error);
		declareFailure(error, nodeError);
		throw nodeError;
	}
}
