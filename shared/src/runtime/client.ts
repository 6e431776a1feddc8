import { isRecord, RestClient, type ApiShape, type Transport } from '../kit/api/client';
import type { ApiRecord, ListQuery, Page } from '../kit/api/pages';
import { DistribuApiError, DistribuNetworkError, errorDetails, networkErrorFrom } from './errors';

/** The host's HTTP function and its request and answer (the kit's): paths are under `/api/v1`. */
export type { ApiRequest, ApiResponse, Transport } from '../kit/api/client';

export const DEFAULT_BASE_URL = 'https://distribu.app';
export const API_PREFIX = '/api/v1';

/** `https://distribu.app/` → `https://distribu.app/api/v1` (a base that already ends in /api/v1 is kept). */
export function apiBaseUrl(baseUrl: string | undefined): string {
  const base = (baseUrl?.trim() || DEFAULT_BASE_URL).replace(/\/+$/, '');
  return base.endsWith(API_PREFIX) ? base : `${base}${API_PREFIX}`;
}

export interface Webhook {
  id: string;
  url: string;
  events: string[];
  isActive: boolean;
  secretRotationGraceExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CreatedWebhook extends Webhook {
  /** The signing secret, shown this once. */
  secret: string;
}

export type { ApiRecord, ListQuery, Page } from '../kit/api/pages';

/** Unwraps `{data: x}`; Distribu's create response may also come bare. */
function unwrap(body: unknown): unknown {
  if (body && typeof body === 'object' && 'data' in body) return (body as { data: unknown }).data;
  return body;
}

/** A 2xx whose JSON is not what the call returns: as unusable as no answer at all. */
function malformed(): DistribuNetworkError {
  return new DistribuNetworkError('malformed');
}

/** How Distribu's API answers: `{data}`, errors as `{"error": "..."}` in Distribu's words. */
const DISTRIBU_API: ApiShape = {
  apiError: (status, body, headers) => new DistribuApiError(errorDetails(status, body, headers)),
  networkError: networkErrorFrom,
  malformed,
  unwrap,
};

export class DistribuClient extends RestClient {
  constructor(transport: Transport) {
    super(transport, DISTRIBU_API);
  }

  async listWebhooks(): Promise<Webhook[]> {
    const list = unwrap((await this.call({ method: 'GET', path: '/webhooks' })).body);
    if (!Array.isArray(list) || !list.every((h) => isRecord(h) && typeof h.id === 'string')) throw malformed();
    return list as Webhook[];
  }

  /** The webhooks registered at exactly `url` (no normalization: another URL is another webhook). */
  async webhooksAt(url: string): Promise<Webhook[]> {
    return (await this.listWebhooks()).filter((hook) => hook.url === url);
  }

  async getWebhook(id: string): Promise<Webhook> {
    return this.record<Webhook>((await this.call({ method: 'GET', path: `/webhooks/${encodeURIComponent(id)}` })).body);
  }

  /** Accepts 200 or 201, wrapped in `data` or bare; insists on the id and the one-time secret. */
  async createWebhook(input: { url: string; events: string[]; isActive?: boolean }): Promise<CreatedWebhook> {
    const body = { url: input.url, events: input.events, isActive: input.isActive ?? true };
    const created = unwrap((await this.call({ method: 'POST', path: '/webhooks', body })).body);
    if (!isRecord(created) || typeof created.id !== 'string' || typeof created.secret !== 'string') {
      throw new DistribuNetworkError('malformed', "Distribu's answer to the webhook registration had no id or signing secret.");
    }
    return created as unknown as CreatedWebhook;
  }

  async updateWebhook(id: string, patch: Partial<Pick<Webhook, 'url' | 'events' | 'isActive'>>): Promise<Webhook> {
    const res = await this.call({ method: 'PATCH', path: `/webhooks/${encodeURIComponent(id)}`, body: patch });
    return this.record<Webhook>(res.body);
  }

  /** Deletes a webhook. A webhook already gone (404) counts as deleted: returns false then. */
  deleteWebhook(id: string): Promise<boolean> {
    return this.deleteAt(`/webhooks/${encodeURIComponent(id)}`);
  }

  async list(path: string, query: ListQuery = {}): Promise<Page<ApiRecord>> {
    const body = (await this.call({ method: 'GET', path, query })).body;
    if (!isRecord(body) || (body.data !== undefined && !Array.isArray(body.data))) throw malformed();
    const page = body as Partial<Page<ApiRecord>>;
    return { data: page.data ?? [], pagination: page.pagination ?? { hasMore: false, nextCursor: null } };
  }

  async get(path: string, id: string): Promise<ApiRecord> {
    return this.record<ApiRecord>((await this.call({ method: 'GET', path: `${path}/${encodeURIComponent(id)}` })).body);
  }

  listOrders(query?: ListQuery) {
    return this.list('/orders', query);
  }
  getOrder(id: string) {
    return this.get('/orders', id);
  }
  listCustomers(query?: ListQuery) {
    return this.list('/customers', query);
  }
  getCustomer(id: string) {
    return this.get('/customers', id);
  }
  listProducts(query?: ListQuery) {
    return this.list('/products', query);
  }
  getProduct(id: string) {
    return this.get('/products', id);
  }
}
