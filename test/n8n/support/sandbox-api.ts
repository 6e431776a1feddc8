// The Distribu behind the node's unit tests: the real sandbox, in process (fastify `inject`, no
// port), so its answers, messages, cap and faults are the sandbox's own. What a test needs beyond
// the API (seeding a state, reading it back, the calls the node made) reads or writes the
// sandbox's store directly; nothing here answers in Distribu's place.
import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { buildApp, SandboxCore, type FaultKind } from '../../../sandbox/src';
import { insertOrder, insertProduct } from '../../../sandbox/src/state/insert';
import { newWebhookSecret } from '../../../sandbox/src/state/ids';
import type { Order, Webhook } from '../../../sandbox/src/state/store';
import { API_KEY, type Call, type RequestHandler } from './context';

/** A webhook as the tests compare it: the API's view plus the secret its subscriber holds. */
export interface ApiWebhook {
  id: string;
  url: string;
  events: string[];
  isActive: boolean;
  /** The secret the subscriber registered with: during a rotation's grace window, the previous one. */
  secret: string;
  secretRotationGraceExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

function view(w: Webhook): ApiWebhook {
  return {
    id: w.id,
    url: w.url,
    events: [...w.events],
    isActive: w.isActive,
    secret: w.previousSecret ?? w.secret,
    secretRotationGraceExpiresAt: w.secretRotationGraceExpiresAt,
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
  };
}

/** Seeded webhooks are one second apart (from 2026-11-01), so "newest wins" has one answer. */
const SEED_EPOCH = Date.UTC(2026, 10, 1);

export class SandboxApi implements RequestHandler {
  readonly core = new SandboxCore();
  readonly app = buildApp(this.core);
  /** Every API call the node made, in order. */
  calls: Call[] = [];
  /**
   * Rewrites the answer to a successful create (the webhook is made all the same): shapes a
   * client must survive that the sandbox itself never sends.
   */
  createAnswer?: (created: ApiWebhook) => unknown;
  private readonly key: string;
  private seeded = 0;

  /** `apiKey`: the key the sandbox accepts, sent as n8n sends the credential's. */
  constructor(apiKey = API_KEY) {
    this.key = this.core.createMainKey(apiKey);
  }

  /** The company's webhooks, oldest first. */
  get webhooks(): ApiWebhook[] {
    return [...this.core.store.webhooks.values()].map(view);
  }

  /**
   * A webhook put straight into the sandbox's store (as if made earlier). With
   * `secretRotationGraceExpiresAt`, it was rotated in the dashboard: Distribu holds a new secret
   * and the returned (subscriber's) one signs only X-Webhook-Signature-Old until then.
   */
  add(partial: Partial<Omit<ApiWebhook, 'id' | 'secret' | 'createdAt'>> & { url: string }): ApiWebhook {
    this.seeded += 1;
    const at = new Date(SEED_EPOCH + this.seeded * 1000).toISOString();
    const rotated = Boolean(partial.secretRotationGraceExpiresAt);
    const secret = newWebhookSecret();
    const hook: Webhook = {
      ...this.core.store.stamp(at),
      updatedAt: partial.updatedAt ?? at,
      url: partial.url,
      events: (partial.events ?? ['order.created']) as Webhook['events'],
      isActive: partial.isActive ?? true,
      secret: rotated ? newWebhookSecret() : secret,
      previousSecret: rotated ? secret : null,
      secretRotationGraceExpiresAt: partial.secretRotationGraceExpiresAt ?? null,
      deliveries: [],
    };
    this.core.store.webhooks.set(hook.id, hook);
    return view(hook);
  }

  /** An order in the sandbox, its lines made of new products (`name`, `price`). */
  addOrder(fields: { poNumber?: string; lines: Array<{ name: string; price: number; quantity: number }> }): Order {
    const lines = fields.lines.map((l) => ({ product: insertProduct(this.core.store, { name: l.name, price: l.price, stock: 100 }), quantity: l.quantity }));
    return insertOrder(this.core.store, { customerId: null, lines, poNumber: fields.poNumber ?? null });
  }

  /** The next matching API call fails the sandbox's way (its fault injection, as /_sandbox/faults). */
  fail(status: FaultKind, match: { method?: string; path?: string; message?: string } = {}): void {
    this.core.faults.add({ status, remaining: 1, ...match });
  }

  callsTo(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  handle = async (credential: string, options: IHttpRequestOptions): Promise<IN8nHttpFullResponse> => {
    const method = (options.method ?? 'GET').toUpperCase() as 'GET';
    const url = new URL(options.url);
    for (const [key, value] of Object.entries(options.qs ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    this.calls.push({ method, path: url.pathname, body: options.body, credential });
    const before = new Set(this.core.store.webhooks.keys());
    const response = await this.app.inject({
      method,
      url: `${url.pathname}${url.search}`,
      headers: { authorization: `Bearer ${this.key}`, accept: 'application/json', 'content-type': 'application/json' },
      payload: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    let body: unknown = response.body;
    try {
      body = JSON.parse(response.body);
    } catch {
      // not JSON: n8n hands the text over as it came
    }
    if (this.createAnswer && method === ('POST' as string) && url.pathname === '/api/v1/webhooks' && response.statusCode === 201) {
      const made = [...this.core.store.webhooks.values()].find((w) => !before.has(w.id));
      if (made) body = this.createAnswer(view(made));
    }
    return { statusCode: response.statusCode, body: body as IDataObject, headers: response.headers as IDataObject, statusMessage: response.statusMessage };
  };

  close(): Promise<void> {
    return this.app.close();
  }
}
