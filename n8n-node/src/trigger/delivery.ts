// One delivery into a provider's n8n trigger: verify by the provider's scheme, carry out the kit's
// judge() as a host that heals ({heals: true, asksOnRefusal: false}), normalize, guard, emit.
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { isWithinReplayWindow, judge, normalizeWith, type HostProvider, type TriggerItem, type Verdict, type VerifyInput } from '@distribu/shared/kit';
import { guardDelivery, releaseDelivery } from './guards';
import { selectedEventsOf, triggerOptions } from './parameters';
import { previousSecrets, triggerState, type TriggerState } from './state';
import { credentialSecret, SECRET_MAX_AGE_MS } from './credential-secret';
import type { TriggerMemory } from './memory';
import { providerClient } from '../transport';

/** n8n can re-register a webhook by itself and keep its secret (static data); it asks the provider nothing on a refusal. */
const N8N = { heals: true, asksOnRefusal: false } as const;

/** What a subscription over the provider's API does around a delivery (rotation.ts, for a provider that rotates secrets). */
export interface DeliveryHooks {
	/** Replaces the webhook whose secret the provider rotated away (judge said `heal`); never throws. */
	heal?(ctx: IWebhookFunctions, state: TriggerState): Promise<void>;
	/** After a verified delivery that starts no run, e.g. removing a replaced webhook once the heal was saved; never throws. */
	settle?(ctx: IWebhookFunctions, state: TriggerState): Promise<void>;
	/** What a trigger remembers across restarts (memory.ts), for a provider that needs it. */
	memory?: TriggerMemory;
}

/** Answers without starting an execution. Messages in logs never include secrets or bodies. */
function refuse(ctx: IWebhookFunctions, label: string, status: 400 | 401, reason: string): IWebhookResponseData {
	ctx.logger.warn(`${label} refused a delivery (HTTP ${status}): ${reason}`);
	ctx.getResponseObject()
		.status(status)
		.send(status === 401 ? 'Unauthorized' : 'Bad Request')
		.end();
	return { noWebhookResponse: true };
}

/**
 * n8n fills `rawBody` while parsing JSON, text, form and XML bodies; for any other content type
 * it leaves the stream unread, and `readRawBody()` reads it on demand.
 */
async function readRawBody(ctx: IWebhookFunctions, label: string): Promise<Buffer | undefined> {
	const request = ctx.getRequestObject();
	if (!Buffer.isBuffer(request.rawBody) && typeof request.readRawBody === 'function') {
		try {
			await request.readRawBody();
		} catch (error) {
			ctx.logger.warn(`${label} could not read a request body: ${(error as Error).message}`);
			return undefined;
		}
	}
	return Buffer.isBuffer(request.rawBody) ? request.rawBody : undefined;
}

/**
 * The delivery's verdict with the secrets it is verified against: the registered webhook's (API subscription) or the
 * credential's (manual). A credential's secret may be a reused read (credential-secret.ts); one that does not verify
 * the delivery is read again, so the verdict is always against the credential's secret as of the delivery's arrival.
 */
async function verifyDelivery(ctx: IWebhookFunctions, host: HostProvider, state: TriggerState, body: Buffer, headers: VerifyInput['headers'], arrivedAt: number): Promise<Verdict> {
	const subscription = host.subscription;
	if (subscription.mode !== 'manual') return host.verify({ body, headers, secrets: state.webhookSecret, previous: previousSecrets(state) });
	const credential = host.names.n8n.credential.name;
	const reused = await credentialSecret(ctx, credential, subscription.secretField, arrivedAt - SECRET_MAX_AGE_MS);
	const verdict = host.verify({ body, headers, secrets: reused.secret, previous: [] });
	if (verdict.ok || reused.readAt >= arrivedAt) return verdict;
	const fresh = await credentialSecret(ctx, credential, subscription.secretField, arrivedAt);
	return host.verify({ body, headers, secrets: fresh.secret, previous: [] });
}

