// Orisha Commerce's 13 webhook events as data (zod-free: the hosts read it at run time). Names and
// body codes as Orisha's webhook page lists them; the body is a JSON object of those codes (its
// exact JSON is ours until Orisha confirms: assumed-api.ts). Each event says how its codes become
// the full record (the read operation and which codes feed it); a deletion keeps its codes only.
import type { HydrationSpec } from '../../kit/hydrate';
import type { ItemSpec } from '../../kit/types';

export type OrishaResource = 'item' | 'customer' | 'priceList' | 'contactPerson' | 'address';
export type OrishaCode = 'ItemCode' | 'CustomerCode' | 'PriceListCode' | 'ContactPersonCode' | 'AddressCode';

export interface OrishaEvent extends ItemSpec {
  name: string;
  /** Short label for pickers, e.g. "Item Created". */
  label: string;
  description: string;
  resource: OrishaResource;
  action: 'created' | 'updated' | 'deleted';
  /** The codes its body carries, in the documented order. */
  codes: readonly OrishaCode[];
  /** How to fetch the full record; null for a deletion (nothing is left to read). */
  hydrate: HydrationSpec | null;
  /** A body as Orisha would send it. */
  sample: Partial<Record<OrishaCode, string>>;
}

const READ: Record<OrishaResource, { operation: string; codes: readonly OrishaCode[] }> = {
  item: { operation: 'item.get', codes: ['ItemCode'] },
  customer: { operation: 'customer.get', codes: ['CustomerCode'] },
  priceList: { operation: 'priceList.get', codes: ['PriceListCode'] },
  contactPerson: { operation: 'contactPerson.get', codes: ['CustomerCode', 'ContactPersonCode'] },
  address: { operation: 'address.get', codes: ['CustomerCode', 'AddressCode'] },
};

const NOUN: Record<OrishaResource, string> = { item: 'Item', customer: 'Customer', priceList: 'Price List', contactPerson: 'Contact Person', address: 'Address' };
const SAMPLE_CODES: Record<OrishaCode, string> = { ItemCode: 'ITM-1001', CustomerCode: 'CUS-2001', PriceListCode: 'PL-STD', ContactPersonCode: 'CP-01', AddressCode: 'ADR-01' };

function event(name: string, resource: OrishaResource): OrishaEvent {
  const action = name.slice(name.lastIndexOf('.') + 1) as OrishaEvent['action'];
  const { operation, codes } = READ[resource];
  const noun = NOUN[resource];
  const within = resource === 'contactPerson' || resource === 'address' ? " of a customer" : '';
  return {
    name,
    label: `${noun} ${action[0]!.toUpperCase()}${action.slice(1)}`,
    description: `${/^[aeiou]/i.test(noun) ? 'An' : 'A'} ${noun.toLowerCase()}${within} was ${action} in Orisha Commerce.` + (action === 'deleted' ? ' The item keeps its codes; there is no record left to fetch.' : ''),
    resource,
    action,
    codes,
    hydrate: action === 'deleted' ? null : { operation, params: Object.fromEntries(codes.map((c) => [c, c])) },
    sample: Object.fromEntries(codes.map((c) => [c, SAMPLE_CODES[c]])),
    // Items keep the body's code keys as they are: no `id` to move, no variants, nothing derived.
    idKey: null,
    discriminator: null,
    derive: null,
  };
}

/** In the order of Orisha's table. */
export const orishaEvents: readonly OrishaEvent[] = [
  event('item.created', 'item'),
  event('item.deleted', 'item'),
  event('customer.created', 'customer'),
  event('customer.deleted', 'customer'),
  event('customer.updated', 'customer'),
  event('pricelist.created', 'priceList'),
  event('pricelist.deleted', 'priceList'),
  event('customer.contactperson.created', 'contactPerson'),
  event('customer.contactperson.deleted', 'contactPerson'),
  event('customer.contactperson.updated', 'contactPerson'),
  event('customer.address.created', 'address'),
  event('customer.address.deleted', 'address'),
  event('customer.address.updated', 'address'),
];

const BY_NAME = new Map(orishaEvents.map((e) => [e.name, e]));
export const orishaEvent = (name: string): OrishaEvent | undefined => BY_NAME.get(name);
export const ORISHA_EVENT_NAMES: readonly string[] = orishaEvents.map((e) => e.name);
