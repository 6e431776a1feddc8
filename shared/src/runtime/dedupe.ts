/**
 * Per-process memory of deliveries already seen: the kit's bounded guards
 * (shared/src/kit/inbound/guards.ts), with Distribu's catalog for the ordering key.
 */
import { orderingKeyOf, OrderGuard, ReplayGuard } from '../kit/inbound/guards';
import { getEvent } from './catalog';
import type { TriggerItem } from './types';

export { OrderGuard, ReplayGuard };

/**
 * Which resource a delivery is about, e.g. `order:clx…`, from the catalog's resource name and id
 * key: deliveries with the same key describe the same record, so their timestamps compare.
 * Undefined when the event has no resource id (invoice.paid) or is unknown.
 */
export function orderingKey(item: TriggerItem): string | undefined {
  return orderingKeyOf(item, getEvent(item.event));
}
