// What a provider is, to the kit: data plus a few small functions. The kit names no provider;
// each provider (shared/src/providers/<id>/) fills these in. Types only.
import type { EventIdSource } from './inbound/event-id';
import type { NormalizeSpec } from './inbound/normalize';
import type { SignatureScheme } from './inbound/verify';
import type { ManualSubscription, SubscriptionApi } from './subscriptions';
import type { ErrorVoice } from './voice';

export type { SignatureScheme, EventIdSource, SubscriptionApi, ManualSubscription, ErrorVoice };

/** How deliveries are verified and read. */
export interface Inbound extends NormalizeSpec {
  scheme: SignatureScheme;
  id: EventIdSource;
  /** Where the delivery's time is, for replay windows and ordering. */
  timestamp?: { header: string; unit: 's' | 'ms' } | { bodyPath: string; format: 'iso' };
}

/** How a host authenticates to the provider's API. */
export type AuthSpec =
  | { kind: 'api-key'; header: string; scheme?: 'Bearer'; /** what a key looks like, to redact it */ pattern?: RegExp }
  | { kind: 'oauth2-client-credentials'; tokenUrl: string; audience?: string; scopes?: string[] };

export interface Provider<Client = unknown> {
  /** Lower-case id, used in file and package names. */
  id: string;
  /** The provider's name: every user-facing sentence takes it from here (via the voice). */
  name: string;
  inbound: Inbound;
  /** Over the provider's webhook API (given an API client), or manual. */
  subscription: { mode: 'api'; cap: number; over(client: Client): SubscriptionApi } | ManualSubscription;
  auth: AuthSpec;
  voice: ErrorVoice;
}
