// Sample records (one per resource, shaped as assumed-api.ts's recordFields) and real trigger items made from
// the read API for an event (a Zapier trigger's test step): the newest records, with their codes and the record as
// Fetch Full Record gives it. A deletion cannot be listed (nothing is left): no items for it.
import type { TriggerItem } from '../../kit/types';
import type { OrishaClient } from './client';
import { orishaEvent, type OrishaResource } from './events';
import { runOrishaRead } from './reads';

const AT = '2026-01-05T09:00:00.000Z';
export const ORISHA_RECORD_SAMPLES: Record<OrishaResource, Record<string, unknown>> = {
  item: { ItemCode: 'ITM-1001', Description: 'Hex bolt M8 × 40', Unit: 'pc', Price: 0.42, Blocked: false, ModifiedAt: AT },
  customer: { CustomerCode: 'CUS-2001', Name: 'Van Dijk Bouw B.V.', Email: 'inkoop@vandijkbouw.example', PriceListCode: 'PL-STD', Blocked: false, ModifiedAt: AT },
  priceList: { PriceListCode: 'PL-STD', Description: 'Standard', Currency: 'EUR', ModifiedAt: AT },
  contactPerson: { CustomerCode: 'CUS-2001', ContactPersonCode: 'CP-01', Name: 'Sanne de Vries', Email: 'sanne@vandijkbouw.example', Phone: null, ModifiedAt: AT },
  address: { CustomerCode: 'CUS-2001', AddressCode: 'ADR-01', Street: 'Havenweg 12', PostalCode: '3011 AB', City: 'Rotterdam', Country: 'NL', ModifiedAt: AT },
};

const newestFirst = (a: Record<string, unknown>, b: Record<string, unknown>) => String(b.ModifiedAt ?? '').localeCompare(String(a.ModifiedAt ?? ''));
const LIST: Record<OrishaResource, string> = { item: 'item.list', customer: 'customer.list', priceList: 'priceList.list', contactPerson: 'contactPerson.list', address: 'address.list' };

/** Up to `limit` items for `eventName` from the records the API lists now, newest first. */
export async function orishaSamples(client: OrishaClient, eventName: string, limit: number): Promise<TriggerItem[]> {
  const event = orishaEvent(eventName);
  if (!event || event.action === 'deleted') return [];
  let records: Array<Record<string, unknown>>;
  if (event.resource === 'contactPerson' || event.resource === 'address') {
    // Listed per customer: the newest customers' ones.
    const customers = ((await runOrishaRead(client, 'customer.list', {})) as Array<Record<string, unknown>>).sort(newestFirst).slice(0, limit);
    records = [];
    for (const c of customers) records.push(...((await runOrishaRead(client, LIST[event.resource], { CustomerCode: String(c.CustomerCode) })) as Array<Record<string, unknown>>));
  } else {
    records = (await runOrishaRead(client, LIST[event.resource], {})) as Array<Record<string, unknown>>;
  }
  return records
    .sort(newestFirst)
    .slice(0, limit)
    .map((record) => {
      const codes = Object.fromEntries(event.codes.map((c) => [c, String(record[c] ?? '')]));
      return {
        id: `sample:${event.name}:${Object.values(codes).join('/')}`,
        event: event.name,
        timestamp: '',
        ...codes,
        administrationCode: client.administration,
        triggeredById: null,
        record,
        recordStatus: 'fetched',
      };
    });
}
