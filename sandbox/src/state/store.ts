import type { carrier, customerStatus, EventName, orderStatus } from '@distribu/shared/catalog';
import type { EventData } from '@distribu/shared/schemas';
import { newId } from './ids';
import { nowIso } from './time';

// Distribu's state for one company, in memory. Records carry a private `seq` (insertion order) so
// "newest first" stays stable when two records share a createdAt millisecond.

// Statuses, carriers and refund methods are the catalog's, so the records cannot drift from the docs.
export type OrderStatus = (typeof orderStatus.options)[number];
export type CustomerStatus = (typeof customerStatus.options)[number];
export type Carrier = (typeof carrier.options)[number];
export type RefundMethod = EventData<'refund.processed'>['method'];
export type ReturnStatus = 'REQUESTED' | 'APPROVED' | 'REJECTED' | 'RECEIVED' | 'REFUNDED';
/** Where a change came from; it decides the payload shape Distribu sends. */
export type Source = 'api' | 'storefront' | 'dashboard';

interface Base {
  id: string;
  seq: number;
  createdAt: string;
  updatedAt: string;
}

export interface Product extends Base {
  name: string;
  sku: string | null;
  description: string | null;
  category: string | null;
  unit: string;
  price: number;
  stock: number;
  imageUrl: string | null;
  isActive: boolean;
}

export interface Customer extends Base {
  email: string;
  name: string | null;
  status: CustomerStatus;
  notes: string | null;
  creditLimit: number | null;
  taxRateOverride: number | null;
  emailVerified: boolean;
  /** productId → the customer's own unit price (set in the dashboard; not in the REST view). */
  priceOverrides: Record<string, number>;
}

export interface Tracking {
  carrier: Carrier;
  number: string;
  url: string | null;
}

export interface OrderItem {
  id: string;
  quantity: number;
  unitPrice: number;
  productId: string;
}

export interface Order extends Base {
  status: OrderStatus;
  poNumber: string | null;
  notes: string | null;
  total: number;
  customerId: string | null;
  items: OrderItem[];
  tracking: Tracking | null;
  source: Source;
}

export interface ReturnItem {
  orderItemId: string;
  quantity: number;
}

export interface ReturnRecord extends Base {
  orderId: string;
  customerId: string;
  items: ReturnItem[];
  reason: string;
  status: ReturnStatus;
  actor: 'staff' | null;
  goodUnits: number | null;
  damagedUnits: number | null;
}

export interface Refund extends Base {
  returnId: string;
  orderId: string;
  customerId: string;
  amount: number;
  method: RefundMethod;
  breakdown: { goodUnits: number; damagedUnits: number; subtotal: number };
}

export interface Invoice extends Base {
  stripeInvoiceId: string;
  amountPaid: number;
  currency: string;
  hostedInvoiceUrl: string | null;
  number: string | null;
  periodStart: string;
  periodEnd: string;
}

export interface DeliveryAttempt {
  id: string;
  event: string;
  url: string;
  /** HTTP status, or null when no response came (timeout, connection error). */
  status: number | null;
  ok: boolean;
  durationMs: number;
  at: string;
  /** The response body truncated to 2000 chars, or the network error's message. */
  response: string | null;
}

export interface Webhook extends Base {
  url: string;
  events: EventName[];
  isActive: boolean;
  secret: string;
  /** The secret before the last rotation, valid until the grace window ends. */
  previousSecret: string | null;
  secretRotationGraceExpiresAt: string | null;
  /** Newest first, at most 5. */
  deliveries: DeliveryAttempt[];
}

export interface ApiKey {
  id: string;
  name: string;
  /** SHA-256 of the key: like Distribu, the plaintext is never stored. */
  hash: string;
  prefix: string;
  scopes: string[];
  revoked: boolean;
  expiresAt: string | null;
  createdAt: string;
}

export interface RequestLogEntry {
  method: string;
  /** The request path without the query string, e.g. `/api/v1/webhooks`. */
  path: string;
  /** The query parameters' names, never their values (a key put in a URL must not be echoed). */
  queryNames: string[];
  /** What the call answered (for a lost answer: what it would have answered). */
  status: number;
  /** The injected fault's kind (`"500"`, `"timeout"`, `"lost-reset"`...), when one answered instead of the API or lost its answer. */
  fault?: string;
  at: string;
}

/** Distribu's audit trail entries for webhook configuration (never secrets). */
export interface AuditEntry {
  action: 'WebhookCreated' | 'WebhookUpdated' | 'WebhookSecretRotated' | 'WebhookDeleted';
  webhookId: string;
  metadata: Record<string, unknown>;
  at: string;
}

export class Store {
  private seq = 0;
  products = new Map<string, Product>();
  customers = new Map<string, Customer>();
  orders = new Map<string, Order>();
  returns = new Map<string, ReturnRecord>();
  refunds = new Map<string, Refund>();
  invoices = new Map<string, Invoice>();
  webhooks = new Map<string, Webhook>();
  apiKeys = new Map<string, ApiKey>();
  requests: RequestLogEntry[] = [];
  audit: AuditEntry[] = [];

  nextSeq(): number {
    return ++this.seq;
  }

  /** A new record's id, insertion number and timestamps (created = updated = `at`, default now). */
  stamp(at: string = nowIso()): Base {
    return { id: newId(), seq: this.nextSeq(), createdAt: at, updatedAt: at };
  }

  get lastSeq(): number {
    return this.seq;
  }

  /** After restoring records: continue numbering after them. */
  continueSeqFrom(seq: number): void {
    this.seq = Math.max(this.seq, seq);
  }

  /** Empties the company's data (API keys are kept unless asked). */
  clear(options: { keepApiKeys?: boolean } = {}): void {
    for (const map of [this.products, this.customers, this.orders, this.returns, this.refunds, this.invoices, this.webhooks]) {
      map.clear();
    }
    if (!options.keepApiKeys) this.apiKeys.clear();
    this.requests = [];
    this.audit = [];
  }
}

/** Newest first by createdAt, insertion order breaking ties. */
export function newestFirst<T extends Base>(records: Iterable<T>): T[] {
  return [...records].sort((a, b) => (a.createdAt === b.createdAt ? b.seq - a.seq : a.createdAt < b.createdAt ? 1 : -1));
}
