// What a Zapier action or search returns, in one place: the catalog's record with every key of the
// step's sample present (a field Distribu left out comes back as null, so Zapier's check that
// each sample key appears in every live result holds whatever Distribu omits), plus, for orders,
// the customer's name and the order's page in Distribu's dashboard. Labels say what each value is.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { DistribuApiError, apiBaseUrl, operations, type DistribuClient, type RuntimeOperation } from '@distribu/shared/runtime';
import { outputFieldsFor, type ZapierOutputField } from '../triggers/output-fields';

type Item = Record<string, unknown>;

const isObject = (value: unknown): value is Item => !!value && typeof value === 'object' && !Array.isArray(value);

/**
 * `record` with every key of `sample`, recursively: an absent (or null) object becomes an object
 * of nulls, each list entry gets the keys of the sample's first entry, any other absent value
 * becomes null. Keys the sample does not know pass through (Distribu adds fields).
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

/** The order's page in Distribu's dashboard, from the catalog's order picker (`…/dashboard/orders/{id}`), on the connected host. */
const ORDER_PAGE = operations.flatMap((op) => op.inputs).find((input) => input.picker?.resource === 'order')!.picker!.urlPattern!;

export function orderPageUrl(baseUrl: string | undefined, orderId: string): string {
  const origin = new URL(apiBaseUrl(baseUrl)).origin;
  return ORDER_PAGE.replace(/^https?:\/\/[^/]+/, origin).replace('{id}', encodeURIComponent(orderId));
}

/** What the app adds to the catalog's record, by record kind, with an example and a label each. */
const ADDED: Record<string, Array<{ key: string; label: string; example: (sample: Item) => unknown }>> = {
  order: [
    { key: 'customerName', label: 'Customer Name', example: () => 'Acme Restaurant Group' },
    { key: 'dashboardUrl', label: 'Order Page in Distribu', example: (sample) => orderPageUrl(undefined, String(sample.id)) },
  ],
};

/** The step's sample: the catalog's, with what the app adds. */
export function zapierSample(op: RuntimeOperation): Item {
  const sample: Item = { ...op.sample };
  for (const added of ADDED[op.resource] ?? []) sample[added.key] = added.example(op.sample);
  return sample;
}

/** `items[]` fields read "Line Item …" rather than the catalog's plain "Items …". */
const LIST_LABELS: Record<string, string> = { items: 'Line Item' };

/** The output fields: the catalog's (its `id` labelled "Order ID", "Customer ID"…), then what the app adds. */
export function zapierOutputFields(op: RuntimeOperation, noun: string): ZapierOutputField[] {
  const fields = outputFieldsFor({ fields: op.outputFields }).map((field) => {
    if (field.key === 'id') return { ...field, label: `${noun} ID` };
    const list = field.key.match(/^(\w+)\[\]/)?.[1];
    const plural = list && LIST_LABELS[list];
    if (plural) {
      const rest = field.label.replace(new RegExp(`^${list}\\s*`, 'i'), '');
      return { ...field, label: `${plural} ${rest || 'ID'}`.trim() };
    }
    return field;
  });
  for (const added of ADDED[op.resource] ?? []) fields.push({ key: added.key, label: added.label, type: 'string' });
  return fields;
}

/** One invocation's customer names, read once per customer; `refused`: the key may not read customers, so none is asked for again. */
interface NameCache {
  names: Map<string, Promise<string | null>>;
  refused: boolean;
}

const newNameCache = (): NameCache => ({ names: new Map(), refused: false });

/** The customer's name (or email when it has none), or null when there is none or it cannot be read (logged). */
function customerName(z: ZObject, client: DistribuClient, cache: NameCache, customerId: unknown): Promise<string | null> {
  if (typeof customerId !== 'string' || customerId === '' || cache.refused) return Promise.resolve(null);
  let name = cache.names.get(customerId);
  if (!name) {
    name = client.getCustomer(customerId).then(
      (c) => (typeof c.name === 'string' && c.name.trim() ? c.name : typeof c.email === 'string' ? c.email : null),
      (error: unknown) => {
        if (cache.refused) return null;
        if (error instanceof DistribuApiError && (error.status === 401 || error.status === 403)) cache.refused = true;
        z.console.log(`Customer Name left empty: customer ${customerId} could not be read (${error instanceof Error ? error.message : String(error)})`);
        return null;
      },
    );
    cache.names.set(customerId, name);
  }
  return name;
}

/** The names of these customers (each read once, at most CUSTOMER_READS at a time), by id; unreadable ones are left out. */
export async function customerNames(z: ZObject, client: DistribuClient, ids: unknown[]): Promise<Map<string, string>> {
  const names = newNameCache();
  const unique = [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))];
  const found = new Map<string, string>();
  for (let i = 0; i < unique.length; i += CUSTOMER_READS) {
    await Promise.all(
      unique.slice(i, i + CUSTOMER_READS).map(async (id) => {
        const name = await customerName(z, client, names, id);
        if (name) found.set(id, name);
      }),
    );
  }
  return found;
}

/** Customer reads sent at once for one page of orders: gentle on Distribu's rate limit. */
const CUSTOMER_READS = 5;

/** The records as the step returns them: sample keys present, and for orders the customer's name and page. */
export async function presentRecords(z: ZObject, bundle: Bundle, client: DistribuClient, op: RuntimeOperation, records: Item[]): Promise<Item[]> {
  const sample = zapierSample(op);
  const names = newNameCache();
  return Promise.all(
    records.map(async (record) => {
      const added: Item = {};
      if (op.resource === 'order') {
        added.customerName = await customerName(z, client, names, record.customerId);
        added.dashboardUrl = typeof record.id === 'string' ? orderPageUrl(bundle.authData?.baseUrl, record.id) : null;
      }
      return withSampleKeys({ ...record, ...added }, sample);
    }),
  );
}
