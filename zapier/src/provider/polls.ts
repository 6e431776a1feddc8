// A provider app's polling triggers, for a provider Zapier cannot subscribe to (no webhook API: public Zapier apps
// may not ship paste-the-URL triggers): one per event its read API can detect (`pollable`), whose poll is the
// provider poller's newest records (`recent`). Zapier keeps the ids it has seen and runs the Zap once per new `id`.
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { HostEvent, HostProvider } from '@distribu/shared/kit';
import { nounOf } from './actions';
import { clientOf } from './connection';
import { inZapierWords, testingAuthOf } from './errors';

/** Records one poll reads: Zapier's deduplication needs only the newest, and one page answers fast. */
export const POLL_LIMIT = 50;

/** Whether the provider can be polled the way Zapier polls (newest first, deduplicated by id). */
export const zapierPollable = (host: HostProvider) => !!host.api && !!host.poller?.recent && host.pollable.length > 0;

export function pollingTrigger(host: HostProvider, event: HostEvent) {
  const recent = host.poller!.recent!;
  return {
    key: event.key,
    noun: nounOf(event.resource),
    display: { label: event.label, description: `${event.description.replace(/\.$/, '')}. Checked on Zapier's polling schedule.` },
    operation: {
      type: 'polling' as const,
      perform: (z: ZObject, bundle: Bundle) => inZapierWords(z, host, () => recent(clientOf(z, host, bundle), event.name, POLL_LIMIT), testingAuthOf(bundle)),
      sample: event.sample,
    },
  };
}
