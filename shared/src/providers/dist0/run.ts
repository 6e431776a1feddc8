// Runs one of dist0's capabilities as a host's operation (the n8n action node and its AI tool, the MCP
// server): the inputs checked first in plain words (nothing is sent for bad input), then `POST /invoke`;
// a list reads its pages (`page`, `nextPage`) up to the host's Limit or to the end (Return All), bounded.
// Every capability only reads, so nothing here could duplicate anything; still, nothing is retried.
import { isRecord } from '../../kit/api/client';
import type { RuntimeOperation } from '../../kit/catalog';
import { InputError, validateParams, type Params } from '../../kit/operations/request';
import type { HostRunOptions } from '../../kit/host';
import { DIST0_MAX_PAGE_SIZE } from './assumed-api';
import type { Dist0Client } from './client';
import { dist0ApiShape, redactDist0 } from './voice';

/** Get Many without Return All or Limit: n8n's usual 50. */
export const DIST0_DEFAULT_LIMIT = 50;
/** Return All stops here: 1,000 pages of 100 is far beyond what a project holds. */
export const DIST0_MAX_PAGES = 1_000;

function wantedCount(options: HostRunOptions): number {
  if (options.returnAll) return Number.POSITIVE_INFINITY;
  const limit = options.limit ?? DIST0_DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) throw new InputError(`Limit must be a whole number of at least 1; got ${limit}.`, 'limit', redactDist0);
  return limit;
}

export async function runDist0Operation(client: Dist0Client, op: RuntimeOperation, params: Params, options: HostRunOptions = {}): Promise<Record<string, unknown>[]> {
  const values = validateParams(op, params, redactDist0);
  if (!op.paginated) {
    const record = await client.invoke(op.key, values);
    if (!isRecord(record)) throw dist0ApiShape.malformed();
    return [record];
  }
  const wanted = wantedCount(options);
  const pageSize = Math.min(wanted, op.maxPageSize ?? DIST0_MAX_PAGE_SIZE);
  const records: Record<string, unknown>[] = [];
  for (let page = 1; page <= DIST0_MAX_PAGES; ) {
    const answer = await client.page<Record<string, unknown>>(op.key, { ...values, page, pageSize });
    for (const [index, record] of answer.items.entries()) {
      records.push(record);
      if (records.length >= wanted) {
        if (index < answer.items.length - 1 || answer.nextPage !== null) options.onMore?.();
        return records;
      }
    }
    if (answer.nextPage === null) return records;
    // A next page that does not move forward would read the same page until the bound.
    if (answer.nextPage <= page) throw dist0ApiShape.malformed();
    page = answer.nextPage;
  }
  throw new InputError(`Stopped after reading ${DIST0_MAX_PAGES} pages from dist0 without reaching the end. Turn off Return All and set a Limit.`, undefined, redactDist0);
}
