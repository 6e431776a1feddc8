import type { RuntimeEvent, TriggerItem } from '@distribu/shared/runtime';
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
 * A REST record's item cut to `keys`. The variant marker (`source`, `updateType`) is left out: a
 * record does not say how it was created or changed, so it cannot claim one.
 */
export function recordItemFor(event: RuntimeEvent, item: TriggerItem, keys: Set<string>): TriggerItem {
  const marker = event.discriminator?.key;
  return Object.fromEntries(Object.entries(item).filter(([key]) => keys.has(key) && key !== marker)) as TriggerItem;
}
