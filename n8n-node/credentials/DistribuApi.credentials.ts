import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';
import { describeApiError } from '@distribu/shared/runtime';
import {
	ACTIONS_ONLY_KEY,
	CREDENTIAL_NOTICE,
	NO_API_AT_BASE_URL,
	TESTED_SCOPE,
} from '../nodes/shared/editor-texts';

export class DistribuApi implements ICredentialType {
	name = 'distribuApi';

	displayName = 'Distribu API';

	icon: Icon = { light: 'file:../icons/distribu.svg', dark: 'file:../icons/distribu.dark.svg' };

	// A literal (n8n's lint wants one). n8n opens a credential's link as it is, so the anchor works.
	documentationUrl = 'https://github.com/distribu/distribu-connectors/tree/main/n8n-node#credentials';

	properties: INodeProperties[] = [
		{
			displayName: CREDENTIAL_NOTICE,
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
			description: 'A Distribu API key (starts with dk_) with the scopes listed above',
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

	// One request is all n8n allows, and Distribu cannot list a key's scopes: listing webhooks
	// proves the key works and has webhooks:read, and changes nothing. The notice says so.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{String($credentials.baseUrl || "https://distribu.app").replace(/\\/+$/, "").replace(/\\/api\\/v1$/, "")}}',
			url: '/api/v1/webhooks',
			method: 'GET',
		},
		rules: [
			{ type: 'responseCode', properties: { value: 401, message: describeApiError({ status: 401 }) } },
			{
				type: 'responseCode',
				properties: { value: 403, message: `${describeApiError({ status: 403, scope: TESTED_SCOPE })} ${ACTIONS_ONLY_KEY}` },
			},
			{ type: 'responseCode', properties: { value: 404, message: NO_API_AT_BASE_URL } },
		],
	};
}
