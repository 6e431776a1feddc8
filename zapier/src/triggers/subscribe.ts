import type { Bundle, ZObject } from 'zapier-platform-core';
import { DistribuClient, type CreatedWebhook, type RuntimeEvent } from '../../../shared/src/runtime';
import { withZapierErrors } from '../errors';
import { zapierTransport } from '../transport';

/**
 * Registers this Zap's hooks.zapier.com URL for one event. What it returns (the webhook with
 * its one-time signing secret) becomes `bundle.subscribeData`, used to verify each delivery.
 */
export async function subscribeHook(z: ZObject, bundle: Bundle, event: RuntimeEvent): Promise<CreatedWebhook> {
  if (!bundle.targetUrl) throw new z.errors.Error('Zapier gave no webhook URL to register with Distribu.', 'MissingTargetUrl');
  const client = new DistribuClient(zapierTransport(z, bundle));
  return withZapierErrors(z, () => client.createWebhook({ url: bundle.targetUrl!, events: [event.name], isActive: true }));
}

/** Deletes this Zap's webhook. One already gone (404) counts as done, so turning a Zap off always completes. */
export async function unsubscribeHook(z: ZObject, bundle: Bundle): Promise<{ id: string | null; deleted: boolean }> {
  const id = (bundle.subscribeData as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string' || id === '') {
    z.console.log('Nothing to unsubscribe: this Zap has no Distribu webhook id stored.');
    return { id: null, deleted: false };
  }
  const client = new DistribuClient(zapierTransport(z, bundle));
  const deleted = await withZapierErrors(z, () => client.deleteWebhook(id));
  if (!deleted) z.console.log(`Distribu webhook ${id} was already deleted.`);
  return { id, deleted };
}
