/**
 * Distribu's polling: the kit's change detection (shared/src/kit/polling/poll.ts) over Distribu's event
 * catalog and in its name. Distribu never retries a webhook delivery, so a poller that compares the REST
 * lists with what it remembered catches up on whatever happened while the host was down.
 */
import type { PagedClient } from '../kit/api/pages';
import {
  latestItem as latestProviderItem,
  pollableEvent as providerPollableEvent,
  pollChanges as pollProviderChanges,
  DEFAULT_MAX_PAGES,
  type PollOptions,
  type PollResult,
  type PollSource,
  type PollState,
} from '../kit/polling/poll';
import { events as distribuEvents } from './catalog';
import { inDistribuName } from './paginate';
import type { RuntimeEvent, TriggerItem } from './types';

export { DEFAULT_MAX_PAGES, DEFAULT_MAX_REMEMBERED, POLL_PAGE_SIZE, pollableEvents } from '../kit/polling/poll';
export type { PollOptions, PollResult, PollSource, PollState };

/** `events`: another provider's catalog, in that provider's name (default: Distribu's). */
const sourceOf = (events?: readonly RuntimeEvent[], provider = 'Distribu'): PollSource => ({ events: events ?? distribuEvents, provider });

/** The poll spec of an event, or an error naming the provider whose API cannot show it. */
export function pollableEvent(name: string, events?: readonly RuntimeEvent[], providerName?: string): ReturnType<typeof providerPollableEvent> {
  return providerPollableEvent(name, sourceOf(events, providerName));
}

/** One poll of a Distribu event (the kit's pollChanges; `options.events` for another catalog). */
export function pollChanges(
  client: PagedClient,
  eventName: string,
  state: PollState | undefined,
  options: PollOptions & { events?: readonly RuntimeEvent[] } = {},
): Promise<PollResult> {
  return pollProviderChanges(client, eventName, state, { ...options, ...sourceOf(options.events) });
}

/** A manual test run: the newest matching record as an item, so users can map its fields. */
export async function latestItem(
  client: PagedClient,
  eventName: string,
  maxPages: number = DEFAULT_MAX_PAGES,
  events?: readonly RuntimeEvent[],
): Promise<TriggerItem | undefined> {
  try {
    return await latestProviderItem(client, eventName, { ...sourceOf(events), maxPages });
  } catch (error) {
    throw inDistribuName(error);
  }
}
