// A provider's API client over n8n's authenticated request helper: the one HTTP glue every node of
// every provider's package uses. The provider supplies its client (errors in its words), base URL
// rule and credential name; n8n supplies the HTTP call and the credential's authentication.
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import type { HostEvent, HostOperation, HostProvider, RestClient, Transport } from '@distribu/shared/kit';
import { REQUEST_TIMEOUT_MS } from '@distribu/shared/runtime';

/** Every n8n context a node calls the API from: the triggers' hooks, webhook and poll, the action node's run and pickers. */
export type HostContext = IHookFunctions | IWebhookFunctions | IPollFunctions | IExecuteFunctions | ILoadOptionsFunctions;

/**
 * HTTP error statuses come back as responses (not thrown), so the provider's client maps them to
 * plain-words errors; anything n8n throws (timeouts, resets: errors that carry the request and its
 * Authorization header) the client turns into a network error that keeps none of it.
 */
export async function providerClient<Client extends RestClient>(ctx: HostContext, host: HostProvider<HostEvent, HostOperation, Client>): Promise<Client> {
	const api = host.api;
	if (!api) throw new Error(`${host.names.displayName} has no API this node can call.`);
	const credentialName = host.names.n8n.credential.name;
	const credentials = await ctx.getCredentials<{ baseUrl?: string }>(credentialName);
	const base = api.baseUrl.toRoot(credentials.baseUrl);
	const transport: Transport = async (request) => {
		const qs: IDataObject = {};
		for (const [key, value] of Object.entries(request.query ?? {})) {
			if (value !== undefined) qs[key] = value;
		}
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialName, {
			method: request.method,
			url: `${base}${request.path}`,
			qs,
			body: request.body as IDataObject | undefined,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// n8n's default is 300 s: a hung provider would block publishing for five minutes.
			timeout: REQUEST_TIMEOUT_MS,
		})) as IN8nHttpFullResponse;
		return {
			status: response.statusCode,
			body: response.body,
			headers: response.headers as Record<string, unknown>,
		};
	};
	return api.connect(transport, credentials as Record<string, unknown>);
}
