import { z } from 'zod';
import { catalog, resources, type CatalogEntry } from '../catalog';
import { itemSchema, itemVariantSchema } from '../schemas';
import { eventId, toTriggerItem } from '../runtime/normalize';
import type { Envelope, RuntimeEvent, TriggerItem } from '../runtime/types';
import { flattenFields } from './fields';

/** JSON Schema (draft 2020-12) of an event's trigger item. */
export function itemJsonSchema(entry: CatalogEntry): Record<string, unknown> {
  return {
    ...(z.toJSONSchema(itemSchema(entry), { io: 'output' }) as Record<string, unknown>),
    title: entry.label,
    description: entry.description,
  };
}

function listOf(entry: CatalogEntry): RuntimeEvent['list'] {
  const resource = resources[entry.resource];
  if (!('list' in entry) || !entry.list || !resource.path) return null;
  const spec = entry.list;
  return {
    path: resource.path,
    scope: resource.scope!,
    query: spec.query ?? {},
    ...(spec.where ? { where: spec.where } : {}),
    keys: Object.keys((entry.variants as Record<string, z.ZodObject>)[spec.variant]!.shape),
    from: spec.from ?? {},
    defaults: spec.defaults ?? {},
    ...(spec.note ? { note: spec.note } : {}),
    ...(spec.poll ? { poll: spec.poll } : {}),
  };
}

/** Per variant, the item keys every delivery of that shape carries (the variant's required keys). */
function variantKeys(entry: CatalogEntry): Record<string, string[]> {
  return Object.fromEntries(
    Object.keys(entry.variants).map((variant) => {
      const schema = z.toJSONSchema(itemVariantSchema(entry, variant), { io: 'output' }) as { required?: string[] };
      return [variant, schema.required ?? []];
    }),
  );
}

/**
 * The trigger's sample: its keys must appear in every delivery (Zapier's checks), so it is the
 * first sample delivery that carries only keys every variant has (a thin one, as documented),
 * else the first sample cut to those keys.
 */
function sampleItem(items: TriggerItem[], keysByVariant: Record<string, string[]>): TriggerItem {
  const lists = Object.values(keysByVariant);
  const everywhere = (key: string) => lists.every((keys) => keys.includes(key));
  const thin = items.find((item) => Object.keys(item).every(everywhere));
  return thin ?? (Object.fromEntries(Object.entries(items[0]!).filter(([key]) => everywhere(key))) as TriggerItem);
}

/** The zod-free view of one catalog entry that the connectors bundle. */
export function runtimeEvent(entry: CatalogEntry): RuntimeEvent {
  const resource = resources[entry.resource];
  const spec = {
    idKey: resource.idKey,
    discriminator: 'discriminator' in entry && entry.discriminator ? entry.discriminator : null,
    derive: 'derive' in entry && entry.derive ? entry.derive : null,
  };
  const samples = entry.samples.map((s) => ({ variant: s.variant, title: s.title, envelope: s.envelope as Envelope }));
  const keys = variantKeys(entry);
  return {
    name: entry.name,
    key: entry.name.replace(/\./g, '_'),
    resource: entry.resource,
    noun: resource.noun,
    label: entry.label,
    description: entry.description,
    notes: 'notes' in entry && entry.notes ? [...entry.notes] : [],
    ...spec,
    recordPath: resource.path,
    recordScope: resource.scope,
    variants: Object.keys(entry.variants),
    variantKeys: keys,
    list: listOf(entry),
    samples,
    sample: sampleItem(
      samples.map((s) => toTriggerItem(s.envelope, eventId(JSON.stringify(s.envelope)), spec)),
      keys,
    ),
    fields: flattenFields(itemJsonSchema(entry) as Parameters<typeof flattenFields>[0]),
  };
}

export function runtimeCatalog(): { events: RuntimeEvent[] } {
  return { events: catalog.map(runtimeEvent) };
}

