import { DistribuApiError, DistribuNetworkError, errorDetails, networkErrorFrom } from './errors';

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path under `/api/v1`, e.g. `/webhooks`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
}

export interface ApiResponse {
  status: number;
  /** Parsed JSON, or the raw text when it was not JSON. */
  body: unknown;
  headers?: Record<string, unknown>;
}

/**
 * The host's HTTP function (Zapier's `z.request`, n8n's `httpRequestWithAuthentication`, fetch in
 * tests). It adds authentication, must not throw on HTTP error statuses, and returns them instead.
 * Whatever it throws (timeouts, resets, unreadable bodies) the client turns into a
 * DistribuNetworkError, so no host error object with request headers leaves the client.
 */
export type Transport = (request: ApiRequest) => Promise<ApiResponse>;

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

export interface Page<T> {
  data: T[];
  pagination: { hasMore: boolean; nextCursor: string | null };
}

export type ListQuery = Record<string, string | number | boolean | undefined> & { limit?: number; cursor?: string };
export type ApiRecord = Record<string, unknown> & { id: string };

/** Unwraps `{data: x}`; Distribu's create response may also come bare. */
function unwrap(body: unknown): unknown {
  if (body && typeof body === 'object' && 'data' in body) return (body as { data: unknown }).data;
  return body;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** A 2xx whose JSON is not what the call returns: as unusable as no answer at all. */
function malformed(): DistribuNetworkError {
  return new DistribuNetworkError('malformed');
}

function record<T>(body: unknown): T & { id: string } {
  const value = unwrap(body);
  if (!isRecord(value) || typeof value.id !== 'string') throw malformed();
  return value as T & { id: string };
}

export class DistribuClient {
  constructor(private readonly transport: Transport) {}

  /** One call, as is: an error status becomes a DistribuApiError, a failed call a DistribuNetworkError. */
  async call(request: ApiRequest): Promise<ApiResponse> {
    let response: ApiResponse;
    try {
      response = await this.transport(request);
    } catch (error) {
      throw networkErrorFrom(error);
    }
    if (!response || typeof response.status !== 'number') throw malformed();
    if (response.status < 200 || response.status >= 300) {
      throw new DistribuApiError(errorDetails(response.status, response.body, response.headers));
    }
    return response;
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
    return record<Webhook>((await this.call({ method: 'GET', path: `/webhooks/${encodeURIComponent(id)}` })).body);
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
    return record<Webhook>(res.body);
  }

  /** Deletes a webhook. A webhook already gone (404) counts as deleted: returns false then. */
  async deleteWebhook(id: string): Promise<boolean> {
    try {
      await this.call({ method: 'DELETE', path: `/webhooks/${encodeURIComponent(id)}` });
      return true;
    } catch (error) {
      if (error instanceof DistribuApiError && error.status === 404) return false;
      throw error;
    }
  }

  async list(path: string, query: ListQuery = {}): Promise<Page<ApiRecord>> {
    const body = (await this.call({ method: 'GET', path, query })).body;
    if (!isRecord(body) || (body.data !== undefined && !Array.isArray(body.data))) throw malformed();
    const page = body as Partial<Page<ApiRecord>>;
    return { data: page.data ?? [], pagination: page.pagination ?? { hasMore: false, nextCursor: null } };
  }

  async get(path: string, id: string): Promise<ApiRecord> {
    return record<ApiRecord>((await this.call({ method: 'GET', path: `${path}/${encodeURIComponent(id)}` })).body);
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
