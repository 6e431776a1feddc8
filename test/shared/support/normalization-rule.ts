/**
 * docs/normalization.md's rule for where each payload key lands in the trigger item, written out
 * on its own (not by calling the implementation) so tests and the fuzzer can check the item.
 */
import { getEvent } from '@distribu/shared/runtime';

const UNKNOWN_EVENT = { idKey: 'resourceId', discriminator: null, derive: null } as const;

const capitalized = (key: string) => `data${key.charAt(0).toUpperCase()}${key.slice(1)}`;

/** The item's own keys, and the item key each payload key (but a moved `id`) must be under. */
export function expectedNames(event: string, data: Record<string, unknown>): { reserved: string[]; names: Map<string, string> } {
  const spec = getEvent(event) ?? UNKNOWN_EVENT;
  const movesId = spec.idKey !== null && Object.hasOwn(data, 'id') && data.id !== undefined;
  const reserved = ['id', 'event', 'timestamp'];
  if (movesId) reserved.push(spec.idKey!);
  for (const [key, from] of Object.entries(spec.derive?.countOf ?? {})) {
    if (Object.hasOwn(data, from) && Array.isArray(data[from])) reserved.push(key);
  }
  if (spec.discriminator) reserved.push(spec.discriminator.key); // both discriminators have a fallback variant
  const taken = new Set([...reserved, ...Object.keys(data)]);
  const names = new Map<string, string>();
  for (const key of Object.keys(data)) {
    if (movesId && key === 'id') continue;
    let name = key;
    if (reserved.includes(key)) {
      do name = capitalized(name);
      while (taken.has(name));
      taken.add(name);
    }
    names.set(key, name);
  }
  return { reserved, names };
}

/** The reasons an item breaks the rule (empty when every payload key sits where the rule says, once). */
export function ruleViolations(item: object, event: string, data: Record<string, unknown>): string[] {
  const own = (o: object, k: string) => Object.getOwnPropertyDescriptor(o, k)?.value;
  const { reserved, names } = expectedNames(event, data);
  const problems: string[] = [];
  for (const [key, name] of names) {
    if (!Object.hasOwn(item, name)) problems.push(`payload key ${JSON.stringify(key)} is missing (expected under ${JSON.stringify(name)})`);
    else if (JSON.stringify(own(item, name)) !== JSON.stringify(own(data, key))) problems.push(`payload key ${JSON.stringify(key)} has another value under ${JSON.stringify(name)}`);
  }
  const expected = new Set([...reserved, ...names.values()]);
  const keys = Object.keys(item);
  if (keys.length !== expected.size || keys.some((k) => !expected.has(k))) {
    problems.push(`item keys ${JSON.stringify(keys.slice(0, 20))} are not exactly the own keys and the payload names`);
  }
  if (Object.getPrototypeOf(item) !== Object.prototype) problems.push("the item's prototype changed");
  return problems;
}
