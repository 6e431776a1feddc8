// Any failure as the error n8n shows, for every provider: built only from the provider's plain-words
// message, never from the host's own error object, whose cause holds the request (and its credentials).
import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { ApiError, NetworkError, RegistrationOutcomeUnknownError, SupersededError, TokenError, boundedLine, redactor, type HostProvider } from '@distribu/shared/kit';

/** `capDescription`: what the cap means for this node, shown under a cap refusal. */
export function nodeErrorFor(host: Pick<HostProvider, 'api' | 'provider'>, node: INode, error: unknown, capDescription?: string): NodeApiError | NodeOperationError {
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
	if (error instanceof NetworkError || error instanceof TokenError) {
		const plain = error instanceof TokenError || !host.api ? error : host.api.networkError(error);
		const code = error instanceof NetworkError ? error.kind : 'token';
		return new NodeApiError(node, { message: plain.message, code }, { message: plain.message });
	}
	// Not a call to the provider that failed (the client words those: ApiError, NetworkError) but n8n itself or this
	// node, e.g. reading the credential: said as it is (one line, secrets redacted), never taken for a network failure.
	const said = boundedLine(error instanceof Error ? error.message : String(error), 300, redactor(host.provider.voice));
	return new NodeOperationError(node, said || 'This step failed inside n8n.');
}
