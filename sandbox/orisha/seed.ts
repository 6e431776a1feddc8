// A few records to read and change in a demo (stored directly: no event, as if they existed before).
import type { OrishaStore } from './state';

export function seedOrisha(store: OrishaStore, administration: string): void {
  const r = store.administration(administration).records;
  const at = '2026-01-05T09:00:00.000Z';
  r.priceList.set('PL-STD', { PriceListCode: 'PL-STD', Description: 'Standard', Currency: 'EUR', ModifiedAt: at });
  r.item.set('ITM-1001', { ItemCode: 'ITM-1001', Description: 'Hex bolt M8 × 40', Unit: 'pc', Price: 0.42, Blocked: false, ModifiedAt: at });
  r.item.set('ITM-1002', { ItemCode: 'ITM-1002', Description: 'Washer M8', Unit: 'pc', Price: 0.05, Blocked: false, ModifiedAt: at });
  r.customer.set('CUS-2001', { CustomerCode: 'CUS-2001', Name: 'Van Dijk Bouw B.V.', Email: 'inkoop@vandijkbouw.example', PriceListCode: 'PL-STD', Blocked: false, ModifiedAt: at });
  r.contactPerson.set('CUS-2001/CP-01', { CustomerCode: 'CUS-2001', ContactPersonCode: 'CP-01', Name: 'Sanne de Vries', Email: 'sanne@vandijkbouw.example', Phone: null, ModifiedAt: at });
  r.address.set('CUS-2001/ADR-01', { CustomerCode: 'CUS-2001', AddressCode: 'ADR-01', Street: 'Havenweg 12', PostalCode: '3011 AB', City: 'Rotterdam', Country: 'NL', ModifiedAt: at });
}
