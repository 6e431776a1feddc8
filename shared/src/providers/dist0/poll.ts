// The polling trigger's poll over dist0's read API. dist0's docs name no capability that lists signals, so
// the poll watches new buyer pains: `pains.list` newest first (by when dist0 first saw each pain), each pain
// id run once. The state (ids already seen, bounded) lives where the host keeps it (n8n: the workflow's static
// data), so a poll after n8n was down catches up on every pain found meanwhile; the first poll only remembers.
import type { HostEvent, HostPoller } from '../../kit/host';
import type { Dist0Client } from './client';

export const NEW_PAIN_EVENT = 'pain.found';
/** Pages of 100 one poll reads at most (10,000 new pains between two polls is far beyond a project's pace). */
export const DIST0_POLL_MAX_PAGES = 100;
/** Pain ids a poll state remembers: far more than appear between two polls. */
export const DIST0_POLL_SEEN = 2_000;

export const dist0PollEvents: HostEvent[] = [
  {
    name: NEW_PAIN_EVENT,
    key: 'new_pain',
    resource: 'pain',
    label: 'New Pain',
    description: 'A buyer pain dist0 has not reported before (its read API lists pains, not single signals)',
    idKey: 'id',
    discriminator: null,
    derive: null,
    sample: { id: 'pain_41a', title: 'Losing track of lead sources', summary: 'Buyers cannot tell which community a lead came from.', posts: 7, firstSeenAt: '2026-06-28T10:00:00.000Z', lastSeenAt: '2026-07-02T16:20:00.000Z' },
  },
];

interface PollState {
  /** Pain ids already seen, oldest first. */
  ids: string[];
}

function seenOf(state: unknown): string[] | undefined {
  const ids = state && typeof state === 'object' ? (state as { ids?: unknown }).ids : undefined;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : undefined;
}

/** The newest pains, newest first (one page of at most 100). */
async function recentPains(client: Dist0Client, event: string, limit: number): Promise<Record<string, unknown>[]> {
  if (event !== NEW_PAIN_EVENT) throw new Error(`dist0 has no polling event "${event}".`);
  return (await client.page<Record<string, unknown>>('pains.list', { sort: 'recent', page: 1, pageSize: Math.min(limit, 100) })).items;
}

export const dist0Poller: HostPoller<Dist0Client> = {
  maxPages: DIST0_POLL_MAX_PAGES,
  async changes(client, event, state, options) {
    if (event !== NEW_PAIN_EVENT) throw new Error(`dist0 has no polling event "${event}".`);
    const known = seenOf(state);
    const seen = new Set(known ?? []);
    const maxPages = options.maxPages ?? DIST0_POLL_MAX_PAGES;
    const fresh: Record<string, unknown>[] = [];
    let capped: string | undefined;
    for (let page = 1; ; ) {
      const answer = await client.page<Record<string, unknown>>('pains.list', { sort: 'recent', page, pageSize: 100 });
      const unseen = answer.items.filter((pain) => typeof pain.id === 'string' && !seen.has(pain.id));
      fresh.push(...unseen);
      // A page holding a pain already seen reaches what the last poll read: nothing newer lies beyond it.
      if (unseen.length < answer.items.length || answer.nextPage === null || answer.nextPage <= page) break;
      if (page >= maxPages) {
        capped = `more than ${maxPages * 100} new pains since the last check: the oldest of them were not read.`;
        break;
      }
      page = answer.nextPage;
    }
    const ids = [...(known ?? []), ...fresh.map((pain) => pain.id as string).reverse()];
    const next: PollState = { ids: ids.slice(Math.max(0, ids.length - DIST0_POLL_SEEN)) };
    // The first poll after publishing remembers what exists and starts nothing.
    const items = known ? fresh.reverse() : [];
    return { items, state: next, ...(capped ? { capped } : {}) };
  },
  latest: async (client, event) => (await recentPains(client, event, 1))[0],
  recent: recentPains,
};
