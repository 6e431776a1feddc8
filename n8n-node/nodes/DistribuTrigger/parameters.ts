import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { isKnownEvent } from '@distribu/shared/runtime';
import { selectedEventsOf } from '../../src/trigger/parameters';

export { triggerOptions, type OutOfOrder, type TriggerOptions } from '../../src/trigger/parameters';

/** Distribu's selected events (n8n-node/src/trigger/parameters.ts), checked against its catalog. */
export function selectedEvents(ctx: IHookFunctions | IWebhookFunctions): string[] {
	return selectedEventsOf(ctx, 'Distribu', isKnownEvent);
}
