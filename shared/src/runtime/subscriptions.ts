/**
 * Registering a webhook without leaving orphans. Distribu has no idempotency keys, so a create is
 * never retried: when its answer is lost, the webhooks at exactly this URL are found and removed
 * instead (each holds one of the company's 10 slots, with a secret nobody knows). Concurrent
 * registrations of one URL settle on the newest webhook. Webhooks at other URLs are never touched.
 */
import type { CreatedWebhook, DistribuClient, Webhook } from './client';
import { boundedText, isDefiniteRefusal } from './errors';

export interface RegisterOptions {
  /** Where to say what was removed (the host's logger). */
  log?: (line: string) => void;
  /**
   * Webhooks at the URL to leave alone (e.g. the one being replaced after a rotation): never
   * removed here and not taken for a concurrent registration. The caller removes them.
   */
  keep?: (hook: Webhook) => boolean;
}

/** Deletes the webhooks at exactly `url` (except kept ones); returns the ids it deleted. */
export async function removeWebhooksAt(
  client: DistribuClient,
  url: string,
  keep: (hook: Webhook) => boolean = () => false,
): Promise<string[]> {
  const removed: string[] = [];
  for (const hook of await client.webhooksAt(url)) {
    if (keep(hook)) continue;
    // A webhook already gone (404) was removed by someone else: not ours to report.
    if (await client.deleteWebhook(hook.id)) removed.push(hook.id);
  }
  return removed;
}

/** Another registration of the same URL ran at the same time; its newer webhook is kept, ours removed. */
export class SupersededError extends Error {
  readonly keptId: string;

  constructor(keptId: string) {
    super(
      keptId
        ? `This URL was registered with Distribu twice at the same time; the newer webhook (${keptId}) is kept and this registration was undone.`
        : 'This URL was registered with Distribu again at the same time, which removed this registration. Turn it off and on again if nothing is registered now.',
    );
    this.name = 'SupersededError';
    this.keptId = keptId;
  }
}

/** A create whose answer never came (or could not be read): Distribu may or may not have acted. */
export class RegistrationOutcomeUnknownError extends Error {
  /** Webhooks at the URL removed while cleaning up. */
  readonly removed: string[];
  /** True when the cleanup itself failed: a webhook may remain at the URL. */
  readonly mayRemain: boolean;

  constructor(message: string, removed: string[], mayRemain: boolean) {
    super(message);
    this.name = 'RegistrationOutcomeUnknownError';
    this.removed = removed;
    this.mayRemain = mayRemain;
  }
}

function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : '';
  return text ? ` (${boundedText(text).replace(/\.$/, '')})` : '';
}

/** Oldest first: by `createdAt`, then by id, so every concurrent registration agrees on "newest". */
function compareAge(a: Webhook, b: Webhook): number {
  const at = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  if (at) return at;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

async function cleanUpAfterUnknownOutcome(
  client: DistribuClient,
  url: string,
  keep: (hook: Webhook) => boolean,
  cause: unknown,
): Promise<RegistrationOutcomeUnknownError> {
  const start = `Distribu did not confirm the webhook registration${reasonOf(cause)}.`;
  let removed: string[];
  try {
    removed = await removeWebhooksAt(client, url, keep);
  } catch (cleanup) {
    // What to do comes first: a host that shortens the message must not cut it off.
    return new RegistrationOutcomeUnknownError(
      `A webhook may remain at ${boundedText(url, 150)}: delete it in Distribu under Settings → Webhooks, then try again. ` +
        `${start} Checking for a webhook it may have created failed too${reasonOf(cleanup)}.`,
      [],
      true,
    );
  }
  return new RegistrationOutcomeUnknownError(
    removed.length > 0
      ? `${start} The webhook it created anyway was removed, so nothing is left behind. Try again.`
      : `${start} No webhook was created, so nothing is left behind. Try again.`,
    removed,
    false,
  );
}

/**
 * Registers `url` for `events`:
 * 1. removes leftover webhooks at exactly `url` (their secrets are lost), except kept ones;
 * 2. creates once. A definite 4xx refusal is rethrown as is; any other failure leaves the outcome
 *    unknown, so the webhooks at `url` are removed and RegistrationOutcomeUnknownError says so;
 * 3. "newest wins": lists `url` again; older webhooks there are removed; if a newer one exists
 *    (a concurrent registration), ours is removed and SupersededError thrown. N concurrent
 *    registrations of one URL thus end with exactly one webhook, the newest. (If that last look
 *    fails, ours is kept and returned, and the log says the URL could not be checked.)
 */
export async function registerWebhook(
  client: DistribuClient,
  input: { url: string; events: string[] },
  options: RegisterOptions = {},
): Promise<CreatedWebhook> {
  const { url, events } = input;
  const keep = options.keep ?? (() => false);
  const log = options.log ?? (() => undefined);

  const leftovers = await removeWebhooksAt(client, url, keep);
  if (leftovers.length > 0) log(`Removed ${leftovers.length} earlier Distribu webhook(s) at this URL: ${leftovers.join(', ')}.`);

  let created: CreatedWebhook;
  try {
    created = await client.createWebhook({ url, events, isActive: true });
  } catch (error) {
    if (isDefiniteRefusal(error)) throw error;
    const unknown = await cleanUpAfterUnknownOutcome(client, url, keep, error);
    log(unknown.message);
    throw unknown;
  }

  let atUrl: Webhook[];
  try {
    atUrl = (await client.webhooksAt(url)).filter((hook) => hook.id === created.id || !keep(hook));
  } catch {
    // Ours exists and its secret is known: keep it rather than lose a working registration.
    log(`Registered Distribu webhook ${created.id}, but could not check this URL for concurrent registrations.`);
    return created;
  }
  const ours = atUrl.find((hook) => hook.id === created.id);
  const newest = atUrl.reduce<Webhook | undefined>((a, b) => (a && compareAge(a, b) >= 0 ? a : b), undefined);
  if (!ours || (newest && newest.id !== ours.id)) {
    // Removed by, or newer than ours: a concurrent registration of this URL, which is kept.
    if (ours) await client.deleteWebhook(ours.id).catch(() => false);
    log(`Distribu webhook ${created.id} was superseded by a concurrent registration of this URL.`);
    throw new SupersededError(newest?.id ?? '');
  }
  const older = atUrl.filter((hook) => hook.id !== ours.id);
  for (const hook of older) await client.deleteWebhook(hook.id).catch(() => false);
  if (older.length > 0) log(`Removed ${older.length} older Distribu webhook(s) at this URL, registered concurrently.`);
  return created;
}
