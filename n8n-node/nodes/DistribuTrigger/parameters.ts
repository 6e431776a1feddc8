import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { isKnownEvent } from '@distribu/shared/runtime';
import { DEFAULT_REPLAY_WINDOW_SECONDS } from './description';

type Context = IHookFunctions | IWebhookFunctions;

/** What happens to a delivery older than one already received for the same resource. */
export type OutOfOrder = 'emit' | 'mark' | 'drop';
const OUT_OF_ORDER: readonly OutOfOrder[] = ['emit', 'mark', 'drop'];

export interface TriggerOptions {
	fetchFullRecord: boolean;
	/** Seconds; 0 = off. */
	replayWindow: number;
	outOfOrder: OutOfOrder;
}

/** The selected event names, sorted and de-duplicated: the set Distribu's webhook must carry. */
export function selectedEvents(ctx: Context): string[] {
	const raw = ctx.getNodeParameter('events', []) as unknown;
	// An expression may yield a comma-separated string instead of a list.
	const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [];
	const names = [...new Set(list.map((name) => String(name).trim()).filter(Boolean))].sort();
	if (names.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'Select at least one event', {
			description: 'Distribu Trigger needs to know which Distribu events start this workflow.',
		});
	}
	const unknown = names.filter((name) => !isKnownEvent(name));
	if (unknown.length > 0) {
		throw new NodeOperationError(ctx.getNode(), `Unknown Distribu event: ${unknown.join(', ')}`, {
			description: 'Choose the events from the list in the Events parameter.',
		});
	}
	return names;
}

export function triggerOptions(ctx: Context): TriggerOptions {
	const options = (ctx.getNodeParameter('options', {}) ?? {}) as Partial<TriggerOptions>;
	const window = Number(options.replayWindow ?? DEFAULT_REPLAY_WINDOW_SECONDS);
	const outOfOrder = OUT_OF_ORDER.find((mode) => mode === options.outOfOrder) ?? 'emit';
	return {
		fetchFullRecord: options.fetchFullRecord === true,
		replayWindow: Number.isFinite(window) && window > 0 ? window : 0,
		outOfOrder,
	};
}
