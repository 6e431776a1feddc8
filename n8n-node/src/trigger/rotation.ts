import type { IWebhookFunctions } from 'n8n-workflow';
import { registerHook, ReplayGuard, SupersededError, type HostProvider } from '@distribu/shared/kit';
import type { DeliveryHooks } from './delivery';
import { hookApiOf, removeRotated } from './hook-api';
import { previousSecrets, remember, type StoredPrevious, type TriggerState } from './state';

/*
 * Self-healing after a secret rotation at a provider that never shows the new secret over its API (host data
 * `subscription.rotation`): once the grace window ends every genuine delivery would fail verification. The
 * first delivery that verifies only through the previous-secret header proves the rotation (judge() says
 * `heal`); the node then registers a fresh webhook at the same URL (a secret it knows) and keeps the old
 * secret as `previous` (accepted only in the previous-secret header, only until the grace end).
 *
 * n8n 2.40 saves the workflow's static data after a production webhook() call once the execution
 * has started (LiveWebhooks.executeWebhook → saveStaticData); if starting it fails, nothing is
 * saved. So the rotated webhook is removed only by a later delivery, whose static data, loaded
 * from n8n's database, shows the new secret was saved: until then the rotated webhook keeps
 * delivering (a heal that was not saved happens again), and while both exist the provider sends each
 * event to both with the same body, the replay guard letting the second copy start no run. That
 * second copy is the one that removes it: n8n saves what a delivery writes in static data only when
 * the delivery starts no run (a run's start drops it), so the removal is remembered, also across a
 * restart.
 * In "Listen for test event" nothing is saved (test static data lives only in the test
 * registration, and n8n deletes the test webhook with the copy it took then): no heal there.
 */

/** A failed heal is tried again on a later delivery, at most once a minute per webhook. */
const RETRY_AFTER_MS = 60_000;
/** Used when the provider shows no grace end: the rotated webhook is removed soon anyway. */
const FALLBACK_GRACE_MS = 10 * 60_000;
const MAX_TRACKED = 1_000;
/**
 * Webhook id → when this process last started healing it (one heal at a time, bounded): "first
 * seen within the retry interval" is exactly the shared replay memory's question.
 */
const attempts = new ReplayGuard({ max: MAX_TRACKED, ttlMs: RETRY_AFTER_MS });

/** The delivery hooks of a provider that rotates secrets (heal, settle); none for one that does not. */
export function rotationHooks(host: HostProvider, capDescription?: string): DeliveryHooks | undefined {
	const subscription = host.subscription;
	if (subscription.mode !== 'api' || !subscription.rotation) return undefined;
	const rotation = subscription.rotation;
	const hooks = hookApiOf(host, capDescription);
	const { label } = hooks;
	const name = host.names.displayName;
	const scheme = host.provider.inbound.scheme;
	const previousHeader = scheme.kind === 'hmac' ? scheme.previousHeader : undefined;
	const acceptedAs = previousHeader ? `accepted only as ${previousHeader}` : 'accepted';

	return {
		/** Replaces the rotated webhook; never throws (the delivery that revealed it is still emitted). */
		async heal(ctx: IWebhookFunctions, state: TriggerState): Promise<void> {
			const oldId = state.webhookId;
			const oldSecret = state.webhookSecret;
			if (!oldId || !oldSecret) return;
			if (ctx.getMode() === 'manual') {
				ctx.logger.warn(`${label}: the signing secret of the test webhook was rotated in ${name}; it verifies until the grace window ends and is removed when the test stops.`);
				return;
			}
			const now = Date.now();
			const url = ctx.getNodeWebhookUrl('default');
			if (!url || !attempts.firstSeen(oldId, now)) return;
			try {
				const events = hooks.events(ctx);
				const client = await hooks.client(ctx);
				const end = await rotation.graceEnd(client, oldId);
				const previous: StoredPrevious[] = [
					...previousSecrets(state).filter((p) => p.until > now),
					{ secret: oldSecret, until: end !== undefined && end > now ? end : now + FALLBACK_GRACE_MS, webhookId: oldId },
				];
				const api = await hooks.api(ctx);
				const created = await registerHook(api, hooks.words, { url, events }, { keep: (hook) => hook.id === oldId, log: (line) => ctx.logger.warn(`${label}: ${line}`) });
				remember(state, { id: created.id, secret: created.secret, url, events }, previous);
				ctx.logger.warn(
					`${label}: the signing secret of webhook ${oldId} was rotated in ${name}; registered webhook ${created.id} at the same URL with a new secret. The old secret is ${acceptedAs} until ${new Date(previous.at(-1)!.until).toISOString()}; the rotated webhook is removed on the next delivery.`,
				);
			} catch (error) {
				if (error instanceof SupersededError) {
					ctx.logger.info(`${label}: another n8n process replaced rotated webhook ${oldId} at the same moment; its webhook is kept.`);
					return;
				}
				ctx.logger.warn(`${label}: rotated webhook ${oldId} not replaced yet: ${hooks.nodeError(ctx, error).message} Retried on a later delivery.`);
			}
		},

		/**
		 * Any verified production delivery that starts no run (delivery.ts) and whose static data (loaded from n8n's
		 * database) still names a rotated webhook proves the heal was saved: that webhook is removed now, at most
		 * once a minute, and forgotten (its secret stays known as rotated away until the grace end).
		 */
		async settle(ctx: IWebhookFunctions, state: TriggerState): Promise<void> {
			if (ctx.getMode() === 'manual') return;
			const pending = previousSecrets(state).find((p) => p.webhookId);
			if (!pending?.webhookId || !attempts.firstSeen(`remove:${pending.webhookId}`, Date.now())) return;
			const id = pending.webhookId;
			try {
				if (!(await removeRotated(hooks, ctx, await hooks.api(ctx), id))) return;
			} catch (error) {
				ctx.logger.warn(`${label}: could not remove rotated webhook ${id} yet (${hooks.nodeError(ctx, error).message}).`);
				return;
			}
			// Written only once the heal is settled, so no concurrent heal's new secret is overwritten.
			state.previousSecrets = previousSecrets(state).map(({ webhookId, ...rest }) => (webhookId === undefined || webhookId === id ? rest : { ...rest, webhookId }));
		},
	};
}
