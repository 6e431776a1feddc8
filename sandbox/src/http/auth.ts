import { createHash } from 'node:crypto';
import { ApiError } from './errors';
import { newApiKey, newId } from '../state/ids';
import type { ApiKey, Store } from '../state/store';
import { nowIso } from '../state/time';

/** Distribu's nine scopes. `products:write` is reserved: no endpoint needs it. */
export const SCOPES = [
  'products:read',
  'products:write',
  'orders:read',
  'orders:write',
  'customers:read',
  'customers:write',
  'reports:read',
  'webhooks:read',
  'webhooks:write',
] as const;
export type Scope = (typeof SCOPES)[number];

export const MISSING_HEADER = 'Missing or invalid Authorization header. Use: Bearer <api_key>';
export const INVALID_KEY = 'Invalid, expired, or revoked API key.';
export const missingScope = (scope: string) => `Insufficient permissions. This key lacks the "${scope}" scope.`;

const hash = (key: string) => createHash('sha256').update(key).digest('hex');

/** Creates a key; the plaintext is returned this once and only its hash is kept. */
export function createApiKey(
  store: Store,
  input: { name?: string; scopes: readonly string[]; key?: string; expiresAt?: string | null },
): { key: string; record: ApiKey } {
  const key = input.key ?? newApiKey();
  const record: ApiKey = {
    id: newId(),
    name: input.name ?? 'Sandbox key',
    hash: hash(key),
    prefix: key.slice(0, 12),
    scopes: [...new Set(input.scopes)],
    revoked: false,
    expiresAt: input.expiresAt ?? null,
    createdAt: nowIso(),
  };
  store.apiKeys.set(record.id, record);
  return { key, record };
}

/** The key behind an Authorization header, or the documented 401. */
export function authenticate(store: Store, header: string | undefined): ApiKey {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) throw new ApiError(401, MISSING_HEADER);
  const digest = hash(match[1]!);
  for (const key of store.apiKeys.values()) {
    if (key.hash !== digest) continue;
    if (key.revoked || (key.expiresAt && Date.parse(key.expiresAt) <= Date.now())) break;
    return key;
  }
  throw new ApiError(401, INVALID_KEY);
}

export function requireScope(key: ApiKey, scope: string): void {
  if (!key.scopes.includes(scope)) throw new ApiError(403, missingScope(scope));
}

/** Public description of a key: never the key or its hash. */
export function apiKeyView(k: ApiKey) {
  return { id: k.id, name: k.name, prefix: k.prefix, scopes: [...k.scopes], revoked: k.revoked, expiresAt: k.expiresAt, createdAt: k.createdAt };
}
