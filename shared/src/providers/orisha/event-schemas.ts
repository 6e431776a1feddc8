// Orisha's 13 events as zod schemas, built from the event catalog (events.ts): the body Orisha sends
// (only the documented codes, each a non-empty string) and the item every host emits for it.
import { z } from 'zod';
import { orishaEvents, type OrishaEvent } from './events';
import { orishaRecordSchema } from './operations';

export function orishaBodySchema(event: OrishaEvent) {
  return z.looseObject(Object.fromEntries(event.codes.map((c) => [c, z.string().min(1)])));
}

/** The item: `id` = X-Event-Id, `event`, an empty `timestamp`, the codes, the two header fields; with Fetch Full, the record. */
export function orishaItemSchema(event: OrishaEvent) {
  return orishaBodySchema(event).extend({
    id: z.string().min(1).describe('X-Event-Id: unique per event, the same for a duplicate delivery'),
    event: z.literal(event.name),
    timestamp: z.literal('').describe('Orisha sends no event time'),
    administrationCode: z.string().nullable().describe('X-Administration-Code'),
    triggeredById: z.string().nullable().describe('X-TriggeredBy-Id: who made the change'),
    record: (event.hydrate ? orishaRecordSchema(event.resource).nullable() : z.null()).optional(),
    recordStatus: z.enum(['fetched', 'not-found', 'no-code', 'failed']).optional(),
    recordError: z.string().optional(),
  });
}

export const orishaEventSchemas = Object.fromEntries(orishaEvents.map((e) => [e.name, { body: orishaBodySchema(e), item: orishaItemSchema(e) }]));
