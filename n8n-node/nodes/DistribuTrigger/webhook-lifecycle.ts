import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	registerWebhook,
	removeWebhooksAt,
	SupersededError,
	type DistribuClient,
	type Webhook,
} from '@distribu/shared/runtime';
import { selectedEvents } from './parameters';
import { removeRotated } from './rotation';
import { forget, previousSecrets, remember, triggerState, type StoredPrevious, type TriggerState } from './state';
import { distribuClient, unlessNotFound, withNodeErrors } from '../shared/transport';

/*
 * When n8n 2.40 calls these methods (read in its source, packages/cli: workflow-trigger-activator,
 * webhook-trigger-registrar, publication/trigger-diff, webhooks/test-webhooks):
 * - Publish: checkExists, then create only when it returned false. When create throws, n8n calls
 *   delete() with the same static data, and retries the whole step up to 5 times.
 * - Publish again: only if the trigger node changed (its parameters, credentials, name, type,
 *   version or webhook id) n8n calls delete() and then checkExists/create. An unchanged trigger
 *   gets no call at all, so a webhook disabled, deleted or rotated in Distribu's dashboard is not
 *   noticed by publishing again; unpublish and publish does it.
 * - Unpublish: delete().
 * - Restart: nothing; n8n serves webhooks from its database (with
 *   N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false, checkExists/create as on publish).
 * - "Listen for test event": checkExists/create at the test URL with fresh, empty static data that
 *   n8n never saves; delete() when the test stops.
 * n8n offers a webhook node no other hook (no schedule: verified-node rules also forbid timers),
 * so between activations the node learns of dashboard changes only from deliveries (rotation.ts).
 * Webhooks at other URLs are never touched: they belong to other workflows or integrations.
 */

function webhookUrl(ctx: IHookFunctions): string {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(ctx.getNode(), 'n8n did not provide a webhook URL for this node');
	return url;
}

