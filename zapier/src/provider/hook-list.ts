// A hook trigger's test step (Zapier's test step and sample loading call only performList): recent records as items
// `perform` could emit, from the provider's `samples` (with Fetch Full, the record's own fields, as a live run would
// add them), newest first and within the user's status choice; where the API cannot list what the event reports, or
// the account has no matching data, the catalog's sample stands in. A described event's items say `record` or `sample`.
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { RestClient, TriggerItem } from '@distribu/shared/kit';
import { clientOf } from './connection';
import { chosenStatuses, chosenVariant, fullRecordChoice, passesStatusFilter, sourced, FETCH_FULL_RECORD, STATUS_FILTER } from './hook-fields';
import { isOn } from './input-fields';
import type { HookDelivery } from './hook-perform';
import { inZapierWords } from './errors';

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

function wantedCount(bundle: Bundle): number {
  const limit = Number(bundle.meta?.limit);
  return Number.isFinite(limit) && limit > 0 ? Math.min(limit, MAX_LIMIT) : DEFAULT_LIMIT;
}

export async function listRecent(z: ZObject, bundle: Bundle, d: HookDelivery, fallback: Record<string, unknown>): Promise<TriggerItem[]> {
  const { host, event } = d;
  const first = event ?? host.eventOf(d.events[0]!);
  const sample = [sourced(event, (first?.sample ?? fallback) as TriggerItem, 'sample')];
  if (!host.samples) return sample;
  const wanted = wantedCount(bundle);
  const statuses = chosenStatuses(bundle.inputData?.[STATUS_FILTER]);
  const options = {
    variant: chosenVariant(event, bundle.inputData),
    fullRecord: !!fullRecordChoice(host, event) && isOn(bundle.inputData?.[FETCH_FULL_RECORD]),
    filtered: statuses.length > 0,
  };
  // Made when the provider reads: one that cannot list what the event reports answers without the connection.
  let made: RestClient | undefined;
  const client = () => (made ??= clientOf(z, host, bundle));
  const got: TriggerItem[] = [];
  for (const name of d.events) {
    got.push(...(await inZapierWords(z, host, () => host.samples!(client, name, wanted, options))));
    if (got.length >= wanted) break;
  }
  const items = got
    .map((item) => sourced(event, item, 'record'))
    .filter((item) => passesStatusFilter(item, bundle.inputData))
    .sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp))
    .slice(0, wanted);
  return items.length ? items : sample;
}
