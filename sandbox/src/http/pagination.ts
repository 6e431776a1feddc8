import { newestFirst } from '../state/store';

interface Listed {
  id: string;
  seq: number;
  createdAt: string;
  updatedAt: string;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;

/** Distribu's `limit`: default 50, clamped to 1..100, a non-numeric value becomes 50. */
export function parseLimit(raw: unknown): number {
  const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  if (!Number.isFinite(n)) return DEFAULT_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, Math.floor(n)));
}

/**
 * One page, newest first by createdAt. The cursor is the id of the last item of the previous page;
 * the page continues right after that record's position, even if it no longer matches the filters
 * (as a database cursor does). An unknown cursor gives an empty page.
 */
export function paginate<T extends Listed>(
  all: Iterable<T>,
  matches: (record: T) => boolean,
  query: { limit?: unknown; cursor?: unknown },
): { items: T[]; pagination: { hasMore: boolean; nextCursor: string | null } } {
  const sorted = newestFirst(all);
  const limit = parseLimit(query.limit);
  let start = 0;
  if (typeof query.cursor === 'string' && query.cursor !== '') {
    const at = sorted.findIndex((r) => r.id === query.cursor);
    start = at === -1 ? sorted.length : at + 1;
  }
  const rest = sorted.slice(start).filter(matches);
  const items = rest.slice(0, limit);
  const hasMore = rest.length > limit;
  return { items, pagination: { hasMore, nextCursor: hasMore ? items.at(-1)!.id : null } };
}
