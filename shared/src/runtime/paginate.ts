// The page bound of Distribu's cursor reads (the kit's readPages, shared/src/kit/api/pages.ts) in Distribu's name.
import { MAX_PAGES, PageLimitError, type PageRead } from '../kit/api/pages';

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
