// Fetch Full Record by code for Orisha's items: the event's own hydration data (events.ts) run over
// the read calls (reads.ts) with the kit's hydrate(). A deletion keeps its codes; a read that fails
// keeps the item and says why in Orisha's words.
import { ApiError, NetworkError } from '../../kit/api/errors';
import { TokenError } from '../../kit/api/client-credentials';
import { hydrate, type HydrationErrors } from '../../kit/hydrate';
import type { TriggerItem } from '../../kit/types';
import { isOrishaNotFound, orishaBounded, type OrishaClient } from './client';
import { orishaEvent } from './events';
import { runOrishaRead } from './reads';

export const orishaHydrationErrors: HydrationErrors = {
  isNotFound: isOrishaNotFound,
  // Only our own errors' words (already plain and redacted) reach the item; anything else is summed up.
  describe: (error) =>
    error instanceof ApiError || error instanceof NetworkError || error instanceof TokenError || (error instanceof Error && error.message.startsWith('Get '))
      ? orishaBounded(error.message)
      : 'The full record could not be fetched from Orisha Commerce.',
};

export function hydrateOrisha(client: OrishaClient, item: TriggerItem): Promise<TriggerItem> {
  return hydrate(item, orishaEvent(item.event)?.hydrate, (operation, codes) => runOrishaRead(client, operation, codes), orishaHydrationErrors);
}
