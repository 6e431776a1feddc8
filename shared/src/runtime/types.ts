// Shapes of the generated runtime catalog (shared/generated/catalog.json): the kit's (shared/src/kit/catalog.ts),
// under the names Distribu's code has always imported.
export type { Envelope, RuntimeDiscriminator, TriggerItem } from '../kit/types';
export type { FieldType, OutputField, PollSpec, RuntimeEvent, RuntimeList } from '../kit/catalog';
