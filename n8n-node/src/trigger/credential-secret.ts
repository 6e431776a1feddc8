import type { IWebhookFunctions } from 'n8n-workflow';

/*
 * The signing secret of a manual subscription, read from the node's credential and reused for a moment.
 *
 * Why reuse it: n8n 2.40 acquires an expression isolate for every getCredentials() a webhook makes (outside a
 * run, CredentialsHelper.applyDefaultsAndOverwrites builds a mock Workflow and acquires one to resolve the
 * credential's expressions). At n8n's default expression engine that isolate is built and disposed per read,
 * about as costly as the one n8n already spends on the request itself (bench/README.md, benchmark 4).
 *
 * What stays true (no timers: the age is compared with the clock on the next delivery):
 * - A delivery is verified with a secret read at most SECRET_MAX_AGE_MS before it arrived, so a secret changed
 *   in the credential stops old-secret deliveries at most SECRET_MAX_AGE_MS after the credential was saved.
 * - A delivery that the reused secret does not verify is verified again with a secret read after it arrived
 *   (`freshSince`): a new secret works at once, and from then on the old one is refused.
 * - A read that fails is not kept: this delivery fails as it did without reuse, and the next one reads again.
 */
/**
 * 10 s: one read (one isolate, about 40 ms of CPU) per 10 s is well under a millisecond per delivery at a few
 * deliveries a second; profiled under benchmark 4, the reads took 14 ms of n8n's main thread in a whole run
 * (bench/README.md, run H). The price: an old secret still verifies for up to 10 s after the new one is saved in n8n.
 */
export const SECRET_MAX_AGE_MS = 10_000;

/** Per process, per workflow, node and credential; bounded (oldest first out). */
const MAX_ENTRIES = 1_000;

interface Entry {
	/** When the read started (before n8n loaded the credential), so the age never flatters it. */
	readAt: number;
	secret: Promise<string | undefined>;
}

const entries = new Map<string, Entry>();

export interface SecretRead {
	secret: string | undefined;
	/** When the read that produced it started. */
	readAt: number;
}

/**
 * The secret in `field` of the node's credential `credentialName`, from a read that started no earlier than
 * `freshSince` and is younger than SECRET_MAX_AGE_MS; otherwise (or when the read fails) a new read.
 */
export async function credentialSecret(
	ctx: IWebhookFunctions,
	credentialName: string,
	field: string,
	freshSince: number,
	now: number = Date.now(),
): Promise<SecretRead> {
	const key = keyOf(ctx, credentialName);
	const cached = entries.get(key);
	if (cached && cached.readAt >= freshSince && now - cached.readAt < SECRET_MAX_AGE_MS) {
		return { secret: await cached.secret, readAt: cached.readAt };
	}
	const entry: Entry = { readAt: now, secret: readSecret(ctx, credentialName, field) };
	// Fail closed and forget: concurrent deliveries sharing this read fail too, the next one reads again.
	entry.secret.catch(() => {
		if (entries.get(key) === entry) entries.delete(key);
	});
	entries.delete(key);
	entries.set(key, entry);
	for (const oldest of entries.keys()) {
		if (entries.size <= MAX_ENTRIES) break;
		entries.delete(oldest);
	}
	return { secret: await entry.secret, readAt: entry.readAt };
}

async function readSecret(ctx: IWebhookFunctions, credentialName: string, field: string): Promise<string | undefined> {
	const credentials = await ctx.getCredentials<Record<string, unknown>>(credentialName);
	const secret = credentials[field];
	return typeof secret === 'string' ? secret.trim() : undefined;
}

/** The credential id is part of the key: pointing the node at another credential is a new entry. */
function keyOf(ctx: IWebhookFunctions, credentialName: string): string {
	const node = ctx.getNode();
	return `${ctx.getWorkflow().id ?? ''}|${node.id}|${credentialName}|${node.credentials?.[credentialName]?.id ?? ''}`;
}
