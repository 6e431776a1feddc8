import { events } from '@distribu/shared/runtime';
import { makeHookTrigger } from './hook-trigger';

/** All twelve triggers, keyed by their key: adding an event to the catalog adds a trigger here. */
export const triggers = Object.fromEntries(events.map((event) => [event.key, makeHookTrigger(event)]));
