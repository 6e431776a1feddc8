// Reads Distribu's cursor pages for Get Many: all of them (Return All) or up to a limit.
import type { ApiRecord, DistribuClient, ListQuery } from './client';
import { DistribuNetworkError } from './errors';

/** Return All stops here: 1,000 pages of 100 is far beyond any plan's records. */
export const MAX_PAGES = 1000;

/** Return All went on past MAX_PAGES pages (a cursor loop on Distribu's side, or a runaway list). */
export class DistribuPageLimitError extends Error {
  constructor(pages: number) {
    super(
      `Stopped after reading ${pages.toLocaleString('en-US')} pages from Distribu without reaching the end. Narrow the list with filters, or turn off Return All and set a Limit.`,
    );
    this.name = 'DistribuPageLimitError';
  }
}

export interface PageRead {
  path: string;
  query: ListQuery;
  pageSize: number;
  /** Stop once this many records are kept (Infinity: read to the end). */
  wanted: number;
  /** Keeps a record (client-side filters); every record when absent. */
  keep?: (record: ApiRecord) => boolean;
  maxPages?: number;
}

/**
 * Follows `pagination.nextCursor` until the end, the wanted count, or the page bound. `more`: it
 * stopped at the wanted count while Distribu had records left (kept or not: they were not read).
 */
export async function readPages(client: DistribuClient, read: PageRead): Promise<{ records: ApiRecord[]; more: boolean }> {
  const kept: ApiRecord[] = [];
  const maxPages = read.maxPages ?? MAX_PAGES;
  let cursor: string | undefined;
  for (let pages = 0; ; pages += 1) {
    if (pages >= maxPages) throw new DistribuPageLimitError(pages);
    const page = await client.list(read.path, { ...read.query, limit: read.pageSize, ...(cursor ? { cursor } : {}) });
    for (const [index, record] of page.data.entries()) {
      if (read.keep && !read.keep(record)) continue;
      kept.push(record);
      if (kept.length >= read.wanted) return { records: kept, more: index < page.data.length - 1 || page.pagination.hasMore };
    }
    const next = page.pagination.nextCursor;
    if (!page.pagination.hasMore || !next) return { records: kept, more: false };
    // A cursor that does not move would read the same page until the bound: an unusable answer.
    if (next === cursor) throw new DistribuNetworkError('malformed');
    cursor = next;
  }
}
