import type { IWebhookFunctions } from 'n8n-workflow';
import { getEvent, type TriggerItem } from '@distribu/shared/runtime';
import { guardDelivery as guard, type GuardVerdict } from '../../src/trigger/guards';
import type { OutOfOrder } from './parameters';

export type { GuardVerdict };

/** The trigger's replay and ordering guards (n8n-node/src/trigger/guards.ts) with Distribu's catalog. */
export function guardDelivery(ctx: IWebhookFunctions, item: TriggerItem, outOfOrder: OutOfOrder): GuardVerdict {
	return guard(ctx, item, outOfOrder, getEvent(item.event));
}
