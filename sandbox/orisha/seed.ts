// A few records to read and change in a demo (stored directly: no event, as if they existed before): the
// provider's record samples, and one item more.
import { ORISHA_RECORD_SAMPLES as S } from '../../shared/src/providers/orisha/samples';
import type { OrishaStore } from './state';

export function seedOrisha(store: OrishaStore, administration: string): void {
  const r = store.administration(administration).records;
  r.priceList.set('PL-STD', { ...S.priceList });
  r.item.set('ITM-1001', { ...S.item });
  r.item.set('ITM-1002', { ...S.item, ItemCode: 'ITM-1002', Description: 'Washer M8', Price: 0.05 });
  r.customer.set('CUS-2001', { ...S.customer });
  r.contactPerson.set('CUS-2001/CP-01', { ...S.contactPerson });
  r.address.set('CUS-2001/ADR-01', { ...S.address });
}
