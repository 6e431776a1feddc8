/**
 * Event ids already run, kept in a plain JSON object that the host persists (n8n's workflow static
 * data), so a duplicate delivery runs once even across a restart. Bounded: the oldest ids are
 * forgotten first. Complements ReplayGuard (per process, in memory) for providers that promise to
 * send duplicates with the same event id.
 */

/** The persisted shape: ids oldest first. */
export interface SeenIds {
  ids?: unknown;
}

export const DEFAULT_SEEN_IDS = 1_000;

/** True the first time `id` is seen (and records it); false for an id already in `store`. */
export function firstRun(store: SeenIds, id: string, max: number = DEFAULT_SEEN_IDS): boolean {
  const ids = Array.isArray(store.ids) ? (store.ids as unknown[]).filter((v): v is string => typeof v === 'string') : [];
  if (ids.includes(id)) return false;
  ids.push(id);
  const limit = Number.isInteger(max) && max >= 1 ? max : DEFAULT_SEEN_IDS;
  store.ids = ids.length > limit ? ids.slice(ids.length - limit) : ids;
  return true;
}