export async function handleDelivery(ctx: IWebhookFunctions, host: HostProvider, hooks: DeliveryHooks = {}): Promise<IWebhookResponseData> {
	const arrivedAt = Date.now();
	const label = `${host.names.displayName} Trigger`;
	// The signature covers the exact bytes the provider sent; re-serialized JSON would not match.
	const rawBody = await readRawBody(ctx, label);
	if (!rawBody) return refuse(ctx, label, 401, 'the request has no raw body to verify.');
	const state = triggerState(ctx);
	const headers = ctx.getHeaderData();
	const verdict = await verifyDelivery(ctx, host, state, rawBody, headers, arrivedAt);
	const subscribed = host.subscription.mode === 'api' && !!state.webhookId;
	const decision = judge({ verdict, subscribed, host: N8N, now: Date.now() });
	// With n8n's abilities judge() answers run, heal or ignore (ask and raise need a host that asks or cannot heal).
	if (decision.do !== 'run' && decision.do !== 'heal') {
		return refuse(ctx, label, 401, decision.do === 'ignore' ? decision.reason : `unexpected decision "${decision.do}".`);
	}
	const rotated = decision.do === 'heal';

	const delivery = normalizeWith(host.provider.inbound, rawBody, headers);
	if (!delivery.ok) return refuse(ctx, label, 400, delivery.message);

	const options = triggerOptions(ctx, { fetchFullRecord: host.hydrateByDefault });
	// A provider that sends no event time (Orisha) has no replay window: its event id is the replay defence.
	if (host.provider.inbound.timestamp && !isWithinReplayWindow(delivery.item.timestamp, options.replayWindow)) {
		return refuse(
			ctx,
			label,
			401,
			`its signed timestamp "${delivery.item.timestamp}" is more than ${options.replayWindow} seconds from this server's clock (a replayed delivery, or clocks apart: raise or turn off Replay Window).`,
		);
	}
	if (rotated) await hooks.heal?.(ctx, state);
	// settle() writes static data, which n8n saves when it answers a delivery that starts no run (a run's start drops
	// it): so only such a delivery settles. While both webhooks deliver, every event's second copy is one.
	const noRun = async (line?: string): Promise<IWebhookResponseData> => {
		if (!rotated) await hooks.settle?.(ctx, state);
		if (line) ctx.logger.info(line);
		return {};
	};

	// The event name comes from the verified delivery, not from an unsigned header.
	if (!selectedEventsOf(ctx, host.names.displayName, (name) => !!host.eventOf(name)).includes(delivery.item.event)) return await noRun();

	for (const filter of host.itemFilters ?? []) {
		const selected = ctx.getNodeParameter(filter.name, filter.options.map((o) => o.value)) as unknown;
		const values = Array.isArray(selected) ? selected.map(String) : typeof selected === 'string' ? selected.split(',').map((v) => v.trim()) : [];
		if (!values.includes(String(delivery.item[filter.itemKey]))) {
			return await noRun(`${label} started no execution: ${filter.itemKey} "${String(delivery.item[filter.itemKey])}" is not selected in ${filter.displayName}.`);
		}
	}

	const verdictOfGuards = guardDelivery(ctx, delivery.item, options.outOfOrder, host.eventOf(delivery.item.event));
	if (!verdictOfGuards.emit) {
		// A genuine delivery: answered 200 so the provider logs no failure, but no run starts.
		return await noRun(`${label} started no execution: ${verdictOfGuards.reason}.`);
	}
	if (options.ignoreOwnChanges && host.ownChange?.(delivery.item, await ctx.getCredentials<Record<string, unknown>>(host.names.n8n.credential.name))) {
		return await noRun(`${label} started no execution: event ${delivery.item.id} reports a change this connection made itself.`);
	}
	// A provider that sends an id per event and promises duplicates: one run per id, also after a restart.
	const memory = hooks.memory;
	if (memory && !memory.firstDelivery(ctx, state, delivery.item)) {
		return await noRun(`${label} started no execution: event ${delivery.item.id} already ran (a duplicate delivery).`);
	}
	const hydrated = options.fetchFullRecord && host.hydrate ? await hydrate(ctx, host, verdictOfGuards.item, label) : verdictOfGuards.item;
	const late = memory ? memory.judgeLate(ctx, state, options, hydrated) : ({ emit: true, item: hydrated } as const);
	if (!late.emit) {
		// Answered 200, but no run starts.
		return await noRun(`${label} started no execution: ${late.reason}.`);
	}
	const output = late.item;
	memory?.awaitRun(ctx, state, output.id);
	const workflowData = [ctx.helpers.returnJsonArray([output as IDataObject])];
	if (rotated) {
		// n8n 2.40 saves static data (here: the fresh webhook and its secret) when it answers the request. Answering
		// "on receipt", it first starts the run, whose copy of the workflow resets the "changed" flag of the same static
		// data, and the new secret is never saved. Answering here, as n8n would (the item), saves it before the run.
		ctx.getResponseObject().status(200).send(output).end();
		return { noWebhookResponse: true, workflowData };
	}
	// n8n answers once it has created the run. Should it answer an error instead (no run), the provider sends the
	// delivery again, and that attempt must not be taken for a duplicate.
	const response = ctx.getResponseObject();
	response.once('finish', () => {
		if (response.statusCode < 300) return;
		releaseDelivery(ctx, output);
		memory?.forget(ctx, state, output.id);
		ctx.logger.warn(`${label}: n8n answered event ${output.id} with HTTP ${response.statusCode} and ran nothing; its next delivery will run.`);
	});
	return { workflowData };
}

/** Adds the record's current state; a failure is reported on the item, never drops it (the provider's policy). */
function hydrate(ctx: IWebhookFunctions, host: HostProvider, item: TriggerItem, label: string): Promise<TriggerItem> {
	// The client is made only when the event has a record to read (reading the credential can fail too).
	return host.hydrate!(() => providerClient(ctx, host), item, (line) => ctx.logger.warn(`${label}: ${line}`));
}
