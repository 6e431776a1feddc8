import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import {
	registerWebhook,
	SupersededError,
	verify,
	type DistribuClient,
	type Headers,
} from '../../../shared/src/runtime';
import { selectedEvents } from './parameters';
import { previousSecrets, remember, type StoredPrevious, type TriggerState } from './state';
import { distribuClient, toNodeError } from './transport';

/*
 * Self-healing after a secret rotation in Distribu's dashboard. Distribu never shows the new secret
 * over the API, so once the grace window ends every genuine delivery would fail verification. The
 * first delivery that verifies only through X-Webhook-Signature-Old proves the rotation; the node
 * then registers a fresh webhook at the same URL (a secret it knows), keeps the old secret as
 * `previous` (accepted only in X-Webhook-Signature-Old, only until the grace end) and removes the
 * rotated webhook. While both exist Distribu sends each event to both, with the same body: the
 * replay guard lets the second copy start no run.
 *
 * n8n 2.40 saves the workflow's static data after a production webhook() call that returns
 * normally (LiveWebhooks.executeWebhook → saveStaticData), so the new secret is kept. In "Listen
 * for test event" it is not (test static data lives only in the test registration, and n8n deletes
 * the test webhook with the copy it took at registration), so test listeners never heal.
 */

/** A failed heal is tried again on a later delivery, at most once a minute per webhook. */
const RETRY_AFTER_MS = 60_000;
/** Used when Distribu shows no grace end: the rotated webhook is removed anyway, so this only covers deliveries in flight. */
const FALLBACK_GRACE_MS = 10 * 60_000;
const MAX_TRACKED = 1_000;
/** Webhook id → when this process last started healing it (one heal at a time, bounded). */
const attempts = new Map<string, number>();

function claim(id: string, now: number): boolean {
	const last = attempts.get(id);
	if (last !== undefined && now - last < RETRY_AFTER_MS) return false;
	attempts.delete(id);
	attempts.set(id, now);
	if (attempts.size > MAX_TRACKED) attempts.delete(attempts.keys().next().value!);
	return true;
}

async function graceEnd(client: DistribuClient, id: string, now: number): Promise<number> {
	const remote = await client.getWebhook(id);
	const end = Date.parse(remote.secretRotationGraceExpiresAt ?? '');
	return Number.isFinite(end) && end > now ? end : now + FALLBACK_GRACE_MS;
}

/** Replaces the rotated webhook; never throws (the delivery that revealed it is still emitted). */
export async function healRotation(ctx: IWebhookFunctions, state: TriggerState): Promise<void> {
	const oldId = state.webhookId;
	const oldSecret = state.webhookSecret;
	if (!oldId || !oldSecret) return;
	if (ctx.getMode() === 'manual') {
		ctx.logger.warn(
			'Distribu Trigger: the signing secret of the test webhook was rotated in Distribu; it verifies until the grace window ends and is removed when the test stops.',
		);
		return;
	}
	const now = Date.now();
	const url = ctx.getNodeWebhookUrl('default');
	if (!url || !claim(oldId, now)) return;
	let client: DistribuClient;
	try {
		client = await distribuClient(ctx);
		const previous: StoredPrevious[] = [
			...previousSecrets(state).filter((p) => p.until > now),
			{ secret: oldSecret, until: await graceEnd(client, oldId, now), webhookId: oldId },
		];
		const created = await registerWebhook(
			client,
			{ url, events: selectedEvents(ctx) },
			{ keep: (hook) => hook.id === oldId, log: (line) => ctx.logger.warn(`Distribu Trigger: ${line}`) },
		);
		remember(state, { id: created.id, secret: created.secret, url, events: created.events }, previous);
		ctx.logger.warn(
			`Distribu Trigger: the signing secret of webhook ${oldId} was rotated in Distribu; registered webhook ${created.id} at the same URL with a new secret. The old secret is accepted only as X-Webhook-Signature-Old until ${new Date(previous.at(-1)!.until).toISOString()}.`,
		);
	} catch (error) {
		if (error instanceof SupersededError) {
			ctx.logger.info(`Distribu Trigger: another n8n process replaced rotated webhook ${oldId} at the same moment; its webhook is kept.`);
			return;
		}
		const message = toNodeError(ctx.getNode(), error).message;
		ctx.logger.warn(`Distribu Trigger: rotated webhook ${oldId} not replaced yet: ${message} Retried on a later delivery.`);
		return;
	}
	// registerWebhook keeps the rotated webhook (it still delivers) until ours exists; remove it now.
	await removeRotated(ctx, client, oldId);
}

/** Never throws: the new webhook is already stored, and the rotated one is tracked in previousSecrets. */
export async function removeRotated(ctx: IHookFunctions | IWebhookFunctions, client: DistribuClient, id: string): Promise<void> {
	try {
		if (await client.deleteWebhook(id)) ctx.logger.info(`Distribu Trigger: removed rotated webhook ${id}.`);
	} catch (error) {
		ctx.logger.warn(
			`Distribu Trigger: could not remove rotated webhook ${id} yet (${toNodeError(ctx.getNode(), error).message}); it is removed on its next delivery or at unpublish.`,
		);
	}
}

/**
 * A delivery verified by a secret this node rotated away comes from the rotated webhook, so that
 * webhook is still there (its removal failed during the heal): remove it now, at most once a
 * minute. Static data is not written here, so a concurrent heal's new secret is never overwritten.
 */
export async function removeReplaced(ctx: IWebhookFunctions, state: TriggerState, body: Buffer, headers: Headers): Promise<void> {
	if (ctx.getMode() === 'manual') return;
	const match = previousSecrets(state).find((p) => p.webhookId && verify({ body, headers, secrets: [], previous: [p] }).ok);
	if (!match?.webhookId || !claim(`remove:${match.webhookId}`, Date.now())) return;
	try {
		await removeRotated(ctx, await distribuClient(ctx), match.webhookId);
	} catch (error) {
		ctx.logger.warn(`Distribu Trigger: could not remove rotated webhook ${match.webhookId} yet (${toNodeError(ctx.getNode(), error).message}).`);
	}
}
