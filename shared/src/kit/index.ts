// The provider kit: mechanisms that know no provider. A provider (shared/src/providers/<id>/)
// supplies data and a small adapter; hosts (Zapier, n8n, MCP) carry out what the kit decides. docs/kit.md.
export * from './api/client';
export * from './api/client-credentials';
export * from './api/errors';
export * from './api/pages';
export type * from './catalog';
export * from './inbound/event-id';
export * from './inbound/guards';
export * from './inbound/headers';
export * from './inbound/normalize';
export * from './inbound/seen-ids';
export * from './inbound/verify';
export * from './hydrate';
export * from './judge';
export * from './operations/request';
export * from './operations/rest';
export * from './operations/results';
export * from './polling/poll';
export * from './polling/records';
export type * from './host';
export type * from './provider';
export * from './subscriptions';
export * from './types';
export * from './voice';
export type * from './zapier';
