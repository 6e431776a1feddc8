// Distribu's client for a bundle's connection: the generic Zapier transport (provider/connection.ts: time budget,
// https-only base URL, statuses as answers) with Distribu as the provider.
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { DistribuClient } from '@distribu/shared/runtime';
import { distribuHost } from '@distribu/shared/providers/distribu';
import { clientOf } from './provider/connection';

/** The shared Distribu client for this bundle's connection: what every operation talks to Distribu through. */
export function distribuClient(z: ZObject, bundle: Pick<Bundle, 'authData'>): DistribuClient {
  return clientOf(z, distribuHost, bundle) as DistribuClient;
}
