import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

type Context = IHookFunctions | IWebhookFunctions;

/** Default replay window: a genuine delivery is seconds old (providers that retry sign the retry's time). */
export const DEFAULT_REPLAY_WINDOW_SECONDS = 300;

/** What happens to a delivery older than one already received for the same resource. */
export type OutOfOrder = 'emit' | 'mark' | 'drop';
const OUT_OF_ORDER: readonly OutOfOrder[] = ['emit', 'mark', 'drop'];

/** What happens to a late delivery (a provider's lateDeliveries judge; only with full records). */
export type LateDeliveries = 'mark' | 'drop';

export interface TriggerOptions {
	fetchFullRecord: boolean;
	ignoreOwnChanges: boolean;
	/** Seconds; 0 = off. */
	replayWindow: number;
	outOfOrder: OutOfOrder;
	lateDeliveries: LateDeliveries;
}

/** The selected event names, sorted and de-duplicated: the set the provider's webhook must carry. */
export function selectedEventsOf(ctx: Context, name: string, isKnown: (event: string) => boolean): string[] {
	const raw = ctx.getNodeParameter('events', []) as unknown;
	// An expression may yield a comma-separated string instead of a list.
	const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [];
	const names = [...new Set(list.map((event) => String(event).trim()).filter(Boolean))].sort();
	if (names.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'Select at least one event', {
			description: `${name} Trigger needs to know which ${name} events start this workflow.`,
		});
	}
	const unknown = names.filter((event) => !isKnown(event));
	if (unknown.length > 0) {
		throw new NodeOperationError(ctx.getNode(), `Unknown ${name} event: ${unknown.join(', ')}`, {
			description: 'Choose the events from the list in the Events parameter.',
		});
	}
	return names;
}

/** `defaults`: what an option the user has not added means (a provider with code-only payloads fetches full records unless told not to). */
export function triggerOptions(ctx: Context, defaults: { fetchFullRecord?: boolean } = {}): TriggerOptions {
	const options = (ctx.getNodeParameter('options', {}) ?? {}) as Partial<TriggerOptions>;
	const window = Number(options.replayWindow ?? DEFAULT_REPLAY_WINDOW_SECONDS);
	const outOfOrder = OUT_OF_ORDER.find((mode) => mode === options.outOfOrder) ?? 'emit';
	return {
		fetchFullRecord: typeof options.fetchFullRecord === 'boolean' ? options.fetchFullRecord : defaults.fetchFullRecord === true,
		ignoreOwnChanges: options.ignoreOwnChanges === true,
		replayWindow: Number.isFinite(window) && window > 0 ? window : 0,
		outOfOrder,
		lateDeliveries: options.lateDeliveries === 'drop' ? 'drop' : 'mark',
	};
}