function sameEvents(a: readonly string[], b: readonly string[]): boolean {
	const left = [...new Set(a)].sort();
	const right = [...new Set(b)].sort();
	return left.length === right.length && left.every((name, i) => name === right[i]);
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

type Repair = Partial<Pick<Webhook, 'url' | 'events' | 'isActive'>>;

/** What to PATCH so the remote webhook delivers the selected events to this URL again. */
function repairFor(remote: Webhook, url: string, events: string[]): Repair {
	const patch: Repair = {};
	if (remote.url !== url) patch.url = url;
	if (!Array.isArray(remote.events) || !sameEvents(remote.events, events)) patch.events = events;
	if (remote.isActive !== true) patch.isActive = true;
	return patch;
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

/** True when the webhook is there (repaired if needed); false when create must make one. */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const state = triggerState(this);
	const id = state.webhookId;
	if (!id) return false;
	if (!state.webhookSecret) {
		// Without its secret no delivery can be verified; create replaces the webhook.
		this.logger.warn(`Distribu Trigger: webhook ${id} has no stored signing secret; replacing it.`);
		forget(state);
		return false;
	}
	const url = webhookUrl(this);
	const events = selectedEvents(this);
	const client = await distribuClient(this);

	const remote = await withNodeErrors(this.getNode(), () => unlessNotFound(client.getWebhook(id)));
	if (!remote) {
		this.logger.info(`Distribu Trigger: webhook ${id} no longer exists in Distribu; creating a new one.`);
		forget(state);
		return false;
	}

	if (!sameNode(remote.url, url)) {
		// Static data copied from another workflow (an import, say): that webhook is not ours.
		this.logger.warn(
			`Distribu Trigger: stored webhook ${id} belongs to another node's URL; leaving it alone and registering a new one.`,
		);
		forget(state);
		return false;
	}

	if (remote.secretRotationGraceExpiresAt) {
		// Rotated in Distribu's dashboard: the new secret is never shown over the API. create()
		// registers a fresh webhook first and only then removes this one, so nothing is missed.
		this.logger.warn(
			`Distribu Trigger: the signing secret of webhook ${id} was rotated in Distribu; replacing the webhook so deliveries keep verifying.`,
		);
		return false;
	}

	const patch = repairFor(remote, url, events);
	if (Object.keys(patch).length === 0) return true;
	this.logger.info(
		`Distribu Trigger: repairing webhook ${id} (${Object.keys(patch).join(', ')} changed since it was registered).`,
	);
	if (!(await withNodeErrors(this.getNode(), () => unlessNotFound(client.updateWebhook(id, patch))))) {
		forget(state);
		return false;
	}
	state.webhookUrl = url;
	state.webhookEvents = events;
	return true;
}

/** The webhook this state still owns at the URL with a secret that verifies, if any. */
function ownedHealthy(state: TriggerState, here: Webhook[]): Webhook | undefined {
	if (!state.webhookSecret) return undefined;
	return here.find((hook) => hook.id === state.webhookId && !hook.secretRotationGraceExpiresAt);
}

/** The stored webhook, when Distribu shows its secret rotated: kept until the new one exists. */
function ownedRotated(state: TriggerState, here: Webhook[]): { hook: Webhook; previous: StoredPrevious } | undefined {
	const hook = here.find((h) => h.id === state.webhookId && h.secretRotationGraceExpiresAt);
	const until = Date.parse(hook?.secretRotationGraceExpiresAt ?? '');
	if (!hook || !state.webhookSecret || !Number.isFinite(until)) return undefined;
	return { hook, previous: { secret: state.webhookSecret, until, webhookId: hook.id } };
}

/** Adopts the owned webhook: repairs it and removes leftovers beside it (their secrets are unknown). */
async function adopt(ctx: IHookFunctions, client: DistribuClient, owned: Webhook, events: string[]) {
	const removed = await removeWebhooksAt(client, owned.url, (hook) => hook.id === owned.id);
	if (removed.length > 0) {
		ctx.logger.warn(`Distribu Trigger: removed webhook(s) ${removed.join(', ')}, left at this node's URL earlier (their signing secrets are unknown).`);
	}
	const patch = repairFor(owned, owned.url, events);
	if (Object.keys(patch).length > 0) await client.updateWebhook(owned.id, patch);
}

export async function create(this: IHookFunctions): Promise<boolean> {
	const state = triggerState(this);
	const url = webhookUrl(this);
	const events = selectedEvents(this);
	const client = await distribuClient(this);
	// Only a stored webhook can be adopted; without one, registerWebhook's own look suffices.
	const here = state.webhookId ? await withNodeErrors(this.getNode(), () => client.webhooksAt(url)) : [];
	const owned = ownedHealthy(state, here);
	if (owned) {
		await withNodeErrors(this.getNode(), () => adopt(this, client, owned, events));
		state.webhookUrl = url;
		state.webhookEvents = events;
		return true;
	}
	const rotated = ownedRotated(state, here);
	// registerWebhook removes leftovers at exactly this URL first, keeps the rotated webhook
	// (it still delivers) and, once ours exists, keeps only the newest webhook at the URL.
	const created = await withNodeErrors(this.getNode(), () =>
		registerWebhook(
			client,
			{ url, events },
			{
				keep: (hook) => hook.id === rotated?.hook.id,
				log: (line) => this.logger.warn(`Distribu Trigger: ${line}`),
			},
		).catch((error: unknown) => {
			if (error instanceof SupersededError && error.keptId) rememberSuperseded(url, error.keptId);
			throw error;
		}),
	);
	const previous = rotated ? [...previousSecrets(state).filter((p) => p.until > Date.now()), rotated.previous] : [];
	remember(state, { id: created.id, secret: created.secret, url, events }, previous);
	this.logger.info(`Distribu Trigger: registered webhook ${created.id} for ${events.join(', ')}.`);
	if (rotated) await removeRotated(this, client, rotated.hook.id);
	return true;
}

/**
 * Removes the stored webhook, rotated ones it still tracks, and anything else at this node's own URL (production or test,
 * whichever this call is for): after a create whose outcome was unknown n8n calls delete() with
 * no stored id, and what that create may have made sits exactly there. A webhook kept by a
 * concurrent registration that won (see create) is left alone.
 */
export async function deleteWebhook(this: IHookFunctions): Promise<boolean> {
	const state = triggerState(this);
	const url = webhookUrl(this);
	const kept = keptAfterSupersede(url);
	const client = await distribuClient(this);
	// On a failure the id stays stored, so the next activation finds and reuses (or removes) this webhook.
	const removed = await withNodeErrors(this.getNode(), async () => {
		// A webhook already gone (404) counts as deleted. Rotated webhooks not removed yet go too,
		// wherever they point (one registered under an older n8n address, say).
		if (state.webhookId) await client.deleteWebhook(state.webhookId);
		for (const { webhookId } of previousSecrets(state)) if (webhookId) await client.deleteWebhook(webhookId);
		return removeWebhooksAt(client, url, (hook) => hook.id === kept);
	});
	if (removed.length > 0) this.logger.info(`Distribu Trigger: removed webhook(s) ${removed.join(', ')} at this node's URL.`);
	forget(state);
	return true;
}
