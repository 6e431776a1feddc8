// What the Distribu node's run needs besides the shared executor: its errors in n8n's shape and
// the hint for records the Limit left unread.
import { type INode, type NodeApiError, NodeOperationError } from 'n8n-workflow';
import { DistribuInputError } from '@distribu/shared/runtime';
import { toNodeError } from '../shared/transport';
import { moreRecordsHint as providerMoreRecordsHint } from '../../src/action/node';

/** Any failure of item `itemIndex` as the error n8n shows, in the shared plain words. */
export function actionError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof DistribuInputError) return new NodeOperationError(node, error.message, { itemIndex });
	const nodeError = toNodeError(node, error);
	nodeError.context.itemIndex = itemIndex;
	return nodeError;
}

/** Said when Return All is off and Distribu holds more records than the Limit let through. */
export function moreRecordsHint(limit: number): string {
	return providerMoreRecordsHint('Distribu', limit);
}
