// The API key scopes Distribu's app needs: the generic derivation (provider/scopes.ts) over Distribu's catalogs.
import { distribuHost } from '@distribu/shared/providers/distribu';
import { scopesOf } from './provider/scopes';

export const { operationScopes, needs: scopeNeeds, required: requiredScopes } = scopesOf(distribuHost);
