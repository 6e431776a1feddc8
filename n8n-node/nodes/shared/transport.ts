import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	INode,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import {
	apiBaseUrl,
	DistribuApiError,
	DistribuClient,
	DistribuNetworkError,
	networkErrorFrom,
	RegistrationOutcomeUnknownError,
	REQUEST_TIMEOUT_MS,
	SupersededError,
	type Transport,
} from '@distribu/shared/runtime';
import { CAP_EXPLAINED } from './editor-texts';

/** The credential type's name (DistribuApi.credentials.ts declares it; the node asks for it by this name). */
export const CREDENTIAL_NAME = 'distribuApi';

/** Every n8n context a Distribu node calls the API from: the triggers' hooks, webhook and poll, the action node's run and pickers. */
type Context = IHookFunctions | IWebhookFunctions | IPollFunctions | IExecuteFunctions | ILoadOptionsFunctions;

/**
 * The shared Distribu client over n8n's authenticated request helper. HTTP error statuses come
 * back as responses (not thrown), so the shared client maps them to plain-words errors; anything
 * n8n throws (timeouts, resets: errors that carry the request and its Authorization header) the
 * shared client turns into a DistribuNetworkError that keeps none of it.
 */
export async function distribuClient(ctx: Context): Promise<DistribuClient> {
	const credentials = await ctx.getCredentials<{ baseUrl?: string }>(CREDENTIAL_NAME);
	const base = apiBaseUrl(credentials.baseUrl);
	const transport: Transport = async (request) => {
		const qs: IDataObject = {};
		for (const [key, value] of Object.entries(request.query ?? {})) {
			if (value !== undefined) qs[key] = value;
		}
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_NAME, {
			method: request.method,
			url: `${base}${request.path}`,
			qs,
			body: request.body as IDataObject | undefined,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// n8n's default is 300 s: a hung Distribu would block publishing for five minutes.
			timeout: REQUEST_TIMEOUT_MS,
		})) as IN8nHttpFullResponse;
		return {
			status: response.statusCode,
			body: response.body,
			headers: response.headers as Record<string, unknown>,
		};
	};
	return new DistribuClient(transport);
}

/** The call's result, or undefined when Distribu answers 404 (the webhook is gone): other errors pass on. */
export async function unlessNotFound<T>(call: Promise<T>): Promise<T | undefined> {
	return call.catch((error: unknown) => {
		if (error instanceof DistribuApiError && error.status === 404) return undefined;
		throw error;
	});
}

const CAP_DESCRIPTION = `Each Distribu Trigger registers one webhook. ${CAP_EXPLAINED}`;

/**
 * Any failure as the error n8n shows, built only from the shared plain-words message: never from
 * the host's own error object, whose cause holds the request (and its `Authorization` header).
 */
export function toNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	if (error instanceof SupersededError) return new NodeOperationError(node, error.message);
	if (error instanceof DistribuApiError) {
		const httpCode = String(error.status);
		return new NodeApiError(node, { message: error.message, httpCode }, {
			message: error.message,
			description: error.isWebhookCap ? CAP_DESCRIPTION : undefined,
			httpCode,
		});
	}
	if (error instanceof RegistrationOutcomeUnknownError) {
		// Already plain and bounded: what happened and what was cleaned up at this node's URL.
		return new NodeApiError(node, { message: error.message }, { message: error.message });
	}
	const plain = error instanceof DistribuNetworkError ? error : networkErrorFrom(error);
	return new NodeApiError(node, { message: plain.message, code: plain.kind }, { message: plain.message });
}

/** Runs Distribu calls and rethrows anything they throw as the error n8n shows (see toNodeError). */
export async function withNodeErrors<T>(node: INode, call: () => Promise<T>): Promise<T> {
	try {
		return await call();
	} catch (error) {
		throw toNodeError(node, error);
	}
}
