// The trigger's webhook methods for a provider whose webhooks are managed over its API (the kit's
// SubscriptionApi): checkExists, create and delete, with the kit's no-orphan registration, and what the
// provider's host data adds: `repair` (a webhook changed or disabled at the provider is put back),
// `repairsUrl` (also after the host's address moved), `rotation` (a rotated secret: the webhook is replaced,
// the rotated-away secret kept for its grace window), `disabledNote`.
import type { IHookFunctions } from 'n8n-workflow';
import { registerHook, removeHooksAt, SupersededError, type HostProvider, type RemoteHook, type RepairOutcome } from '@distribu/shared/kit';
import { hookApiOf, removeRotated, type HookApi } from './hook-api';
import { forget, previousSecrets, remember, triggerState, type StoredPrevious, type TriggerState } from './state';

/*
 * When n8n 2.40 calls these methods (read in its source, packages/cli: workflow-trigger-activator,
 * webhook-trigger-registrar, publication/trigger-diff, webhooks/test-webhooks):
 * - Publish: checkExists, then create only when it returned false. When create throws, n8n calls
 *   delete() with the same static data, and retries the whole step up to 5 times.
 * - Publish again: only if the trigger node changed (its parameters, credentials, name, type,
 *   version or webhook id) n8n calls delete() and then checkExists/create. An unchanged trigger
 *   gets no call at all, so a webhook disabled, deleted or rotated at the provider is not
 *   noticed by publishing again; unpublish and publish does it.
 * - Unpublish: delete().
 * - Restart: nothing; n8n serves webhooks from its database (with
 *   N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false, checkExists/create as on publish).
 * - "Listen for test event": checkExists/create at the test URL with fresh, empty static data that
 *   n8n never saves; delete() when the test stops.
 * n8n offers a webhook node no other hook (no schedule: verified-node rules also forbid timers),
 * so between activations the node learns of changes at the provider only from deliveries (rotation.ts).
 * Webhooks at other URLs are never touched: they belong to other workflows or integrations.
 */

export interface WebhookMethods {
	checkExists(this: IHookFunctions): Promise<boolean>;
	create(this: IHookFunctions): Promise<boolean>;
	delete(this: IHookFunctions): Promise<boolean>;
}

/**
 * n8n's webhook URLs end in `<node webhookId>/<path>`; what comes before (host, `webhook` or
 * `webhook-test` prefix) changes when WEBHOOK_URL changes. Same ending = this node's webhook.
 */
function sameNode(a: string, b: string): boolean {
	const tail = (url: string) => {
		try {
			return new URL(url).pathname.split('/').filter(Boolean).slice(-2).join('/');
		} catch {
			return url;
		}
	};
	return tail(a) === tail(b);
}

/**
 * URLs where a concurrent registration of the same URL won (this process's registration stepped
 * back): the delete() n8n runs after the failed create must not remove the winner. Bounded.
 */
const SUPERSEDED_TTL_MS = 10 * 60_000;
const superseded = new Map<string, { keptId: string; at: number }>();

function rememberSuperseded(url: string, keptId: string): void {
	superseded.delete(url);
	superseded.set(url, { keptId, at: Date.now() });
	if (superseded.size > 100) superseded.delete(superseded.keys().next().value!);
}

function keptAfterSupersede(url: string): string | undefined {
	const entry = superseded.get(url);
	if (!entry) return undefined;
	if (Date.now() - entry.at > SUPERSEDED_TTL_MS) {
		superseded.delete(url);
		return undefined;
	}
	return entry.keptId;
}

/** Carries out what `repair` found: true when the stored webhook stays, false when create must register one. */
function afterRepair(ctx: IHookFunctions, hooks: HookApi, state: TriggerState, outcome: RepairOutcome, url: string, events: string[]): boolean {
	const { label } = hooks;
	const id = state.webhookId;
	const repairing = (changed: string[]) => ctx.logger.info(`${label}: repairing webhook ${id} (${changed.join(', ')} changed since it was registered).`);
	switch (outcome.kind) {
		case 'healthy':
			return true;
		case 're-enabled':
			ctx.logger.warn(`${label}: ${outcome.note ?? `webhook ${id} was disabled and is enabled again.`}`);
			return true;
		case 'repaired':
			repairing(outcome.changed);
			state.webhookUrl = url;
			state.webhookEvents = events;
			return true;
		case 'rotated':
			// The new secret is never shown over the API: create() registers a fresh webhook first and only then
			// removes this one, so nothing is missed.
			ctx.logger.warn(`${label}: the signing secret of webhook ${id} was rotated in ${hooks.host.names.displayName}; replacing the webhook so deliveries keep verifying.`);
			return false;
		case 'foreign':
			// Static data copied from another workflow (an import, say): that webhook is not ours.
			ctx.logger.warn(`${label}: stored webhook ${id} belongs to another node's URL; leaving it alone and registering a new one.`);
			forget(state);
			return false;
		case 'missing':
			if (outcome.changed) repairing(outcome.changed);
			else ctx.logger.info(`${label}: ${outcome.note ?? `webhook ${id} is gone; registering a new one.`}`);
			forget(state);
			return false;
	}
}

