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
import { REQUEST_TIMEOUT_MS, type HostEvent, type HostOperation, type HostProvider, type RestClient, type Transport } from '@distribu/shared/kit';
import { ACCESS_TOKEN_FIELD } from './credential';

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
	const chosen = ctx.getNode().credentials?.[credentialName];
	const base = api.baseUrl.toRoot(credentials.baseUrl);
	const tokenFlow = api.auth.kind === 'oauth2-client-credentials';
	const transport: Transport = async (request) => {
		const qs: IDataObject = {};
		for (const [key, value] of Object.entries(request.query ?? {})) {
			if (value !== undefined) qs[key] = value;
		}
		const send = async (renewToken: boolean) =>
			(await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				credentialName,
				{
					method: request.method,
					url: `${base}${request.path}`,
					qs,
					body: request.body as IDataObject | undefined,
					json: true,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					// n8n's default is 300 s: a hung provider would block publishing for five minutes.
					timeout: REQUEST_TIMEOUT_MS,
				},
				renewToken ? { credentialsDecrypted: { id: chosen?.id ?? '', name: chosen?.name ?? '', type: credentialName, data: { ...credentials, [ACCESS_TOKEN_FIELD]: '' } } } : undefined,
			)) as IN8nHttpFullResponse;
		let response = await send(false);
		// n8n renews a token itself only when a request throws a 401, and these requests never throw for a status
		// (so that no error carries the request): an expired token is renewed here, once, by sending the
		// credential with an empty token field (n8n then calls preAuthentication and keeps the new token).
		if (tokenFlow && response.statusCode === 401) response = await send(true);
		return {
			status: response.statusCode,
			body: response.body,
			headers: response.headers as Record<string, unknown>,
		};
	};
	return api.connect(transport, credentials as Record<string, unknown>);
}
