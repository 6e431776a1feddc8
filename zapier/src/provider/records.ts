// What a Zapier action or search returns, in one place: the catalog's record with every key of the step's sample
// present (a field the provider left out comes back as null, so Zapier's check that each sample key appears in
// every live result holds whatever the provider omits), plus what the provider's Zapier rules add to a record of
// that kind (host.zapierActions.records: the name of the record it refers to, e.g. an order's customer, and its
// page in the provider's app). Labels say what each value is.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { ApiError, type RuntimeOperation, type ZapierRecordRules } from '@distribu/shared/kit';
import { outputFieldsFor, type ZapierOutputField } from './hook-fields';
import type { ActionHost, StepClient } from './steps';

type Item = Record<string, unknown>;
type Related = NonNullable<ZapierRecordRules['related']>;

const isObject = (value: unknown): value is Item => !!value && typeof value === 'object' && !Array.isArray(value);

/**
 * `record` with every key of `sample`, recursively: an absent (or null) object becomes an object
 * of nulls, each list entry gets the keys of the sample's first entry, any other absent value
 * becomes null. Keys the sample does not know pass through (providers add fields).
 */
export function withSampleKeys(record: Item, sample: Item): Item {
  const out: Item = { ...record };
  for (const [key, example] of Object.entries(sample)) {
    const value = out[key];
    if (isObject(example)) out[key] = withSampleKeys(isObject(value) ? value : {}, example);
    else if (Array.isArray(example) && isObject(example[0])) out[key] = Array.isArray(value) ? value.map((v) => (isObject(v) ? withSampleKeys(v, example[0] as Item) : v)) : [];
    else if (value === undefined) out[key] = null;
  }
  return out;
}

export const recordRules = (host: ActionHost, resource: string): ZapierRecordRules => host.zapierActions?.records[resource] ?? {};

/** The record's page in the provider's app: its picker's URL pattern (`…/dashboard/orders/{id}`) on the connected host. */
export function recordPageUrl(host: ActionHost, resource: string, baseUrl: string | undefined, id: string): string | null {
  const pattern = host.operations.flatMap((op) => op.inputs).find((input) => input.picker?.resource === resource)?.picker?.urlPattern;
  if (!pattern) return null;
  const origin = new URL(host.api!.baseUrl.toRoot(baseUrl)).origin;
  return pattern.replace(/^https?:\/\/[^/]+/, origin).replace('{id}', encodeURIComponent(id));
}

/** What the app adds to the catalog's record of this kind, with an example and a label each. */
function added(host: ActionHost, resource: string): Array<{ key: string; label: string; example: (sample: Item) => unknown }> {
  const { related, page } = recordRules(host, resource);
  return [
    ...(related ? [{ key: related.key, label: related.label, example: () => related.example }] : []),
    ...(page ? [{ key: page.key, label: page.label, example: (sample: Item) => recordPageUrl(host, resource, undefined, String(sample.id)) }] : []),
  ];
}

/** The step's sample: the catalog's, with what the app adds. */
export function zapierSample(host: ActionHost, op: RuntimeOperation): Item {
  const sample: Item = { ...op.sample };
  for (const field of added(host, op.resource)) sample[field.key] = field.example(op.sample);
  return sample;
}

/** The output fields: the catalog's (its `id` labelled "Order ID", "Customer ID"…, lists by their list labels), then what the app adds. */
export function zapierOutputFields(host: ActionHost, op: RuntimeOperation, noun: string): ZapierOutputField[] {
  const listLabels = host.zapierActions?.listLabels ?? {};
  const fields = outputFieldsFor({ fields: op.outputFields }).map((field) => {
    if (field.key === 'id') return { ...field, label: `${noun} ID` };
    const list = field.key.match(/^(\w+)\[\]/)?.[1];
    const plural = list && listLabels[list];
    if (plural) {
      const rest = field.label.replace(new RegExp(`^${list}\\s*`, 'i'), '');
      return { ...field, label: `${plural} ${rest || 'ID'}`.trim() };
    }
    return field;
  });
  for (const field of added(host, op.resource)) fields.push({ key: field.key, label: field.label, type: 'string' });
  return fields;
}

/** One invocation's related names, each read once; `refused`: the key may not read them, so none is asked for again. */
interface NameCache {
  names: Map<string, Promise<string | null>>;
  refused: boolean;
}

const newNameCache = (): NameCache => ({ names: new Map(), refused: false });

/** The first of the related record's name keys that is set, or null when there is none or it cannot be read (logged). */
function relatedName(z: ZObject, client: StepClient, related: Related, cache: NameCache, id: unknown): Promise<string | null> {
  if (typeof id !== 'string' || id === '' || cache.refused) return Promise.resolve(null);
  let name = cache.names.get(id);
  if (!name) {
    name = client.get(related.path, id).then(
      (record) => related.nameKeys.map((key) => record[key]).find((v): v is string => typeof v === 'string' && v.trim() !== '') ?? null,
      (error: unknown) => {
        if (cache.refused) return null;
        if (error instanceof ApiError && (error.status === 401 || error.status === 403)) cache.refused = true;
        z.console.log(`${related.label} left empty: ${related.resource} ${id} could not be read (${error instanceof Error ? error.message : String(error)})`);
        return null;
      },
    );
    cache.names.set(id, name);
  }
  return name;
}

/** Related reads sent at once for one page of records: gentle on the provider's rate limit. */
const RELATED_READS = 5;

/** The names of these related records (each read once, at most RELATED_READS at a time), by id; unreadable ones are left out. */
export async function relatedNames(z: ZObject, client: StepClient, related: Related, ids: unknown[]): Promise<Map<string, string>> {
  const cache = newNameCache();
  const unique = [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))];
  const found = new Map<string, string>();
  for (let i = 0; i < unique.length; i += RELATED_READS) {
    await Promise.all(
      unique.slice(i, i + RELATED_READS).map(async (id) => {
        const name = await relatedName(z, client, related, cache, id);
        if (name) found.set(id, name);
      }),
    );
  }
  return found;
}

/** The records as the step returns them: sample keys present, and what the app adds to records of this kind. */
export async function presentRecords(host: ActionHost, z: ZObject, bundle: Bundle, client: StepClient, op: RuntimeOperation, records: Item[]): Promise<Item[]> {
  const sample = zapierSample(host, op);
  const { related, page } = recordRules(host, op.resource);
  const cache = newNameCache();
  return Promise.all(
    records.map(async (record) => {
      const extra: Item = {};
      if (related) extra[related.key] = await relatedName(z, client, related, cache, record[related.idKey]);
      if (page) extra[page.key] = typeof record.id === 'string' ? recordPageUrl(host, op.resource, bundle.authData?.baseUrl, record.id) : null;
      return withSampleKeys({ ...record, ...extra }, sample);
    }),
  );
}
