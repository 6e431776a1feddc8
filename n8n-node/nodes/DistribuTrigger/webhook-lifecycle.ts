import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { DistribuClient, Webhook } from '../../../shared/src/runtime';
import { selectedEvents } from './parameters';
import { forget, remember, triggerState, type TriggerState } from './state';
import { distribuClient, isNotFound, toNodeApiError } from './transport';

/*
 * n8n calls checkExists on every publish, update and test run and, only when it returns false,
 * create; delete on unpublish, after a failed activation and when a test run ends. Only
 * checkExists's answer counts, so it asks Distribu instead of trusting static data, and create
 * cleans up what an earlier crash left at this node's URL. Webhooks at other URLs are never
 * touched: they belong to other workflows or integrations.
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

	let remote: Webhook;
	try {
		remote = await client.getWebhook(id);
	} catch (error) {
		if (isNotFound(error)) {
			this.logger.info(`Distribu Trigger: webhook ${id} no longer exists in Distribu; creating a new one.`);
			forget(state);
			return false;
		}
		throw toNodeApiError(this.getNode(), error);
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
		// The secret was rotated in Distribu's dashboard; the new one is never shown over the API,
		// so once the grace window ends every delivery would fail verification. Start afresh.
		this.logger.warn(
			`Distribu Trigger: the signing secret of webhook ${id} was rotated in Distribu; replacing the webhook so deliveries keep verifying.`,
		);
		try {
			await client.deleteWebhook(id);
		} catch (error) {
			throw toNodeApiError(this.getNode(), error);
		}
		forget(state);
		return false;
	}

	const patch = repairFor(remote, url, events);
	if (Object.keys(patch).length === 0) return true;
	this.logger.info(
		`Distribu Trigger: repairing webhook ${id} (${Object.keys(patch).join(', ')} changed since it was registered).`,
	);
	try {
		await client.updateWebhook(id, patch);
	} catch (error) {
		if (isNotFound(error)) {
			forget(state);
			return false;
		}
		throw toNodeApiError(this.getNode(), error);
	}
	state.webhookUrl = url;
	state.webhookEvents = events;
	return true;
}

/**
 * Webhooks at exactly this node's URL that this state does not know are leftovers of a crash or
 * of lost static data; their secrets are unknown, so they are removed rather than adopted.
 * Returns the webhook this state still owns at the URL, if any (adopted, repaired).
 */
async function settleWebhooksAtUrl(
	ctx: IHookFunctions,
	client: DistribuClient,
	state: TriggerState,
	url: string,
	events: string[],
): Promise<Webhook | undefined> {
	let owned: Webhook | undefined;
	for (const hook of await client.listWebhooks()) {
		if (hook.url !== url) continue;
		if (hook.id === state.webhookId && state.webhookSecret && !hook.secretRotationGraceExpiresAt) {
			owned = hook;
			continue;
		}
		ctx.logger.warn(
			`Distribu Trigger: removing webhook ${hook.id}, left at this node's URL by an earlier activation (its signing secret is unknown).`,
		);
		await client.deleteWebhook(hook.id);
	}
	if (owned) {
		const patch = repairFor(owned, url, events);
		if (Object.keys(patch).length > 0) await client.updateWebhook(owned.id, patch);
	}
	return owned;
}

export async function create(this: IHookFunctions): Promise<boolean> {
	const state = triggerState(this);
	const url = webhookUrl(this);
	const events = selectedEvents(this);
	const client = await distribuClient(this);
	try {
		const owned = await settleWebhooksAtUrl(this, client, state, url, events);
		if (owned) {
			state.webhookUrl = url;
			state.webhookEvents = events;
			return true;
		}
		const created = await client.createWebhook({ url, events, isActive: true });
		remember(state, { id: created.id, secret: created.secret, url, events });
		this.logger.info(`Distribu Trigger: registered webhook ${created.id} for ${events.join(', ')}.`);
		return true;
	} catch (error) {
		throw toNodeApiError(this.getNode(), error);
	}
}

export async function deleteWebhook(this: IHookFunctions): Promise<boolean> {
	const state = triggerState(this);
	const id = state.webhookId;
	if (!id) {
		forget(state);
		return true;
	}
	const client = await distribuClient(this);
	try {
		// A webhook already gone (404) counts as deleted.
		await client.deleteWebhook(id);
	} catch (error) {
		// The id stays stored, so the next activation finds and reuses this webhook.
		throw toNodeApiError(this.getNode(), error);
	}
	forget(state);
	return true;
}
