// Orisha Commerce's read calls as zod-free data (hosts run this): each record by its code(s), and the
// lists we assume exist. operations.ts adds their zod schemas; hydration names them by key.
import { ORISHA_PAGE_SIZE_MAX, readPaths } from './assumed-api';
import type { OrishaClient } from './client';
import type { OrishaCode, OrishaResource } from './events';

export interface OrishaRead {
  key: string;
  kind: 'get' | 'list';
  resource: OrishaResource;
  noun: string;
  plural: string;
  /** The codes the call needs, all required. */
  codes: readonly OrishaCode[];
  path(administration: string, codes: Record<string, string>): string;
}

function read(key: string, kind: OrishaRead['kind'], resource: OrishaResource, noun: string, plural: string, codes: readonly OrishaCode[], path: (a: string, p: never) => string): OrishaRead {
  return { key, kind, resource, noun, plural, codes, path: path as OrishaRead['path'] };
}

export const orishaReads: readonly OrishaRead[] = [
  read('item.get', 'get', 'item', 'Item', 'Items', ['ItemCode'], readPaths.item),
  read('item.list', 'list', 'item', 'Item', 'Items', [], readPaths.items),
  read('customer.get', 'get', 'customer', 'Customer', 'Customers', ['CustomerCode'], readPaths.customer),
  read('customer.list', 'list', 'customer', 'Customer', 'Customers', [], readPaths.customers),
  read('priceList.get', 'get', 'priceList', 'Price List', 'Price Lists', ['PriceListCode'], readPaths.priceList),
  read('priceList.list', 'list', 'priceList', 'Price List', 'Price Lists', [], readPaths.priceLists),
  read('contactPerson.get', 'get', 'contactPerson', 'Contact Person', 'Contact Persons', ['CustomerCode', 'ContactPersonCode'], readPaths.contactPerson),
  read('contactPerson.list', 'list', 'contactPerson', 'Contact Person', 'Contact Persons', ['CustomerCode'], readPaths.contactPersons),
  read('address.get', 'get', 'address', 'Address', 'Addresses', ['CustomerCode', 'AddressCode'], readPaths.address),
  read('address.list', 'list', 'address', 'Address', 'Addresses', ['CustomerCode'], readPaths.addresses),
];

/** What each code is, with an example: the operations' input descriptions for people and AI agents. */
export const ORISHA_CODE_HELP: Record<OrishaCode, string> = {
  ItemCode: 'The item code, as Orisha Commerce shows it (e.g. ITM-1001).',
  CustomerCode: 'The customer code (e.g. CUS-2001).',
  PriceListCode: 'The price list code (e.g. PL-STD).',
  ContactPersonCode: "The contact person's code within its customer (e.g. CP-01).",
  AddressCode: 'The address code within its customer (e.g. ADR-01).',
};

/** Whole-number bounds of a list's `limit` (an MCP tool's): at most one page of Orisha. */
export const ORISHA_LIST_LIMIT = { max: ORISHA_PAGE_SIZE_MAX, default: 50 } as const;

/** `CustomerCode` → `Customer Code`. */
export const codeLabel = (code: OrishaCode): string => code.replace(/([a-z])([A-Z])/g, '$1 $2');

const BY_KEY = new Map(orishaReads.map((r) => [r.key, r]));
export const orishaRead = (key: string): OrishaRead | undefined => BY_KEY.get(key);

/**
 * Runs a read: a `get` returns the record, a `list` its records page by page up to `limit` (all when absent, at
 * most `maxPages` pages). Missing codes are a plain error.
 */
export async function runOrishaRead(client: OrishaClient, key: string, codes: Record<string, string>, limit?: number, maxPages = 100): Promise<Record<string, unknown> | Array<Record<string, unknown>>> {
  const spec = orishaRead(key);
  if (!spec) throw new Error(`Orisha Commerce has no read operation "${key}".`);
  const missing = spec.codes.filter((c) => typeof codes[c] !== 'string' || codes[c] === '');
  if (missing.length > 0) throw new Error(`${spec.kind === 'get' ? `Get ${spec.noun}` : `Get Many ${spec.plural}`} needs ${missing.join(' and ')}.`);
  const path = spec.path(client.administration, codes);
  if (spec.kind === 'get') return client.getRecord(path);
  const all: Array<Record<string, unknown>> = [];
  for (let page: number | null = 1, n = 0; page !== null && n < maxPages && (limit === undefined || all.length < limit); n += 1) {
    const got = await client.getPage(path, page, limit === undefined ? undefined : Math.min(limit, ORISHA_PAGE_SIZE_MAX));
    all.push(...got.data);
    page = got.nextPage;
  }
  return limit === undefined ? all : all.slice(0, limit);
}
