import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import {
	fetchFullRecord,
	getEvent,
	isWithinReplayWindow,
	normalizeDelivery,
	OLD_SIGNATURE_HEADER,
	verify,
	type TriggerItem,
} from '@distribu/shared/runtime';
import { guardDelivery } from './delivery-guards';
import { selectedEvents, triggerOptions } from './parameters';
import { finishRotation, healRotation } from './rotation';
import { previousSecrets, triggerState } from './state';
import { distribuClient } from '../shared/transport';

/** Answers without starting an execution. Messages in logs never include secrets or bodies. */
function refuse(ctx: IWebhookFunctions, status: 400 | 401, reason: string): IWebhookResponseData {
	ctx.logger.warn(`Distribu Trigger refused a delivery (HTTP ${status}): ${reason}`);
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
async function readRawBody(ctx: IWebhookFunctions): Promise<Buffer | undefined> {
	const request = ctx.getRequestObject();
	if (!Buffer.isBuffer(request.rawBody) && typeof request.readRawBody === 'function') {
		try {
			await request.readRawBody();
		} catch (error) {
			ctx.logger.warn(`Distribu Trigger could not read a request body: ${(error as Error).message}`);
			return undefined;
		}
	}
	return Buffer.isBuffer(request.rawBody) ? request.rawBody : undefined;
}

/** Adds the resource's current REST record; a failure is reported on the item, never drops it (shared policy). */
async function hydrate(ctx: IWebhookFunctions, item: TriggerItem): Promise<TriggerItem> {
	// The client is made only when the event has a record to read (reading the credential can fail too).
	const client = { get: async (path: string, id: string) => (await distribuClient(ctx)).get(path, id) };
	const outcome = await fetchFullRecord(client, getEvent(item.event), item, {
		log: (line) => ctx.logger.warn(`Distribu Trigger: ${line}`),
	});
	return outcome.item;
}

export async function handleDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	// The signature covers the exact bytes Distribu sent; re-serialized JSON would not match.
	const rawBody = await readRawBody(this);
	if (!rawBody) return refuse(this, 401, 'the request has no raw body to verify.');
	const state = triggerState(this);
	const check = verify({
		body: rawBody,
		headers: this.getHeaderData(),
		secrets: state.webhookSecret,
		previous: previousSecrets(state),
	});
	if (!check.ok) return refuse(this, 401, check.message);
	// The stored secret matching only X-Webhook-Signature-Old reveals a rotation not handled yet.
	const rotated =
		check.header === OLD_SIGNATURE_HEADER &&
		verify({ body: rawBody, headers: this.getHeaderData(), secrets: state.webhookSecret }).ok;

	const delivery = normalizeDelivery(rawBody);
	if (!delivery.ok) return refuse(this, 400, delivery.message);

	const options = triggerOptions(this);
	if (!isWithinReplayWindow(delivery.item.timestamp, options.replayWindow)) {
		return refuse(
			this,
			401,
			`its signed timestamp "${delivery.item.timestamp}" is more than ${options.replayWindow} seconds from this server's clock (a replayed delivery, or clocks apart: raise or turn off Replay Window).`,
		);
	}
	if (rotated) await healRotation(this, state);
	else await finishRotation(this, state);

	// The event name comes from the signed body, not from the unsigned X-Webhook-Event header.
	if (!selectedEvents(this).includes(delivery.item.event)) return {};

	const verdict = guardDelivery(this, delivery.item, options.outOfOrder);
	if (!verdict.emit) {
		// A genuine, signed delivery: answered 200 so Distribu logs no failure, but no run starts.
		this.logger.info(`Distribu Trigger started no execution: ${verdict.reason}.`);
		return {};
	}
	const output = options.fetchFullRecord ? await hydrate(this, verdict.item) : verdict.item;
	const workflowData = [this.helpers.returnJsonArray([output as IDataObject])];
	if (rotated) {
		// n8n 2.40 saves static data (here: the fresh webhook and its secret) when it answers the request. Answering
		// "on receipt", it first starts the run, whose copy of the workflow resets the "changed" flag of the same static
		// data, and the new secret is never saved. Answering here, as n8n would (the item), saves it before the run.
		this.getResponseObject().status(200).send(output).end();
		return { noWebhookResponse: true, workflowData };
	}
	return { workflowData };
}
