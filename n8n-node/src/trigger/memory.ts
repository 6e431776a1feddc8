// What a trigger must remember across deliveries and restarts: the event ids already run (a provider that sends one id
// per event and promises duplicates) and the record versions emitted (a provider that judges late deliveries).
//
// Why the run saves it, not the delivery: n8n 2.40 saves the static data a delivery changed only when it answers, and
// for a delivery that starts a run it answers after the run has begun, whose start resets the "changed" flag first, so
// the delivery's changes are dropped. Answering in the node instead (before the run exists) saved them, but under load
// n8n then failed to create or finish some runs whose deliveries had already been answered 200, and the provider does
// not send an answered delivery again. So a delivery decides from this process's memory (and the static data n8n
// loaded), n8n answers once the run exists (a failure is a 5xx the provider retries), and the run saves: the trigger's
// execute() writes the memory into the run's static data, which n8n saves when the run ends.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';
import { DEFAULT_SEEN_IDS, firstRun, type HostProvider, type SeenIds, type TriggerItem } from '@distribu/shared/kit';
import { scopeOf, type GuardVerdict } from './guards';
import { judgeLateDelivery } from './late';
import type { TriggerOptions } from './parameters';
import type { TriggerState } from './state';

/** What a delivery (delivery.ts) and the run (the node's execute()) do with the memory. */
export interface TriggerMemory {
	/** False for an event id that already ran, in this process or by the ids earlier runs saved; else notes it. */
	firstDelivery(ctx: IWebhookFunctions, state: TriggerState, item: TriggerItem): boolean;
	/** Late Deliveries: the item judged against the record versions remembered (and remembered). */
	judgeLate(ctx: IWebhookFunctions, state: TriggerState, options: TriggerOptions, item: TriggerItem): GuardVerdict;
	/** The delivery is answered with a run to come: until that run, the run of an earlier one leaves the saving to it. */
	awaitRun(ctx: IWebhookFunctions, state: TriggerState, id: string): void;
	/** n8n answered the delivery with an error (no run): the provider sends it again, and that attempt must run. */
	forget(ctx: IWebhookFunctions, state: TriggerState, id: string): void;
	/** The node's execute(): passes the delivery's items on and saves the memory into the run's static data. */
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]>;
}

/** Whether the host's trigger needs a memory its runs save: ids sent per event in a header, or late deliveries. */
export function keepsMemory(host: HostProvider): boolean {
	return persistsIds(host) || !!host.lateDeliveries;
}

function persistsIds(host: HostProvider): boolean {
	const id = host.provider.inbound.id;
	return typeof id === 'object' && 'header' in id;
}

/** This process's memory of one trigger (one workflow, node and mode). */
interface Remembered {
	seen: SeenIds;
	versions: Record<string, unknown>;
	/** Deliveries answered whose run has not executed yet (event id → when), so the last run of a burst saves for all. */
	pending: Map<string, number>;
	/** When a run last saved (or found nothing to save); 0: never. */
	savedAt: number;
}

/** A run waits for the runs of deliveries answered this recently before it; an older one may never come. */
const PENDING_MS = 60_000;
/** Under steady traffic some run is always pending: a run saves anyway once the last save is this old. */
const SAVE_EVERY_MS = 5_000;
const MAX_PENDING = 10_000;
const MAX_SCOPES = 1_000;
const memories = new Map<string, Remembered>();

/** The memory of the trigger in `ctx`, started from the static data n8n loaded the first time this process needs it. */
function rememberedBy(ctx: Parameters<typeof scopeOf>[0], state: TriggerState): Remembered {
	const scope = scopeOf(ctx);
	let memory = memories.get(scope);
	if (!memory) {
		if (memories.size >= MAX_SCOPES) memories.delete(memories.keys().next().value!);
		memory = { seen: { ids: idsOf(state.seenEvents) }, versions: copyOf(state.recordVersions), pending: new Map(), savedAt: 0 };
		memories.set(scope, memory);
	}
	return memory;
}

export function triggerMemory(host: HostProvider): TriggerMemory {
	const ids = persistsIds(host);
	return {
		firstDelivery(ctx, state, item) {
			if (!ids) return true;
			return !idsOf(state.seenEvents).includes(item.id) && firstRun(rememberedBy(ctx, state).seen, item.id);
		},
		judgeLate(ctx, state, options, item) {
			return judgeLateDelivery(host, rememberedBy(ctx, state).versions, options, item);
		},
		awaitRun(ctx, state, id) {
			const { pending } = rememberedBy(ctx, state);
			pending.delete(id);
			pending.set(id, Date.now());
			if (pending.size > MAX_PENDING) pending.delete(pending.keys().next().value!);
		},
		forget(ctx, state, id) {
			const memory = rememberedBy(ctx, state);
			memory.pending.delete(id);
			memory.seen.ids = idsOf(memory.seen).filter((seen) => seen !== id);
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const items = this.getInputData();
			const state = this.getWorkflowStaticData('node') as TriggerState;
			const memory = rememberedBy(this, state);
			const now = Date.now();
			// A delivery this process answered is in its memory already; one it did not (a queue-mode worker's) is learnt
			// from the item itself: its id and, with full records, its version.
			for (const { json } of items) {
				if (typeof json.id !== 'string' || memory.pending.delete(json.id)) continue;
				if (ids) firstRun(memory.seen, json.id);
				host.lateDeliveries?.judge(memory.versions, json as unknown as TriggerItem);
			}
			for (const [id, at] of memory.pending) if (now - at > PENDING_MS) memory.pending.delete(id);
			if (memory.pending.size === 0 || now - memory.savedAt >= SAVE_EVERY_MS) {
				save(state, memory, { ids, versions: !!host.lateDeliveries });
				memory.savedAt = now;
			}
			return [items];
		},
	};
}

/**
 * Writes only what differs, so n8n saves the static data only when the memory holds something new; never the id of a
 * delivery whose run has not executed yet (n8n may still answer it with an error, and its next attempt must run).
 */
function save(state: TriggerState, memory: Remembered, what: { ids: boolean; versions: boolean }): void {
	if (what.ids) {
		const saved = idsOf(state.seenEvents);
		const known = new Set(saved);
		const fresh = idsOf(memory.seen).filter((id) => !known.has(id) && !memory.pending.has(id));
		if (fresh.length > 0) state.seenEvents = { ids: [...saved, ...fresh].slice(-DEFAULT_SEEN_IDS) };
	}
	if (what.versions && JSON.stringify(state.recordVersions ?? {}) !== JSON.stringify(memory.versions)) {
		state.recordVersions = copyOf(memory.versions) as IDataObject;
	}
}

/** A plain copy: n8n's static data is a Proxy, which structuredClone refuses. */
function copyOf(store: object | undefined): Record<string, unknown> {
	return JSON.parse(JSON.stringify(store ?? {})) as Record<string, unknown>;
}

function idsOf(store: { ids?: unknown } | undefined): string[] {
	return Array.isArray(store?.ids) ? store.ids.filter((v): v is string => typeof v === 'string') : [];
}