/** n8n's webhook methods over the provider's SubscriptionApi. Webhooks at other URLs are never touched. */
export function apiWebhookMethods(host: HostProvider, capDescription?: string): WebhookMethods {
	const hooks = hookApiOf(host, capDescription);
	const { subscription, label } = hooks;

	/**
	 * For a provider that repairs or rotates: the stored webhook if it is still at this URL, adopted (put back
	 * as registered, leftovers beside it removed: their secrets are unknown) or, when its secret was rotated
	 * away, kept (until `until`) while its replacement is registered.
	 */
	async function storedAt(ctx: IHookFunctions, state: TriggerState, api: Awaited<ReturnType<HookApi['api']>>, url: string, events: string[]) {
		if (!state.webhookId || !(subscription.repair || subscription.rotation)) return undefined;
		const here: RemoteHook[] = await hooks.withErrors(ctx, () => api.hooksAt(url));
		const stored = here.find((hook) => hook.id === state.webhookId);
		if (!stored || !state.webhookSecret) return undefined;
		const until = api.rotatedUntil?.(stored);
		if (until !== undefined) return { rotated: { secret: state.webhookSecret, until, webhookId: stored.id } as StoredPrevious };
		const adopted = await hooks.withErrors(ctx, async () => {
			const removed = await removeHooksAt(api, url, (hook) => hook.id === stored.id);
			if (removed.length > 0) ctx.logger.warn(`${label}: removed webhook(s) ${removed.join(', ')}, left at this node's URL earlier (their signing secrets are unknown).`);
			if (!subscription.repair) return true;
			const outcome = await subscription.repair(await hooks.client(ctx), { id: stored.id, url, events });
			return outcome.kind === 'healthy' || outcome.kind === 'repaired' || outcome.kind === 're-enabled';
		});
		return adopted ? { adopted: true as const } : undefined;
	}

	return {
		/** True when the stored webhook is still there (repaired if the provider allows); false makes n8n call create. */
		async checkExists(this: IHookFunctions): Promise<boolean> {
			const state = triggerState(this);
			const id = state.webhookId;
			if (!id) return false;
			if (!state.webhookSecret) {
				// Without its secret no delivery can be verified; create replaces the webhook.
				this.logger.warn(`${label}: webhook ${id} has no stored signing secret; replacing it.`);
				forget(state);
				return false;
			}
			const url = hooks.url(this);
			if (subscription.repair && (subscription.repairsUrl || state.webhookUrl === url)) {
				const events = hooks.events(this);
				const client = await hooks.client(this);
				const outcome = await hooks.withErrors(this, () => subscription.repair!(client, { id, url, events, isOurs: (remote) => sameNode(remote, url) }));
				return afterRepair(this, hooks, state, outcome, url, events);
			}
			const api = await hooks.api(this);
			const here = await hooks.withErrors(this, () => api.hooksAt(url));
			if (here.some((hook) => hook.id === id) && state.webhookUrl === url) return true;
			this.logger.info(`${label}: webhook ${id} is no longer at this node's URL; registering a new one.`);
			forget(state);
			return false;
		},
		async create(this: IHookFunctions): Promise<boolean> {
			const state = triggerState(this);
			const url = hooks.url(this);
			const events = hooks.events(this);
			const api = await hooks.api(this);
			const stored = await storedAt(this, state, api, url, events);
			if (stored?.adopted) {
				state.webhookUrl = url;
				state.webhookEvents = events;
				return true;
			}
			const rotated = stored?.rotated;
			// registerHook removes leftovers at exactly this URL first, keeps the rotated webhook (it still
			// delivers) and, once ours exists, keeps only the newest webhook at the URL.
			const created = await hooks.withErrors(this, () =>
				registerHook(api, hooks.words, { url, events }, { keep: (hook) => hook.id === rotated?.webhookId, log: (line) => this.logger.warn(`${label}: ${line}`) }).catch(
					(error: unknown) => {
						if (error instanceof SupersededError && error.keptId) rememberSuperseded(url, error.keptId);
						throw error;
					},
				),
			);
			const previous = rotated ? [...previousSecrets(state).filter((p) => p.until > Date.now()), rotated] : [];
			remember(state, { id: created.id, secret: created.secret, url, events }, previous);
			this.logger.info(`${label}: registered webhook ${created.id} for ${events.join(', ')}.`);
			if (rotated) await removeRotated(hooks, this, api, rotated.webhookId!);
			return true;
		},
		/**
		 * Removes the stored webhook, rotated ones it still tracks, and anything else at this node's own URL
		 * (production or test, whichever this call is for): after a create whose outcome was unknown n8n calls
		 * delete() with no stored id, and what that create may have made sits exactly there. A webhook kept by a
		 * concurrent registration that won (see create) is left alone.
		 */
		async delete(this: IHookFunctions): Promise<boolean> {
			const state = triggerState(this);
			const url = hooks.url(this);
			const kept = keptAfterSupersede(url);
			const api = await hooks.api(this);
			// On a failure the id stays stored, so the next activation finds and reuses (or removes) this webhook.
			const removed = await hooks.withErrors(this, async () => {
				if (state.webhookId && subscription.disabledNote) {
					const webhookId = state.webhookId;
					// A note about a disabled webhook must not stop its removal.
					const note = await subscription.disabledNote(await hooks.client(this), { id: webhookId, events: state.webhookEvents ?? hooks.events(this) }).catch(() => undefined);
					if (note) this.logger.warn(`${label}: ${note}`);
				}
				// A webhook already gone counts as deleted. Rotated webhooks not removed yet go too, wherever they
				// point (one registered under an older n8n address, say).
				if (state.webhookId) await api.remove(state.webhookId);
				for (const { webhookId } of previousSecrets(state)) if (webhookId) await api.remove(webhookId);
				return removeHooksAt(api, url, (hook) => hook.id === kept);
			});
			if (removed.length > 0) this.logger.info(`${label}: removed webhook(s) ${removed.join(', ')} at this node's URL.`);
			forget(state);
			return true;
		},
	};
}
