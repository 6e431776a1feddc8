// One poll of a polling trigger whose provider polls its own way (`host.poller`, e.g. dist0's new pains):
// the state in the node's static data, which n8n keeps with the workflow, replaced only after a poll that
// succeeded. Apart from poll.ts so a package with its own poller bundles none of the default polling.
import { type IDataObject, type IPollFunctions, NodeOperationError } from 'n8n-workflow';
import type { HostEvent, HostOperation, HostProvider, RestClient } from '@distribu/shared/kit';
import { nodeErrorFor } from './errors';
import { declareFailure } from './poll-failure';
import { providerClient } from './transport';

export async function pollOwn<Client extends RestClient>(ctx: IPollFunctions, host: HostProvider<HostEvent, HostOperation, Client>, stateKey: string): Promise<IDataObject[] | null> {
	const name = host.names.displayName;
	const poller = host.poller;
	if (!poller) throw new Error(`${name} has no poller of its own.`);
	const event = ctx.getNodeParameter('event') as string;
	const options = ctx.getNodeParameter('options', {}) as { maxPages?: number };
	try {
		const client = await providerClient(ctx, host);
		if (ctx.getMode() === 'manual') {
			// A test run shows the newest record, so its fields can be mapped.
			const item = await poller.latest(client, event);
			if (!item) {
				const label = host.pollable.find((e) => e.name === event)?.label ?? event;
				throw new NodeOperationError(ctx.getNode(), `${name} has no record yet that matches ${label}.`, {
					description: `Wait until ${name} finds one (or pick another event) and test again.`,
				});
			}
			return [item as IDataObject];
		}
		const staticData = ctx.getWorkflowStaticData('node');
		const result = await poller.changes(client, event, staticData[stateKey], { maxPages: options.maxPages });
		staticData[stateKey] = result.state as IDataObject;
		if (result.capped) ctx.logger.warn(`${name} Polling Trigger: ${result.capped}`);
		return result.items as IDataObject[];
	} catch (error) {
		// A NodeOperationError (nothing found in a test run) passes as it is.
		const nodeError = nodeErrorFor(host, ctx.getNode(), error);
		const keyRefused = host.api?.keyRefused;
		declareFailure(error, nodeError, keyRefused ? (e) => keyRefused(e.status) : undefined);
		throw nodeError;
	}
}
