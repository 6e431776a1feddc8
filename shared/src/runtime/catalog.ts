// A named import and a lazily built index let a bundle that never looks up an event (the action
// node) leave the event list out.
import { events as generated } from '../../generated/catalog.json';
import type { RuntimeEvent } from './types';

/** The twelve events as the connectors see them at run time (generated from the zod catalog). */
export const events: readonly RuntimeEvent[] = generated as unknown as RuntimeEvent[];

export const eventNames: readonly string[] = /* @__PURE__ */ events.map((e) => e.name);

let byName: Map<string, RuntimeEvent> | undefined;
const index = () => (byName ??= new Map(events.map((e) => [e.name, e])));

export function getEvent(name: string): RuntimeEvent | undefined {
  return index().get(name);
}

export function isKnownEvent(name: unknown): boolean {
  return typeof name === 'string' && index().has(name);
}
