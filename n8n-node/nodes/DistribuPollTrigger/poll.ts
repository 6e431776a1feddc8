// One poll of the Distribu Polling Trigger: every provider's poll (n8n-node/src/poll.ts) with Distribu's catalog.
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { distribuHost } from '@distribu/shared/providers/distribu';
import { pollProvider } from '../../src/poll';
import { toNodeError } from '../shared/transport';

/** Where the state lives in the node's static data. */
const STATE_KEY = 'distribuPoll';

export async function poll(this: IPollFunctions): Promise<IDataObject[] | null> {
	return await pollProvider(this, distribuHost, STATE_KEY, (error) => toNodeError(this.getNode(), error));
}
