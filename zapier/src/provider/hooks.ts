// A provider app's REST-hook triggers: one per event, or one "New Event" trigger whose webhook takes the chosen
// event types (one slot for many events, where the provider caps webhooks). Subscribed with the kit's no-orphan
// registration; each delivery verified and judged (hook-perform.ts), run once per event id (this process's memory
// and z.cache set-if-absent, keyed by webhook), with the full record where the user or the provider asks for it; the
// test step from the provider's recent records (hook-list.ts). Each step marks its start for the step's time budget.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { registerHook, removeHooksAt, type HostEvent, type HostProvider, type RegistrationVoice } from '@distribu/shared/kit';
import { startStep } from '../time-budget';
import { inputFieldsFor, isDescribed, itemSourceField, nounOf, outputFieldsFor, sourced, type ZapierInputField } from './hook-fields';
import { listRecent } from './hook-list';
import { performHook, type HookDelivery } from './hook-perform';
import { clientOf } from './connection';
import { boundedFor, inZapierWords } from './errors';

export const ANY_EVENT_KEY = 'new_event';

interface HookSpec {
  key: string;
  noun: string;
  label: string;
  description: string;
  /** The events the webhook is for (from the Zap's input for the "New Event" trigger). */
  events(bundle: Bundle): string[];
  /** The one event of a named trigger. */
  event?: HostEvent;
  sample: Record<string, unknown>;
  inputFields?: ZapierInputField[];
}

/** Subscribes this Zap's hooks.zapier.com URL; what it returns (the webhook with its one-time secret) becomes `bundle.subscribeData`. */
async function subscribe(z: ZObject, bundle: Bundle, d: HookDelivery) {
  const { host } = d;
  const subscription = host.subscription;
  if (subscription.mode !== 'api') throw new Error(`${host.names.displayName} has no webhook API for REST hooks.`);
  const targetUrl = bundle.targetUrl;
  if (!targetUrl) throw new z.errors.Error(`Zapier gave no webhook URL to register with ${host.names.displayName}.`, 'MissingTargetUrl');
  const words: RegistrationVoice = { voice: host.provider.voice, bounded: boundedFor(host) };
  // The webhook's description (where the provider keeps one) says who holds the slot: the cap message names holders by it.
  const api = subscription.over(clientOf(z, host, bundle), `Zapier: ${d.label}`);
  return inZapierWords(z, host, () => registerHook(api, words, { url: targetUrl, events: d.events }, { log: (line) => z.console.log(line) }), { testingAuth: true });
}

/**
 * Deletes this Zap's webhook. One already gone counts as done, so turning a Zap off always completes; without a
 * stored id, the webhooks at exactly this Zap's URL are removed instead. Webhooks at any other URL are never touched.
 */
async function unsubscribe(z: ZObject, bundle: Bundle, d: HookDelivery): Promise<{ id: string | null; deleted: boolean }> {
  const { host } = d;
  const subscription = host.subscription;
  if (subscription.mode !== 'api') throw new Error(`${host.names.displayName} has no webhook API for REST hooks.`);
  const name = host.names.displayName;
  // Zapier turns the Zap off even when this fails (zapier-platform-cli#261): say what is left and how it goes.
  const hint = ` The Zap's ${name} webhook may remain: turning this Zap on again removes it, or delete it in ${name} under ${host.provider.voice.places.webhooks}.`;
  const id = (bundle.subscribeData as { id?: unknown } | undefined)?.id;
  const api = subscription.over(clientOf(z, host, bundle), `Zapier: ${d.label}`);
  if (typeof id !== 'string' || id === '') {
    if (!bundle.targetUrl) {
      z.console.log(`Nothing to unsubscribe: this Zap has no ${name} webhook id or URL stored.`);
      return { id: null, deleted: false };
    }
    const removed = await inZapierWords(z, host, () => removeHooksAt(api, bundle.targetUrl!), { testingAuth: true, hint });
    if (removed.length) z.console.log(`Removed ${removed.length} ${name} webhook(s) at this Zap's URL.`);
    return { id: removed[0] ?? null, deleted: removed.length > 0 };
  }
  const deleted = await inZapierWords(z, host, () => api.remove(id), { testingAuth: true, hint });
  if (!deleted) z.console.log(`${name} webhook ${id} was already deleted.`);
  return { id, deleted };
}

/**
 * One REST hook trigger. Every call builds NEW function objects: Zapier's app tester finds a method's path by
 * identity, so triggers must not share functions.
 */
function hookTrigger(host: HostProvider, spec: HookSpec) {
  const delivery = (bundle: Bundle): HookDelivery => ({ host, label: spec.label, events: spec.events(bundle), ...(spec.event ? { event: spec.event } : {}) });
  const described = isDescribed(spec.event);
  return {
    key: spec.key,
    noun: spec.noun,
    display: { label: spec.label, description: spec.description },
    operation: {
      type: 'hook' as const,
      ...(spec.inputFields ? { inputFields: spec.inputFields } : {}),
      performSubscribe: (z: ZObject, bundle: Bundle) => subscribe(z, startStep(bundle), delivery(bundle)),
      performUnsubscribe: (z: ZObject, bundle: Bundle) => unsubscribe(z, startStep(bundle), delivery(bundle)),
      perform: (z: ZObject, bundle: Bundle) => performHook(z, startStep(bundle), delivery(bundle)),
      performList: (z: ZObject, bundle: Bundle) => listRecent(z, startStep(bundle), delivery(bundle), spec.sample),
      sample: sourced(spec.event, spec.sample, 'sample'),
      ...(described ? { outputFields: [...outputFieldsFor({ fields: spec.event!.fields! }), itemSourceField] } : {}),
    },
  };
}

export function eventTrigger(host: HostProvider, event: HostEvent) {
  const inputFields = inputFieldsFor(host, event);
  return hookTrigger(host, {
    key: event.key,
    noun: nounOf(event),
    label: event.label,
    description: event.description,
    events: () => [event.name],
    event,
    sample: event.sample,
    ...(inputFields ? { inputFields } : {}),
  });
}

/** "New Event": one webhook for every event type the Zap chooses. */
export function anyEventTrigger(host: HostProvider) {
  const name = host.names.displayName;
  const cap = host.subscription.mode === 'api' ? host.subscription.cap : undefined;
  const choices = Object.fromEntries(host.events.map((e) => [e.name, e.label]));
  return hookTrigger(host, {
    key: ANY_EVENT_KEY,
    noun: 'Event',
    label: 'New Event',
    description: `Triggers when any of the event types you choose happens in ${name}${cap ? ` (one webhook for all of them: ${name} allows ${cap})` : ''}.`,
    events: (bundle) => {
      const chosen = bundle.inputData?.eventTypes;
      const list = (Array.isArray(chosen) ? chosen : typeof chosen === 'string' ? chosen.split(',') : []).map((e) => String(e).trim()).filter((e) => e in choices);
      return list.length > 0 ? [...new Set(list)] : host.events.map((e) => e.name);
    },
    sample: host.events[0]!.sample,
    inputFields: [
      {
        key: 'eventTypes',
        label: 'Event Types',
        required: false,
        list: true,
        choices,
        helpText: `The ${name} events that start this Zap. Leave empty for all of them. They share one webhook${cap ? `, and ${name} allows ${cap} per administration` : ''}.`,
      },
    ],
  });
}
