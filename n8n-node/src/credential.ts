// A provider's n8n credential, from the provider: an API key (sent as its auth spec says), the base
// URL when the API has one, and the signing secret when the user pastes the webhook URL by hand
// (the trigger verifies with it). The credential file keeps its literal name fields (n8n's linter
// reads them) and takes these.
import type { IAuthenticateGeneric, ICredentialTestRequest, INodeProperties } from 'n8n-workflow';
import type { HostProvider } from '@distribu/shared/kit';

export interface CredentialParts {
	properties: INodeProperties[];
	authenticate: IAuthenticateGeneric;
	test?: ICredentialTestRequest;
}

/** The credential's fields, its authentication and its test request (the provider's probe). */
export function credentialParts(host: HostProvider): CredentialParts {
	const name = host.names.displayName;
	const auth = host.api?.auth;
	if (auth && auth.kind !== 'api-key') {
		// The seam for oauth2-client-credentials: the kit's token flow (issue 24) plugs in here.
		throw new Error(`${name}: the n8n credential for ${auth.kind} is not built yet.`);
	}
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
