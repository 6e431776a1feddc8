/**
 * Registering a webhook over a provider's webhook API without leaving orphans. A create is never
 * retried blindly (a provider without idempotency keys may have acted): when its answer is lost,
 * the webhooks at exactly this URL are found and removed instead (each holds one of the provider's
 * capped slots, with a secret nobody knows). Concurrent registrations of one URL settle on the
 * newest webhook. Webhooks at other URLs are never touched.
 */
import { say, type ErrorVoice } from './voice';

export interface RemoteHook {
  id: string;
  url: string;
  /** ISO time; with the id, it orders concurrent registrations. */
  createdAt: string;
}

/** No subscription API: the user pastes the host's URL into the provider's app. */
export interface ManualSubscription {
  mode: 'manual';
  /** Where in the provider's app the URL goes, e.g. "Settings → Outgoing webhooks". */
  where: string;
}

/** What a host shows for a manual subscription: exactly where the URL goes. */
export function pasteInstructions(voice: Pick<ErrorVoice, 'name'>, subscription: ManualSubscription, url: string): string {
  return `Paste this URL into ${voice.name} under ${subscription.where}: ${url}`;
}

/** A provider's webhook API, bound to one API client (the provider's subscription adapter). */
export interface SubscriptionApi<Hook extends RemoteHook = RemoteHook, Created extends Hook & { secret: string } = Hook & { secret: string }> {
  mode: 'api';
  /** Webhooks the provider allows per account: a number in data, used in the cap message. */
  cap: number;
  /** The webhooks registered at exactly `url` (another URL is another webhook). */
  hooksAt(url: string): Promise<Hook[]>;
  create(want: { url: string; events: string[] }): Promise<Created>;
  /** Removes a webhook; false when it was already gone. */
  remove(id: string): Promise<boolean>;
  /** True when the provider answered and refused (did nothing): only then is a failed create not cleaned up after. */
  isDefiniteRefusal(error: unknown): boolean;
  /** For a provider that rotates secrets with a grace window: a listed webhook's grace end (ms), undefined when not rotated. */
  rotatedUntil?(hook: Hook): number | undefined;
}

export interface RegisterOptions<Hook extends RemoteHook = RemoteHook> {
  /** Where to say what was removed (the host's logger). */
  log?: (line: string) => void;
  /**
   * Webhooks at the URL to leave alone (e.g. the one being replaced after a rotation): never
   * removed here and not taken for a concurrent registration. The caller removes them.
   */
  keep?: (hook: Hook) => boolean;
}

/** Another registration of the same URL ran at the same time; its newer webhook is kept, ours removed. */
export class SupersededError extends Error {
  readonly keptId: string;

  constructor(keptId: string, providerName: string) {
    super(
      keptId
        ? `This URL was registered with ${providerName} twice at the same time; the newer webhook (${keptId}) is kept and this registration was undone.`
        : `This URL was registered with ${providerName} again at the same time, which removed this registration. Turn it off and on again if nothing is registered now.`,
    );
    this.name = 'SupersededError';
    this.keptId = keptId;
  }
}

/** A create whose answer never came (or could not be read): the provider may or may not have acted. */
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

/** How the registration speaks: the provider's voice and its way of bounding and redacting a line. */
export interface RegistrationVoice {
  voice: ErrorVoice;
  bounded(text: string, max?: number): string;
}

/** Deletes the webhooks at exactly `url` (except kept ones); returns the ids it deleted. */
export async function removeHooksAt<Hook extends RemoteHook>(
  api: SubscriptionApi<Hook, Hook & { secret: string }>,
  url: string,
  keep: (hook: Hook) => boolean = () => false,
): Promise<string[]> {
  const removed: string[] = [];
  for (const hook of await api.hooksAt(url)) {
    if (keep(hook)) continue;
    // A webhook already gone was removed by someone else: not ours to report.
    if (await api.remove(hook.id)) removed.push(hook.id);
  }
  return removed;
}

