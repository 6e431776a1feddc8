import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { registerWebhook, ReplayGuard, SupersededError, type DistribuClient } from '@distribu/shared/runtime';
import { selectedEvents } from './parameters';
import { previousSecrets, remember, type StoredPrevious, type TriggerState } from './state';
import { distribuClient, toNodeError } from '../shared/transport';

/*
 * Self-healing after a secret rotation in Distribu's dashboard. Distribu never shows the new secret
 * over the API, so once the grace window ends every genuine delivery would fail verification. The
 * first delivery that verifies only through X-Webhook-Signature-Old proves the rotation; the node
 * then registers a fresh webhook at the same URL (a secret it knows) and keeps the old secret as
 * `previous` (accepted only in X-Webhook-Signature-Old, only until the grace end).
 *
 * n8n 2.40 saves the workflow's static data after a production webhook() call once the execution
 * has started (LiveWebhooks.executeWebhook → saveStaticData); if starting it fails, nothing is
 * saved. So the rotated webhook is removed only by a later delivery, whose static data, loaded
 * from n8n's database, shows the new secret was saved: until then the rotated webhook keeps
 * delivering (a heal that was not saved happens again), and while both exist Distribu sends each
 * event to both with the same body, the replay guard letting the second copy start no run.
 * In "Listen for test event" nothing is saved (test static data lives only in the test
 * registration, and n8n deletes the test webhook with the copy it took then): no heal there.
 */

/** A failed heal is tried again on a later delivery, at most once a minute per webhook. */
const RETRY_AFTER_MS = 60_000;
/** Used when Distribu shows no grace end: the rotated webhook is removed soon anyway. */
const FALLBACK_GRACE_MS = 10 * 60_000;
const MAX_TRACKED = 1_000;
/**
 * Webhook id → when this process last started healing it (one heal at a time, bounded): "first
 * seen within the retry interval" is exactly the shared replay memory's question.
 */
const attempts = new ReplayGuard({ max: MAX_TRACKED, ttlMs: RETRY_AFTER_MS });

function claim(id: string, now: number): boolean {
	return attempts.firstSeen(id, now);
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
	try {
		const client = await distribuClient(ctx);
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
			`Distribu Trigger: the signing secret of webhook ${oldId} was rotated in Distribu; registered webhook ${created.id} at the same URL with a new secret. The old secret is accepted only as X-Webhook-Signature-Old until ${new Date(previous.at(-1)!.until).toISOString()}; the rotated webhook is removed on the next delivery.`,
		);
	} catch (error) {
		if (error instanceof SupersededError) {
			ctx.logger.info(`Distribu Trigger: another n8n process replaced rotated webhook ${oldId} at the same moment; its webhook is kept.`);
			return;
		}
		const message = toNodeError(ctx.getNode(), error).message;
		ctx.logger.warn(`Distribu Trigger: rotated webhook ${oldId} not replaced yet: ${message} Retried on a later delivery.`);
	}
}

/** True once the rotated webhook is gone; never throws (it is tracked in previousSecrets meanwhile). */
export async function removeRotated(ctx: IHookFunctions | IWebhookFunctions, client: DistribuClient, id: string): Promise<boolean> {
	try {
		if (await client.deleteWebhook(id)) ctx.logger.info(`Distribu Trigger: removed rotated webhook ${id}.`);
		return true;
	} catch (error) {
		ctx.logger.warn(
			`Distribu Trigger: could not remove rotated webhook ${id} yet (${toNodeError(ctx.getNode(), error).message}); retried on a later delivery, and unpublishing removes it.`,
		);
		return false;
	}
}

/**
 * Any verified production delivery whose static data (loaded from n8n's database) still names a
 * rotated webhook proves the heal was saved: that webhook is removed now, at most once a minute,
 * and forgotten (its secret stays known as rotated away until the grace end).
 */
export async function finishRotation(ctx: IWebhookFunctions, state: TriggerState): Promise<void> {
	if (ctx.getMode() === 'manual') return;
	const pending = previousSecrets(state).find((p) => p.webhookId);
	if (!pending?.webhookId || !claim(`remove:${pending.webhookId}`, Date.now())) return;
	const id = pending.webhookId;
	try {
		if (!(await removeRotated(ctx, await distribuClient(ctx), id))) return;
	} catch (error) {
		ctx.logger.warn(`Distribu Trigger: could not remove rotated webhook ${id} yet (${toNodeError(ctx.getNode(), error).message}).`);
		return;
	}
	// Written only once the heal is settled, so no concurrent heal's new secret is overwritten.
	state.previousSecrets = previousSecrets(state).map(({ webhookId, ...rest }) => (webhookId === undefined || webhookId === id ? rest : { ...rest, webhookId }));
}
