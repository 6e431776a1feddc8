// How a failed poll is declared to n8n's scheduler, for every provider's polling trigger.
import type { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { ApiError } from '@distribu/shared/kit';

/**
 * Declares why a poll failed, in n8n's terms, so its scheduler waits as the provider asked (429:
 * `retryAfter`) or stops retrying a refused key instead of polling in vain.
 */
export function declareFailure(error: unknown, nodeError: NodeApiError | NodeOperationError, keyRefused: (error: ApiError) => boolean = (e) => e.status === 401): void {
	if (error instanceof ApiError && error.status === 429) {
		nodeError.failure = {
			cause: 'rate-limited',
			...(error.retryAfter !== undefined ? { retryAfterMs: error.retryAfter * 1000 } : {}),
		};
	} else if (error instanceof ApiError && keyRefused(error)) {
		nodeError.failure = { cause: 'credential-invalid' };
	}
}
