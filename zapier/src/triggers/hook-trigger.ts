import type { Bundle, ZObject } from 'zapier-platform-core';
import type { RuntimeEvent } from '@distribu/shared/runtime';
import { inputFieldsFor } from './input-fields';
import { listRecent } from './list';
import { itemSourceField, withItemSource } from './item-source';
import { outputFieldsFor } from './output-fields';
import { performHook } from './perform';
import { subscribeHook, unsubscribeHook } from './subscribe';
import { startStep } from '../time-budget';

/**
 * One REST hook trigger from a catalog event. Every call builds NEW function objects: Zapier's
 * app tester finds a method's path by identity, so triggers must not share functions.
 */
export function makeHookTrigger(event: RuntimeEvent) {
  return {
    key: event.key,
    noun: event.noun,
    display: { label: event.label, description: event.description },
    operation: {
      type: 'hook' as const,
      inputFields: inputFieldsFor(event),
      performSubscribe: (z: ZObject, bundle: Bundle) => subscribeHook(z, startStep(bundle), event),
      performUnsubscribe: (z: ZObject, bundle: Bundle) => unsubscribeHook(z, startStep(bundle)),
      perform: (z: ZObject, bundle: Bundle) => performHook(z, startStep(bundle), event),
      performList: (z: ZObject, bundle: Bundle) => listRecent(z, startStep(bundle), event),
      sample: withItemSource(event.sample, 'sample'),
      outputFields: [...outputFieldsFor(event), itemSourceField],
    },
  };
}
