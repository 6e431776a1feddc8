// Late deliveries: after Fetch Full Record, the provider's judge (HostProvider.lateDeliveries) tells a delivery
// whose record this trigger already emitted at the same or a newer version. The versions live in the trigger's memory,
// which its runs save into the workflow's static data (memory.ts), so a late delivery is told after a restart too.
import type { HostProvider, TriggerItem } from '@distribu/shared/kit';
import type { GuardVerdict } from './guards';
import type { TriggerOptions } from './parameters';

/** Marks or drops a late item; with full records off (no version to compare) the item goes as it is. */
export function judgeLateDelivery(host: HostProvider, versions: Record<string, unknown>, options: TriggerOptions, item: TriggerItem): GuardVerdict {
	if (!host.lateDeliveries || !host.hydrate || !options.fetchFullRecord) return { emit: true, item };
	const verdict = host.lateDeliveries.judge(versions, item);
	if (options.lateDeliveries === 'drop') {
		return verdict.late ? { emit: false, reason: `event ${item.id} is late: ${verdict.reason}` } : { emit: true, item };
	}
	return { emit: true, item: verdict.late ? { ...item, late: true, lateReason: verdict.reason } : { ...item, late: false } };
}
