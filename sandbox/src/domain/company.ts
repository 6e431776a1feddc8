import type { Emitter } from '../outbound/emitter';
import type { Store } from '../state/store';

/**
 * What the domain code knows of one company: its records, where its events go, its storefront's
 * slug and its webhook cap. `SandboxCore` is one; the domain never sees delivery settings or faults.
 */
export interface Company {
  readonly store: Store;
  readonly emitter: Emitter;
  readonly storeSlug: string;
  readonly webhookCap: number;
}
