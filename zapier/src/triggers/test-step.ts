import { operations, type RuntimeEvent, type TriggerItem } from '@distribu/shared/runtime';
import { chosenVariant } from './input-fields';

/**
 * The keys a test-step item may carry: Zapier requires that every key of a sample or test item
 * appears in every live item of the trigger. Those are the keys every variant's deliveries carry,
 * or, when the user narrowed the trigger to one variant ("Update Type", "Source"), that variant's.
 */
export function testStepKeys(event: RuntimeEvent, inputData: Record<string, unknown> | undefined): Set<string> {
  const variant = chosenVariant(event, inputData);
  if (variant) return new Set(event.variantKeys[variant] ?? []);
  const lists = Object.values(event.variantKeys);
  return new Set(lists[0]?.filter((key) => lists.every((keys) => keys.includes(key))) ?? []);
}

/**
 * A REST record's item cut to `keys`; a field of the record (as the operation catalog documents it)
 * that Distribu left out, as it may leave out an empty one, is null, as a delivery sends it. The variant marker (`source`,
 * `updateType`) is left out: a record does not say how it was created or changed, so it cannot claim one.
 */
export function recordItemFor(event: RuntimeEvent, item: TriggerItem, keys: Set<string>): TriggerItem {
  const marker = event.discriminator?.key;
  const out = Object.fromEntries(Object.entries(item).filter(([key]) => keys.has(key) && key !== marker)) as TriggerItem;
  const documented = recordFields(event.resource);
  for (const key of keys) {
    const source = event.list?.from[key] ?? key;
    if (key !== marker && !(key in out) && event.list?.keys.includes(key) && documented.has(source)) out[key] = null;
  }
  return out;
}

/** The top-level fields of a REST record of this kind, as the operation catalog's read documents them. */
function recordFields(resource: string): Set<string> {
  const read = operations.find((op) => op.resource === resource && op.kind === 'get');
  return new Set((read?.outputFields ?? []).map((f) => f.key).filter((key) => !key.includes('.') && !key.includes('[]')));
}
