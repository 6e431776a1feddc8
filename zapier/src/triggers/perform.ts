import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  DistribuApiError,
  DistribuClient,
  fullRecordRef,
  normalizeDelivery,
  verify,
  withFullRecord,
  type RuntimeEvent,
  type TriggerItem,
} from '../../../shared/src/runtime';
import { withZapierErrors } from '../errors';
import { zapierTransport } from '../transport';
import { FETCH_FULL_RECORD, isOn, passesStatusFilter } from './input-fields';

function subscriptionSecret(bundle: Bundle): string | undefined {
  const secret = (bundle.subscribeData as { secret?: unknown } | undefined)?.secret;
  return typeof secret === 'string' ? secret : undefined;
}

/** Adds the full REST record's fields; a record deleted since the delivery leaves the item as delivered. */
async function hydrate(z: ZObject, bundle: Bundle, event: RuntimeEvent, item: TriggerItem): Promise<TriggerItem> {
  const ref = fullRecordRef(event, item);
  if (!ref) return item;
  const client = new DistribuClient(zapierTransport(z, bundle));
  return withZapierErrors(z, async () => {
    try {
      return withFullRecord(item, await client.get(ref.path, ref.id));
    } catch (error) {
      if (!(error instanceof DistribuApiError && error.status === 404)) throw error;
      z.console.log(`The ${event.noun.toLowerCase()} ${ref.id} is gone from Distribu; continuing with the webhook's fields only.`);
      return item;
    }
  });
}

/**
 * One delivery from hooks.zapier.com. A delivery that fails verification or belongs to
 * another event returns `[]` (no run) and is logged: throwing would count toward switching
 * the Zap off, which a forged POST to a leaked URL must not be able to do. Logs name the
 * reason, never the secret.
 */
export async function performHook(z: ZObject, bundle: Bundle, event: RuntimeEvent): Promise<TriggerItem[]> {
  const raw = bundle.rawRequest;
  const verdict = verify({ body: raw?.content, headers: raw?.headers, secrets: subscriptionSecret(bundle) });
  if (!verdict.ok) {
    z.console.log(`Ignored a delivery for "${event.label}": ${verdict.message}`);
    return [];
  }
  const normalized = normalizeDelivery(raw!.content!);
  if (!normalized.ok) {
    z.console.log(`Ignored a delivery for "${event.label}": ${normalized.message}`);
    return [];
  }
  let item = normalized.item;
  if (item.event !== event.name) {
    z.console.log(`Ignored a ${item.event} delivery: this trigger runs only for ${event.name}.`);
    return [];
  }
  if (!passesStatusFilter(item, bundle.inputData)) {
    z.console.log(`Skipped: status ${String(item.status)} is not among the statuses chosen for this Zap.`);
    return [];
  }
  if (isOn(bundle.inputData?.[FETCH_FULL_RECORD])) item = await hydrate(z, bundle, event, item);
  return [item];
}
