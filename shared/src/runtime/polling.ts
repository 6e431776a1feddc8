/**
 * Distribu's polling: the kit's change detection (shared/src/kit/polling/poll.ts) over Distribu's event
 * catalog and in its name. Distribu never retries a webhook delivery, so a poller that compares the REST
 * lists with what it remembered catches up on whatever happened while the host was down.
 */
import type { PagedClient } from '../kit/api/pages';
import {
  latestItem as latestProviderItem,
  pollChanges as pollProviderChanges,
  DEFAULT_MAX_PAGES,
  type PollOptions,
  type PollResult,
  type PollSource,
  type PollState,
} from '../kit/polling/poll';
import { events as distribuEvents } from './catalog';
import { inDistribuName } from './paginate';
import type { TriggerItem } from './types';

export { DEFAULT_MAX_PAGES, DEFAULT_MAX_REMEMBERED, POLL_PAGE_SIZE, pollableEvents } from '../kit/polling/poll';
export type { PollOptions, PollResult, PollSource, PollState };

/** Distribu's catalog, in its name: what the kit's poller reads Distribu's lists by. */
const DISTRIBU: PollSource = { events: distribuEvents, provider: 'Distribu' };

/** One poll of a Distribu event (the kit's pollChanges; hosts call the kit's with their provider's catalog). */
export function pollChanges(client: PagedClient, eventName: string, state: PollState | undefined, options: PollOptions = {}): Promise<PollResult> {
  return pollProviderChanges(client, eventName, state, { ...options, ...DISTRIBU });
}

/** A manual test run: the newest matching record as an item, so users can map its fields. */
export async function latestItem(
  client: PagedClient,
  eventName: string,
  maxPages: number = DEFAULT_MAX_PAGES,
): Promise<TriggerItem | undefined> {
  try {
    return await latestProviderItem(client, eventName, { ...DISTRIBU, maxPages });
  } catch (error) {
    throw inDistribuName(error);
  }
}
