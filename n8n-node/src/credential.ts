// A provider's n8n credential, from the provider: an API key (sent as its auth spec says), the base
// URL when the API has one, and the signing secret when the user pastes the webhook URL by hand
// (the trigger verifies with it). The credential file keeps its literal name fields (n8n's linter
// reads them) and takes these.
import type { IAuthenticateGeneric, ICredentialDataDecryptedObject, ICredentialTestRequest, IDataObject, IHttpRequestHelper, IN8nHttpFullResponse, INodeProperties } from 'n8n-workflow';
import { ClientCredentialsToken, type HostProvider } from '@distribu/shared/kit';

export interface CredentialParts {
	properties: INodeProperties[];
	authenticate: IAuthenticateGeneric;
	test?: ICredentialTestRequest;
	/** For a token flow: n8n calls it when the token field is empty, and again (once) when a call answers 401. */
	preAuthentication?: (this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) => Promise<IDataObject>;
}

/** The hidden, expirable field that holds a token flow's access token (n8n fills it through preAuthentication). */
export const ACCESS_TOKEN_FIELD = 'accessToken';

/** The credential's fields, its authentication and its test request (the provider's probe). */
export function credentialParts(host: HostProvider): CredentialParts {
	const name = host.names.displayName;
	const auth = host.api?.auth;
	if (auth && auth.kind === 'oauth2-client-credentials') return clientCredentialsParts(host, auth);
	const properties: INodeProperties[] = [];
	if (host.api) {
		properties.push(
			{
				displayName: 'API Key',
				name: 'apiKey',
				type: 'string',
				typeOptions: { password: true },
				required: true,
				default: '',
				description: `A ${name} API key`,
			},
			{
				displayName: 'Base URL',
				name: 'baseUrl',
				type: 'string',
				required: true,
				default: host.api.baseUrl.default,
				description: `Where ${name} runs. Keep the default unless ${name} gave you another address.`,
			},
		);
	}
	if (host.subscription.mode === 'manual') {
		properties.push({
			displayName: 'Signing Secret',
			name: host.subscription.secretField,
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: `The signing secret ${name} shows under ${host.subscription.where}: the trigger refuses every delivery without it`,
		});
	}
	const header = auth?.header ?? 'Authorization';
	const value = auth?.scheme === 'Bearer' ? '={{"Bearer " + $credentials.apiKey}}' : '={{$credentials.apiKey}}';
	return {
		properties,
		authenticate: { type: 'generic', properties: host.api ? { headers: { [header]: value } } : {} },
		...(host.api
			? {
					test: {
						request: {
							baseURL: `={{String($credentials.baseUrl || ${JSON.stringify(host.api.baseUrl.default)}).replace(/\\/+$/, "")}}`,
							url: `${host.api.baseUrl.prefix}${host.api.probe.path}`,
							method: host.api.probe.method,
						},
					},
				}
			: {}),
	};
}

type ClientCredentialsAuth = Extract<NonNullable<HostProvider['api']>['auth'], { kind: 'oauth2-client-credentials' }>;

/**
 * OAuth2 client credentials as n8n's token credential: `preAuthentication` gets a token with the kit's
 * ClientCredentialsToken (its words, never the secret), n8n keeps it in the hidden expirable field, sends
 * it as a Bearer token and, when a call answers 401, gets a fresh one and repeats the call once.
 */
function clientCredentialsParts(host: HostProvider, auth: ClientCredentialsAuth): CredentialParts {
	const name = host.names.displayName;
	const api = host.api!;
	const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
	return {
		properties: [
			{ displayName: 'Access Token', name: ACCESS_TOKEN_FIELD, type: 'hidden', typeOptions: { expirable: true, password: true }, default: '' },
			{ displayName: 'Client ID', name: 'clientId', type: 'string', required: true, default: '', description: `The client ID of the machine identity ${name} gave you` },
			{ displayName: 'Client Secret', name: 'clientSecret', type: 'string', typeOptions: { password: true }, required: true, default: '' },
			{ displayName: 'Administration Code', name: 'administrationCode', type: 'string', required: true, default: '', description: 'The administration this connection works in (webhooks and records belong to one)' },
			{ displayName: 'Base URL', name: 'baseUrl', type: 'string', required: true, default: api.baseUrl.default, description: `Where ${name}'s API runs. Keep the default unless ${name} gave you another address.` },
			{ displayName: 'Token URL', name: 'tokenUrl', type: 'string', required: true, default: auth.tokenUrl },
			{ displayName: 'Audience', name: 'audience', type: 'string', default: auth.audience ?? '', description: 'The API identifier the token is for' },
		],
		async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
			const token = new ClientCredentialsToken(
				{ tokenUrl: text(credentials.tokenUrl), clientId: text(credentials.clientId), clientSecret: text(credentials.clientSecret), audience: text(credentials.audience) || undefined },
				async (url, form) => {
					const response = (await this.helpers.httpRequest({
						method: 'POST',
						url,
						body: new URLSearchParams(form).toString(),
						headers: { 'content-type': 'application/x-www-form-urlencoded' },
						json: true,
						returnFullResponse: true,
						ignoreHttpStatusErrors: true,
					})) as IN8nHttpFullResponse;
					return { status: response.statusCode, body: response.body };
				},
				name,
			);
			return { [ACCESS_TOKEN_FIELD]: await token.get() };
		},
		authenticate: { type: 'generic', properties: { headers: { Authorization: `=Bearer {{$credentials.${ACCESS_TOKEN_FIELD}}}` } } },
		test: {
			request: {
				baseURL: `={{String($credentials.baseUrl || ${JSON.stringify(api.baseUrl.default)}).replace(/\\/+$/, "")}}`,
				url: `=${api.baseUrl.prefix}${api.probe.path}`,
				method: api.probe.method,
			},
		},
	};
}
