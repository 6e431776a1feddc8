import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';
import { KEY_REJECTED } from '@distribu/shared/runtime';

export class DistribuApi implements ICredentialType {
	name = 'distribuApi';

	displayName = 'Distribu API';

	icon: Icon = { light: 'file:../icons/distribu.svg', dark: 'file:../icons/distribu.dark.svg' };

	documentationUrl =
		'https://github.com/distribu/distribu-connectors/tree/main/n8n-node#credentials';

	properties: INodeProperties[] = [
		{
			displayName:
				'Create an API key in Distribu under Settings → API keys (owners and admins only). The trigger needs the scopes <b>webhooks:read</b> and <b>webhooks:write</b>; "Fetch Full Record" also needs <b>orders:read</b>, <b>customers:read</b> or <b>products:read</b> for the records it reads. Scopes are fixed when a key is created.',
			name: 'scopesNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'dk_...',
			description:
				'A Distribu API key (starts with dk_) with the webhooks:read and webhooks:write scopes',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: 'https://distribu.app',
			description:
				'Where Distribu runs. Keep the default unless Distribu support gave you another address.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '={{"Bearer " + $credentials.apiKey}}',
			},
		},
	};

	// Listing webhooks needs only webhooks:read, the least a working trigger needs.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{String($credentials.baseUrl || "https://distribu.app").replace(/\\/+$/, "").replace(/\\/api\\/v1$/, "")}}',
			url: '/api/v1/webhooks',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: `${KEY_REJECTED} Create a key in Distribu under Settings → API keys.`,
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'This API key lacks the webhooks:read scope. Create a key with webhooks:read and webhooks:write under Settings → API keys.',
				},
			},
		],
	};
}
