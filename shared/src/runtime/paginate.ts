// Reads Distribu's cursor pages for Get Many: the kit's readPages (shared/src/kit/api/pages.ts) in Distribu's name.
import { MAX_PAGES, PageLimitError, readPages as readProviderPages, type ApiRecord, type PageRead, type PagedClient } from '../kit/api/pages';

export { MAX_PAGES, type PageRead };

/** Return All went on past MAX_PAGES pages (a cursor loop on Distribu's side, or a runaway list). */
export class DistribuPageLimitError extends PageLimitError {
  constructor(pages: number) {
    super(pages, 'Distribu');
    this.name = 'DistribuPageLimitError';
  }
}

/** The kit's page bound as Distribu's error class (same words); any other error as it is. */
export function inDistribuName(error: unknown): unknown {
  return error instanceof PageLimitError && !(error instanceof DistribuPageLimitError) ? new DistribuPageLimitError(error.pages) : error;
}

/** The kit's readPages over Distribu's client: its page bound is a DistribuPageLimitError. */
export async function readPages(client: PagedClient, read: PageRead): Promise<{ records: ApiRecord[]; more: boolean }> {
  try {
    return await readProviderPages(client, read, 'Distribu');
  } catch (error) {
    throw inDistribuName(error);
  }
}
