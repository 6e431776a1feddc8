import { z } from 'zod';
import { catalog, resources, type CatalogEntry, type EventName } from './catalog';

/** `{event, timestamp, data}`: every delivery. Unknown events parse too (Distribu adds events). */
export const envelopeSchema = z.looseObject({
  event: z.string().min(1).describe('The event name.'),
  timestamp: z.iso.datetime({ offset: true }).describe('When Distribu composed the payload (ISO 8601 UTC).'),
  data: z.looseObject({}).describe('Event-specific payload.'),
});

type VariantsOf<E extends CatalogEntry> = E['variants'];
/**
 * Loose objects (unknown fields pass through at run time) infer a `[k: string]: unknown` index
 * signature, which stops `in` and property checks from narrowing between variants: types keep
 * only the documented keys.
 */
type Known<T> = { [K in keyof T as string extends K ? never : K]: T[K] };
type DataOf<E extends CatalogEntry> = { [V in keyof VariantsOf<E>]: Known<z.output<VariantsOf<E>[V]>> }[keyof VariantsOf<E>];
type EntryNamed<N extends EventName> = Extract<CatalogEntry, { name: N }>;

/** The `data` of one event, as a union of its documented shapes. */
export type EventData<N extends EventName> = DataOf<EntryNamed<N>>;

/** A delivery body, discriminated on `event`. */
export type DistribuEvent = { [N in EventName]: { event: N; timestamp: string; data: EventData<N> } }[EventName];

function unionOf(schemas: z.ZodObject[]): z.ZodType {
  return schemas.length === 1 ? schemas[0]! : z.union(schemas as [z.ZodObject, z.ZodObject, ...z.ZodObject[]]);
}

/** The zod schema of `data` for an event: any of its documented variants. */
export function dataSchema(name: EventName): z.ZodType {
  const entry = catalog.find((e) => e.name === name)!;
  return unionOf(Object.values(entry.variants));
}

/** The zod schema of a whole delivery for one event. */
export function deliverySchema(name: EventName): z.ZodType {
  return envelopeSchema.extend({ event: z.literal(name), data: dataSchema(name) });
}

/** The trigger item one variant becomes after normalization (see runtime/normalize.ts). */
export function itemVariantSchema(entry: CatalogEntry, variant: string): z.ZodObject {
  const { id: idSchema, ...rest } = (entry.variants as Record<string, z.ZodObject>)[variant]!.shape;
  const idKey = resources[entry.resource].idKey;
  const shape: Record<string, z.ZodType> = {
    id: z
      .string()
      .meta({ title: 'Event ID' })
      .describe('Unique ID of this event (`evt_` + digest of the delivery); the same for an exact replay.'),
    event: z.literal(entry.name).describe('The event name.'),
    timestamp: z.iso.datetime({ offset: true }).describe('When Distribu composed the payload (ISO 8601 UTC).'),
  };
  if (idKey && idSchema) shape[idKey] = idSchema;
  Object.assign(shape, rest);
  for (const [key, arrayField] of Object.entries(entry.derive?.countOf ?? {})) {
    shape[key] ??= z.number().int().describe(`Number of ${arrayField}.`);
  }
  if (entry.discriminator) {
    shape[entry.discriminator.key] = z.literal(variant).describe(`Which payload shape this is (${entry.discriminator.label}).`);
  }
  return z.looseObject(shape);
}

/** The trigger item of an event: any of its variants' items. */
export function itemSchema(entry: CatalogEntry): z.ZodType {
  return unionOf(Object.keys(entry.variants).map((v) => itemVariantSchema(entry, v)));
}
