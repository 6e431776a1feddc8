import generated from '../../generated/catalog.json';
import type { RuntimeEvent } from './types';

/** The twelve events as the connectors see them at run time (generated from the zod catalog). */
export const events: readonly RuntimeEvent[] = generated.events as unknown as RuntimeEvent[];

export const eventNames: readonly string[] = events.map((e) => e.name);

const byName = new Map(events.map((e) => [e.name, e]));

export function getEvent(name: string): RuntimeEvent | undefined {
  return byName.get(name);
}

export function isKnownEvent(name: unknown): boolean {
  return typeof name === 'string' && byName.has(name);
}