/** Oldest first: by `createdAt`, then by id, so every concurrent registration agrees on "newest". */
function compareAge(a: RemoteHook, b: RemoteHook): number {
  const at = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  if (at) return at;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function reasonOf(error: unknown, words: RegistrationVoice): string {
  const text = error instanceof Error ? error.message : '';
  return text ? ` (${words.bounded(text).replace(/\.$/, '')})` : '';
}

async function cleanUpAfterUnknownOutcome<Hook extends RemoteHook>(
  api: SubscriptionApi<Hook, Hook & { secret: string }>,
  url: string,
  keep: (hook: Hook) => boolean,
  cause: unknown,
  words: RegistrationVoice,
): Promise<RegistrationOutcomeUnknownError> {
  const start = say(words.voice, '{name} did not confirm the webhook registration') + `${reasonOf(cause, words)}.`;
  let removed: string[];
  try {
    removed = await removeHooksAt(api, url, keep);
  } catch (cleanup) {
    // What to do comes first: a host that shortens the message must not cut it off.
    return new RegistrationOutcomeUnknownError(
      `A webhook may remain at ${words.bounded(url, 150)}: ${say(words.voice, 'delete it in {name} under {webhooks}')}, then try again. ` +
        `${start} Checking for a webhook it may have created failed too${reasonOf(cleanup, words)}.`,
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
 * 2. creates once. A definite refusal is rethrown as is; any other failure leaves the outcome
 *    unknown, so the webhooks at `url` are removed and RegistrationOutcomeUnknownError says so;
 * 3. "newest wins": lists `url` again; older webhooks there are removed; if a newer one exists
 *    (a concurrent registration), ours is removed and SupersededError thrown. N concurrent
 *    registrations of one URL thus end with exactly one webhook, the newest. (If that last look
 *    fails, ours is kept and returned, and the log says the URL could not be checked.)
 */
export async function registerHook<Hook extends RemoteHook, Created extends Hook & { secret: string }>(
  api: SubscriptionApi<Hook, Created>,
  words: RegistrationVoice,
  input: { url: string; events: string[] },
  options: RegisterOptions<Hook> = {},
): Promise<Created> {
  const { url, events } = input;
  const keep = options.keep ?? (() => false);
  const log = options.log ?? (() => undefined);
  const name = words.voice.name;

  const leftovers = await removeHooksAt(api, url, keep);
  if (leftovers.length > 0) log(`Removed ${leftovers.length} earlier ${name} webhook(s) at this URL: ${leftovers.join(', ')}.`);

  let created: Created;
  try {
    created = await api.create({ url, events });
  } catch (error) {
    if (api.isDefiniteRefusal(error)) throw error;
    const unknown = await cleanUpAfterUnknownOutcome(api, url, keep, error, words);
    log(unknown.message);
    throw unknown;
  }

  let atUrl: Hook[];
  try {
    atUrl = (await api.hooksAt(url)).filter((hook) => hook.id === created.id || !keep(hook));
  } catch {
    // Ours exists and its secret is known: keep it rather than lose a working registration.
    log(`Registered ${name} webhook ${created.id}, but could not check this URL for concurrent registrations.`);
    return created;
  }
  const ours = atUrl.find((hook) => hook.id === created.id);
  const newest = atUrl.reduce<Hook | undefined>((a, b) => (a && compareAge(a, b) >= 0 ? a : b), undefined);
  if (!ours || (newest && newest.id !== ours.id)) {
    // Removed by, or newer than ours: a concurrent registration of this URL, which is kept.
    if (ours) await api.remove(ours.id).catch(() => false);
    log(`${name} webhook ${created.id} was superseded by a concurrent registration of this URL.`);
    throw new SupersededError(newest?.id ?? '', name);
  }
  const older = atUrl.filter((hook) => hook.id !== ours.id);
  for (const hook of older) await api.remove(hook.id).catch(() => false);
  if (older.length > 0) log(`Removed ${older.length} older ${name} webhook(s) at this URL, registered concurrently.`);
  return created;
}
