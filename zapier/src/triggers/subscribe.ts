import type { Bundle, ZObject } from 'zapier-platform-core';
import { DistribuClient, type CreatedWebhook, type RuntimeEvent } from '../../../shared/src/runtime';
import { withZapierErrors } from '../errors';
import { zapierTransport } from '../transport';

/**
 * Deletes webhooks already pointing at this Zap's URL: leftovers of an earlier subscribe whose
 * answer never reached Zapier, or of an unsubscribe that failed. Their secret is lost, so they
 * could only deliver rejected copies and hold one of the company's 10 webhook slots.
 */
async function deleteLeftovers(z: ZObject, client: DistribuClient, targetUrl: string): Promise<string[]> {
  const leftovers = (await client.listWebhooks()).filter((w) => w.url === targetUrl);
  for (const webhook of leftovers) await client.deleteWebhook(webhook.id);
  if (leftovers.length) z.console.log(`Removed ${leftovers.length} earlier Distribu webhook(s) for this Zap's URL.`);
  return leftovers.map((w) => w.id);
}

/**
 * Registers this Zap's hooks.zapier.com URL for one event. What it returns (the webhook with
 * its one-time signing secret) becomes `bundle.subscribeData`, used to verify each delivery.
 */
export async function subscribeHook(z: ZObject, bundle: Bundle, event: RuntimeEvent): Promise<CreatedWebhook> {
  const targetUrl = bundle.targetUrl;
  if (!targetUrl) throw new z.errors.Error('Zapier gave no webhook URL to register with Distribu.', 'MissingTargetUrl');
  const client = new DistribuClient(zapierTransport(z, bundle));
  return withZapierErrors(z, async () => {
    await deleteLeftovers(z, client, targetUrl);
    return client.createWebhook({ url: targetUrl, events: [event.name], isActive: true });
  });
}

/**
 * Deletes this Zap's webhook. One already gone (404) counts as done, so turning a Zap off always
 * completes; without a stored id, webhooks registered for this Zap's URL are removed instead.
 */
export async function unsubscribeHook(z: ZObject, bundle: Bundle): Promise<{ id: string | null; deleted: boolean }> {
  const id = (bundle.subscribeData as { id?: unknown } | undefined)?.id;
  const client = new DistribuClient(zapierTransport(z, bundle));
  if (typeof id !== 'string' || id === '') {
    if (!bundle.targetUrl) {
      z.console.log('Nothing to unsubscribe: this Zap has no Distribu webhook id or URL stored.');
      return { id: null, deleted: false };
    }
    const removed = await withZapierErrors(z, () => deleteLeftovers(z, client, bundle.targetUrl!));
    return { id: removed[0] ?? null, deleted: removed.length > 0 };
  }
  const deleted = await withZapierErrors(z, () => client.deleteWebhook(id));
  if (!deleted) z.console.log(`Distribu webhook ${id} was already deleted.`);
  return { id, deleted };
}
