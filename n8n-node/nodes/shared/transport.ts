import type {
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	INode,
	IPollFunctions,
	IWebhookFunctions,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';
import { distribuHost } from '@distribu/shared/providers/distribu';
import type { DistribuClient } from '@distribu/shared/runtime';
import { nodeErrorFor } from '../../src/errors';
import { providerClient } from '../../src/transport';
import { CAP_EXPLAINED } from './editor-texts';

/** The credential type's name (DistribuApi.credentials.ts declares it; the node asks for it by this name). */
export const CREDENTIAL_NAME = 'distribuApi';

/** Every n8n context a Distribu node calls the API from: the triggers' hooks, webhook and poll, the action node's run and pickers. */
type Context = IHookFunctions | IWebhookFunctions | IPollFunctions | IExecuteFunctions | ILoadOptionsFunctions;

/** The Distribu client over n8n's authenticated request helper (n8n-node/src/transport.ts, every provider's). */
export function distribuClient(ctx: Context): Promise<DistribuClient> {
	return providerClient(ctx, distribuHost);
}

/** Shown under a cap refusal in n8n. */
export const CAP_DESCRIPTION = `Each Distribu Trigger registers one webhook. ${CAP_EXPLAINED}`;

/** Any failure as the error n8n shows, in Distribu's words (n8n-node/src/errors.ts). */
export function toNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	return nodeErrorFor(distribuHost, node, error, CAP_DESCRIPTION);
}

/** Runs Distribu calls and rethrows anything they throw as the error n8n shows (see toNodeError). */
export async function withNodeErrors<T>(node: INode, call: () => Promise<T>): Promise<T> {
	try {
		return await call();
	} catch (error) {
		throw toNodeError(node, error);
	}
}
