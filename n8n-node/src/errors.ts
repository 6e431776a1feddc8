// Any failure as the error n8n shows, for every provider: built only from the provider's plain-words
// message, never from the host's own error object, whose cause holds the request (and its credentials).
import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { ApiError, RegistrationOutcomeUnknownError, SupersededError, type HostProvider } from '@distribu/shared/kit';

/** `capDescription`: what the cap means for this node, shown under a cap refusal. */
export function nodeErrorFor(host: Pick<HostProvider, 'api'>, node: INode, error: unknown, capDescription?: string): NodeApiError | NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	if (error instanceof SupersededError) return new NodeOperationError(node, error.message);
	if (error instanceof ApiError) {
		const httpCode = String(error.status);
		return new NodeApiError(node, { message: error.message, httpCode }, {
			message: error.message,
			description: capDescription && host.api?.isCap(error) ? capDescription : undefined,
			httpCode,
		});
	}
	if (error instanceof RegistrationOutcomeUnknownError) {
		// Already plain and bounded: what happened and what was cleaned up at this node's URL.
		return new NodeApiError(node, { message: error.message }, { message: error.message });
	}
	const plain = host.api ? host.api.networkError(error) : { message: 'The call failed.', kind: 'network' };
	return new NodeApiError(node, { message: plain.message, code: plain.kind }, { message: plain.message });
}
