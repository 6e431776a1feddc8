import type { IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';
import { OrderGuard, orderingKeyOf, ReplayGuard, type HostEvent, type TriggerItem } from '@distribu/shared/kit';
import type { OutOfOrder } from './parameters';

/*
 * Memory of recent deliveries, kept per n8n process (the main instance, or each webhook process in
 * queue mode) and lost on restart: module state lives as long as the loaded node. Both are bounded
 * (oldest entries evicted) and shared by every trigger of the process, so keys carry the
 * workflow, the node and the mode: the same event reaching two workflows (or production and a
 * test listener) is not a replay.
 */
const replays = new ReplayGuard();
const order = new OrderGuard();

/** The same event reaching two workflows (or production and a test listener) is two events. */
export function scopeOf(ctx: Pick<IWebhookFunctions | IExecuteFunctions, 'getWorkflow' | 'getNode' | 'getMode'>): string {
	return `${ctx.getWorkflow().id ?? ''}|${ctx.getNode().id}|${ctx.getMode()}`;
}

export type GuardVerdict = { emit: true; item: TriggerItem } | { emit: false; reason: string };

/**
 * Exact replays (same event id) start no second run; a delivery older than one already emitted
 * for the same resource is emitted, marked or dropped as the Out-of-Order option says.
 */
export function guardDelivery(ctx: IWebhookFunctions, item: TriggerItem, outOfOrder: OutOfOrder, spec: HostEvent | undefined): GuardVerdict {
	const scope = scopeOf(ctx);
	if (!replays.firstSeen(`${scope}|${item.id}`)) {
		return { emit: false, reason: `event ${item.id} was already received (an exact replay or a duplicate delivery)` };
	}
	const key = orderingKeyOf(item, spec);
	if (!key || outOfOrder === 'emit') return { emit: true, item };
	const stale = order.check(`${scope}|${key}`, item.timestamp) === 'stale';
	if (outOfOrder === 'drop' && stale) {
		return {
			emit: false,
			reason: `event ${item.id} (${item.event}, ${item.timestamp}) is older than one already received for ${key}`,
		};
	}
	return { emit: true, item: outOfOrder === 'mark' ? { ...item, outOfOrder: stale } : item };
}

/** Forgets a delivery n8n answered with an error (it started no run): the provider's next attempt must run. */
export function releaseDelivery(ctx: IWebhookFunctions, item: TriggerItem): void {
	replays.release(`${scopeOf(ctx)}|${item.id}`);
}
