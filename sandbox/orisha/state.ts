// What one Orisha sandbox holds: machine clients and their tokens, administrations with their
// records, webhooks (cap 3, secret shown once) and the app's notifications.
import { randomBytes, randomUUID } from 'node:crypto';
import type { OrishaWebhook } from '../../shared/src/providers/orisha/assumed-api';
import type { OrishaResource } from '../../shared/src/providers/orisha/events';

export type RecordData = Record<string, unknown>;

export interface Client {
  clientId: string;
  clientSecret: string;
  administrations: string[];
}

export interface StoredWebhook extends OrishaWebhook {
  administration: string;
  secret: string;
}

export interface Notification {
  id: string;
  administration: string;
  kind: 'webhook.disabled';
  webhookId: string;
  message: string;
  createdAt: string;
}

export interface Administration {
  code: string;
  /** resource → key → record; contact persons and addresses keyed `${CustomerCode}/${code}`. */
  records: Record<OrishaResource, Map<string, RecordData>>;
}

export const secretToken = (prefix: string) => `${prefix}_${randomBytes(18).toString('base64url')}`;

export class OrishaStore {
  readonly clients = new Map<string, Client>();
  readonly tokens = new Map<string, { clientId: string; expiresAt: number }>();
  readonly administrations = new Map<string, Administration>();
  readonly webhooks: StoredWebhook[] = [];
  readonly notifications: Notification[] = [];
  private webhookCounter = 0;

  administration(code: string): Administration {
    let adm = this.administrations.get(code);
    if (!adm) {
      adm = { code, records: { item: new Map(), customer: new Map(), priceList: new Map(), contactPerson: new Map(), address: new Map() } };
      this.administrations.set(code, adm);
    }
    return adm;
  }

  addClient(administrations: string[], clientId = `client_${randomUUID().slice(0, 8)}`): Client {
    for (const a of administrations) this.administration(a);
    const client = { clientId, clientSecret: secretToken('ocs'), administrations };
    this.clients.set(clientId, client);
    return client;
  }

  newWebhookId(): string {
    this.webhookCounter += 1;
    return `wh_${String(this.webhookCounter).padStart(4, '0')}_${randomBytes(3).toString('hex')}`;
  }
}

/** A webhook as the management endpoint shows it: never the secret. */
export function publicWebhook(hook: StoredWebhook): OrishaWebhook {
  const { id, url, eventTypes, description, enabled, failureCount, disabledAt, createdAt } = hook;
  return { id, url, eventTypes: [...eventTypes], description, enabled, failureCount, disabledAt, createdAt };
}
