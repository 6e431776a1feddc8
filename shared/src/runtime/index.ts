// What runs inside Zapier and n8n: no zod, only node:crypto. Each connector's build bundles this.
export * from './catalog';
export * from './client';
export * from './dedupe';
export * from './errors';
export * from './normalize';
export * from './operation-request';
export * from './operation-types';
export * from './operations';
export * from './order-rules';
export * from './paginate';
export * from './polling';
export * from './records';
export * from './replay';
export * from './signature';
export * from './subscriptions';
export * from './types';
// The kit's one decision per delivery, which both connectors carry out (shared/src/kit/judge.ts).
export { judge, secretsFor, type Decision, type Health, type HostAbilities, type RaiseKind } from '../kit/judge';
export type { Verdict } from '../kit/inbound/verify';
