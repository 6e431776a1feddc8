import type {
	IDataObject,
	IHookFunctions,
	IN8nHttpFullResponse,
	INode,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import {
	apiBaseUrl,
	DistribuApiError,
	DistribuClient,
	type Transport,
} from '../../../shared/src/runtime';

export const CREDENTIAL_NAME = 'distribuApi';

type Context = IHookFunctions | IWebhookFunctions;

/**
 * The shared Distribu client over n8n's authenticated request helper. HTTP error statuses come
 * back as responses (not thrown), so the shared client maps them to plain-words errors.
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
		})) as IN8nHttpFullResponse;
		return {
			status: response.statusCode,
			body: response.body,
			headers: response.headers as Record<string, unknown>,
		};
	};
	return new DistribuClient(transport);
}

export function isNotFound(error: unknown): boolean {
	return error instanceof DistribuApiError && error.status === 404;
}

const CAP_DESCRIPTION =
	'Each published workflow with a Distribu Trigger uses one webhook, and "Listen for test event" uses one more while it listens.';

/**
 * Any failure as the NodeApiError n8n shows: Distribu's answers in the shared plain words
 * (missing scope, full webhook cap, ...); n8n's own request errors pass through unchanged.
 */
export function toNodeApiError(node: INode, error: unknown): NodeApiError {
	if (error instanceof DistribuApiError) {
		return new NodeApiError(node, { message: error.message, httpCode: String(error.status) }, {
			message: error.message,
			description: error.isWebhookCap ? CAP_DESCRIPTION : undefined,
			httpCode: String(error.status),
		});
	}
	return new NodeApiError(node, error as JsonObject);
}
