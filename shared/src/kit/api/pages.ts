// Reads a provider's cursor pages (`{data, pagination: {hasMore, nextCursor}}`) for Get Many, pickers
// and polling: all of them (Return All) or up to a wanted count, bounded in pages.

export interface Page<T> {
  data: T[];
  pagination: { hasMore: boolean; nextCursor: string | null };
}

export type ListQuery = Record<string, string | number | boolean | undefined> & { limit?: number; cursor?: string };
export type ApiRecord = Record<string, unknown> & { id: string };

/** A provider's client that lists cursor pages; `malformed()` is its error for an answer that cannot be used. */
export interface PagedClient {
  list(path: string, query?: ListQuery): Promise<Page<ApiRecord>>;
  malformed(): Error;
}

/** Return All stops here: 1,000 pages of 100 is far beyond any plan's records. */
export const MAX_PAGES = 1000;

/** Return All went on past MAX_PAGES pages (a cursor loop on the provider's side, or a runaway list). */
export class PageLimitError extends Error {
  readonly pages: number;

  constructor(pages: number, provider: string) {
    super(
      `Stopped after reading ${pages.toLocaleString('en-US')} pages from ${provider} without reaching the end. Narrow the list with filters, or turn off Return All and set a Limit.`,
    );
    this.name = 'PageLimitError';
    this.pages = pages;
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
 * Follows `pagination.nextCursor` until the end, the wanted count, or the page bound (a PageLimitError
 * naming `provider`). `more`: it stopped at the wanted count while the provider had records left (kept
 * or not: they were not read).
 */
export async function readPages(client: PagedClient, read: PageRead, provider: string): Promise<{ records: ApiRecord[]; more: boolean }> {
  const kept: ApiRecord[] = [];
  const maxPages = read.maxPages ?? MAX_PAGES;
  let cursor: string | undefined;
  for (let pages = 0; ; pages += 1) {
    if (pages >= maxPages) throw new PageLimitError(pages, provider);
    const page = await client.list(read.path, { ...read.query, limit: read.pageSize, ...(cursor ? { cursor } : {}) });
    for (const [index, record] of page.data.entries()) {
      if (read.keep && !read.keep(record)) continue;
      kept.push(record);
      if (kept.length >= read.wanted) return { records: kept, more: index < page.data.length - 1 || page.pagination.hasMore };
    }
    const next = page.pagination.nextCursor;
    if (!page.pagination.hasMore || !next) return { records: kept, more: false };
    // A cursor that does not move would read the same page until the bound: an unusable answer.
    if (next === cursor) throw client.malformed();
    cursor = next;
  }
}
