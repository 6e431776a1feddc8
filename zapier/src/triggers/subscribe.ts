import type { Bundle, ZObject } from 'zapier-platform-core';
import { registerWebhook, removeWebhooksAt, type CreatedWebhook, type RuntimeEvent } from '@distribu/shared/runtime';
import { withZapierErrors } from '../errors';
import { distribuClient } from '../transport';

/**
 * Registers this Zap's hooks.zapier.com URL for one event. What it returns (the webhook with its
 * one-time signing secret) becomes `bundle.subscribeData`, used to verify each delivery.
 * The shared registerWebhook removes leftovers at exactly this URL first (their secret is lost),
 * cleans up after a create whose outcome is unknown, and lets the newest of concurrent
 * registrations of this URL win; the losing one becomes a plain Zapier error.
 */
export async function subscribeHook(z: ZObject, bundle: Bundle, event: RuntimeEvent): Promise<CreatedWebhook> {
  const targetUrl = bundle.targetUrl;
  if (!targetUrl) throw new z.errors.Error('Zapier gave no webhook URL to register with Distribu.', 'MissingTargetUrl');
  const client = distribuClient(z, bundle);
  return withZapierErrors(z, () => registerWebhook(client, { url: targetUrl, events: [event.name] }, { log: (line) => z.console.log(line) }));
}

/** Zapier turns the Zap off even when this fails (zapier-platform-cli#261): say what is left and how it goes. */
const UNSUBSCRIBE_HINT =
  " The Zap's Distribu webhook may remain: turning this Zap on again removes it, or delete it in Distribu under Settings → Webhooks.";

/**
 * Deletes this Zap's webhook. One already gone (404) counts as done, so turning a Zap off always
 * completes; without a stored id, the webhooks at exactly this Zap's URL are removed instead.
 * Webhooks at any other URL are never touched.
 */
export async function unsubscribeHook(z: ZObject, bundle: Bundle): Promise<{ id: string | null; deleted: boolean }> {
  const id = (bundle.subscribeData as { id?: unknown } | undefined)?.id;
  const client = distribuClient(z, bundle);
  if (typeof id !== 'string' || id === '') {
    if (!bundle.targetUrl) {
      z.console.log('Nothing to unsubscribe: this Zap has no Distribu webhook id or URL stored.');
      return { id: null, deleted: false };
    }
    const removed = await withZapierErrors(z, () => removeWebhooksAt(client, bundle.targetUrl!), UNSUBSCRIBE_HINT);
    if (removed.length) z.console.log(`Removed ${removed.length} Distribu webhook(s) at this Zap's URL.`);
    return { id: removed[0] ?? null, deleted: removed.length > 0 };
  }
  const deleted = await withZapierErrors(z, () => client.deleteWebhook(id), UNSUBSCRIBE_HINT);
  if (!deleted) z.console.log(`Distribu webhook ${id} was already deleted.`);
  return { id, deleted };
}
