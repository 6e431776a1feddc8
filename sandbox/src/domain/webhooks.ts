import type { EventName } from '@distribu/shared/catalog';
import { eventNames, isKnownEvent, WEBHOOK_CAP } from '@distribu/shared/runtime';
import type { Company } from './company';
import { invalid, notFound, refused } from '../http/errors';
import { newWebhookSecret } from '../state/ids';
import { newestFirst, type AuditEntry, type Webhook } from '../state/store';
import { nowIso } from '../state/time';
import { endLapsedGrace } from './secret-grace';

export { WEBHOOK_CAP };
/** Distribu's 422 text; it names Distribu's figure even where a demo raises `webhookCap`. */
export const CAP_MESSAGE = `Maximum of ${WEBHOOK_CAP} webhooks per company.`;
export const ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;

export interface WebhookFields {
  url?: string;
  events?: EventName[];
  isActive?: boolean;
}

/** Validates create/update bodies; the 400 names the bad field. */
export function parseWebhookFields(body: Record<string, unknown>, options: { create: boolean }): WebhookFields {
  const out: WebhookFields = {};
  if (body.url !== undefined || options.create) {
    const url = body.url;
    if (typeof url !== 'string' || url.length < 1 || url.length > 2048 || !isHttpUrl(url)) {
      throw invalid('url', 'must be an http:// or https:// URL of 1 to 2048 characters.');
    }
    out.url = url;
  }
  if (body.events !== undefined || options.create) {
    const events = body.events;
    if (!Array.isArray(events) || events.length === 0) throw invalid('events', 'must list at least one event.');
    const unknown = events.filter((e) => !isKnownEvent(e));
    if (unknown.length) {
      throw invalid('events', `unknown event ${unknown.map((e) => JSON.stringify(e)).join(', ')}. Known events: ${eventNames.join(', ')}.`);
    }
    out.events = [...new Set(events as EventName[])];
  }
  if (body.isActive !== undefined) {
    if (typeof body.isActive !== 'boolean') throw invalid('isActive', 'must be true or false.');
    out.isActive = body.isActive;
  }
  return out;
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** The webhook, its lapsed grace window ended; a 404 when there is none. */
export function findWebhook(company: Company, id: string): Webhook {
  const webhook = company.store.webhooks.get(id);
  if (!webhook) throw notFound('Webhook');
  endLapsedGrace(webhook);
  return webhook;
}

/** Every webhook, active or not, newest first, lapsed grace windows ended. */
export function listWebhooks(company: Pick<Company, 'store'>): Webhook[] {
  const webhooks = newestFirst(company.store.webhooks.values());
  for (const w of webhooks) endLapsedGrace(w);
  return webhooks;
}

/** Registers a webhook with a fresh secret; the 11th (active or not) is refused. */
export function createWebhook(company: Company, fields: Required<Pick<WebhookFields, 'url' | 'events'>> & WebhookFields): Webhook {
  if (company.store.webhooks.size >= company.webhookCap) throw refused(CAP_MESSAGE);
  const webhook: Webhook = {
    ...company.store.stamp(),
    url: fields.url,
    events: fields.events,
    isActive: fields.isActive ?? true,
    secret: newWebhookSecret(),
    previousSecret: null,
    secretRotationGraceExpiresAt: null,
    deliveries: [],
  };
  company.store.webhooks.set(webhook.id, webhook);
  audit(company, 'WebhookCreated', webhook.id, { url: webhook.url, events: [...webhook.events] });
  return webhook;
}

function audit(company: Company, action: AuditEntry['action'], webhookId: string, metadata: Record<string, unknown>): void {
  company.store.audit.push({ action, webhookId, metadata, at: nowIso() });
}

/** `events` replaces the list. */
export function updateWebhook(company: Company, id: string, fields: WebhookFields): Webhook {
  const webhook = findWebhook(company, id);
  const changed: Record<string, unknown> = {};
  if (fields.url !== undefined && fields.url !== webhook.url) changed.url = webhook.url = fields.url;
  if (fields.events !== undefined && fields.events.join() !== webhook.events.join()) changed.events = webhook.events = fields.events;
  if (fields.isActive !== undefined && fields.isActive !== webhook.isActive) changed.isActive = webhook.isActive = fields.isActive;
  webhook.updatedAt = nowIso();
  if (Object.keys(changed).length) audit(company, 'WebhookUpdated', id, changed);
  return webhook;
}

/** Removes the webhook and its delivery log; no undo. */
export function deleteWebhook(company: Company, id: string): void {
  const { url } = findWebhook(company, id);
  company.store.webhooks.delete(id);
  audit(company, 'WebhookDeleted', id, { url });
}

/**
 * Rotates the signing secret: the new one is returned this once; the previous one keeps signing
 * `X-Webhook-Signature-Old` until the grace window ends (24 h by default). Rotating again inside
 * a window drops the oldest secret.
 */
export function rotateSecret(company: Company, id: string, graceMs = ROTATION_GRACE_MS): { webhook: Webhook; secret: string } {
  const webhook = findWebhook(company, id);
  webhook.previousSecret = webhook.secret;
  webhook.secret = newWebhookSecret();
  webhook.secretRotationGraceExpiresAt = new Date(Date.now() + graceMs).toISOString();
  webhook.updatedAt = nowIso();
  audit(company, 'WebhookSecretRotated', id, { graceExpiresAt: webhook.secretRotationGraceExpiresAt });
  return { webhook, secret: webhook.secret };
}
