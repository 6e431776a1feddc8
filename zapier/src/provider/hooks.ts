// A provider app's REST-hook triggers: one per event, or one "New Event" trigger whose webhook takes the chosen
// event types (one slot for many events, where the provider caps webhooks). Subscribed with the kit's no-orphan
// registration; each delivery verified with the stored secret, run once per event id (this process's memory and
// z.cache set-if-absent, keyed by webhook), and given its full record when the provider's payloads are thin.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { boundedLine, judge, normalizeWith, redactor, registerHook, removeHooksAt, type HostEvent, type HostProvider, type RegistrationVoice, type TriggerItem } from '@distribu/shared/kit';
import { firstDelivery, isFresh } from '../triggers/replays';
import { clientOf } from './connection';
import { inZapierWords } from './words';

/** Zapier asks nothing of the provider on a refusal here and cannot store a new secret: it runs or ignores. */
const ZAPIER = { heals: false, asksOnRefusal: false } as const;
/** Event ids are remembered a day: a provider that promises nothing about delivery time may repeat one late. */
const SEEN_TTL_SECONDS = 24 * 3600;
export const ANY_EVENT_KEY = 'new_event';

interface HookSpec {
  key: string;
  noun: string;
  label: string;
  description: string;
  /** The events the webhook is for (from the Zap's input for the "New Event" trigger). */
  events(bundle: Bundle): string[];
  sample: Record<string, unknown>;
  inputFields?: Array<Record<string, unknown>>;
}

function hookOperation(host: HostProvider, spec: HookSpec) {
  const subscription = host.subscription;
  if (subscription.mode !== 'api') throw new Error(`${host.names.displayName} has no webhook API for REST hooks.`);
  const name = host.names.displayName;
  const redact = redactor(host.provider.voice);
  const words: RegistrationVoice = { voice: host.provider.voice, bounded: (text, max = 300) => boundedLine(text, max, redact) };
  // The webhook's description says who holds the slot (the cap message names holders by it).
  const apiOf = (z: ZObject, bundle: Bundle) => subscription.over(clientOf(z, host, bundle), `Zapier: ${spec.label}`);
  const hydrating = !!host.hydrate && host.hydrateByDefault === true;
  return {
    key: spec.key,
    noun: spec.noun,
    display: { label: spec.label, description: spec.description },
    operation: {
      type: 'hook' as const,
      ...(spec.inputFields ? { inputFields: spec.inputFields } : {}),
      performSubscribe: (z: ZObject, bundle: Bundle) =>
        inZapierWords(z, host, () => registerHook(apiOf(z, bundle), words, { url: bundle.targetUrl!, events: spec.events(bundle) }, { log: (line) => z.console.log(line) })),
      performUnsubscribe: (z: ZObject, bundle: Bundle) =>
        inZapierWords(z, host, async () => {
          const id = (bundle.subscribeData as { id?: unknown } | undefined)?.id;
          const api = apiOf(z, bundle);
          if (typeof id === 'string' && id) return { id, deleted: await api.remove(id) };
          return { id: null, deleted: (await removeHooksAt(api, bundle.targetUrl ?? '')).length > 0 };
        }),
      perform: async (z: ZObject, bundle: Bundle) => {
        const raw = bundle.rawRequest as { content?: string; headers?: Record<string, string> } | undefined;
        const secret = (bundle.subscribeData as { secret?: unknown } | undefined)?.secret;
        const verdict = host.verify({ body: raw?.content, headers: raw?.headers, secrets: typeof secret === 'string' ? secret : undefined });
        const decision = judge({ verdict, subscribed: true, host: ZAPIER, now: Date.now() });
        if (decision.do !== 'run') {
          z.console.log(`${name}: a delivery started no run: ${decision.do === 'ignore' ? decision.reason : decision.do}`);
          return [];
        }
        const delivery = normalizeWith(host.provider.inbound, raw!.content!, raw?.headers);
        if (!delivery.ok || !spec.events(bundle).includes(delivery.item.event)) return [];
        // A provider that sends no event time (an empty timestamp) has no replay window: its event id alone decides.
        const timed = delivery.item.timestamp !== '';
        const hookId = String((bundle.subscribeData as { id?: unknown } | undefined)?.id ?? '');
        if ((timed && !isFresh(delivery.item)) || !(await firstDelivery(z, hookId, delivery.item, { provider: host.provider.id, ...(timed ? {} : { ttlSeconds: SEEN_TTL_SECONDS }) }))) {
          z.console.log(`${name}: event ${delivery.item.id} started no run (seen before${timed ? ', or outside the replay window' : ''}).`);
          return [];
        }
        if (!hydrating) return [delivery.item];
        // The record fetched by its code(s); a failure is stated on the item, which still runs.
        const client = clientOf(z, host, bundle, { renew: true });
        return [await host.hydrate!(async () => client, delivery.item, (line) => z.console.log(line))];
      },
      // The Zap editor's test step: real records from the API where it can list them, else the documented sample.
      performList: async (z: ZObject, bundle: Bundle) => {
        if (!host.samples) return [host.eventOf(spec.events(bundle)[0]!)?.sample ?? spec.sample];
        const client = clientOf(z, host, bundle);
        const got: TriggerItem[] = [];
        for (const event of spec.events(bundle)) {
          got.push(...(await inZapierWords(z, host, () => host.samples!(client, event, 3))));
          if (got.length >= 3) break;
        }
        return got.length > 0 ? got.slice(0, 3) : [host.eventOf(spec.events(bundle)[0]!)?.sample ?? spec.sample];
      },
      sample: spec.sample,
    },
  };
}

export function eventTrigger(host: HostProvider, event: HostEvent) {
  return hookOperation(host, { key: event.key, noun: event.resource, label: event.label, description: event.description, events: () => [event.name], sample: event.sample });
}

/** "New Event": one webhook for every event type the Zap chooses. */
export function anyEventTrigger(host: HostProvider) {
  const name = host.names.displayName;
  const cap = host.subscription.mode === 'api' ? host.subscription.cap : undefined;
  const choices = Object.fromEntries(host.events.map((e) => [e.name, e.label]));
  return hookOperation(host, {
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
