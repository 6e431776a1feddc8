// What a host (an n8n package, a Zapier app, an MCP server) needs from a provider, beyond what the kit's
// mechanisms need (provider.ts): names for what users install and pick, the generated runtime catalogs,
// the API's rules and the subscription. Types only; each provider fills one in (shared/src/providers/<id>/host.ts),
// and the host factories (n8n-node/src, zapier/src, mcp/src) take it as their one parameter.
import type { ApiRequest, RestClient, Transport } from './api/client';
import type { RuntimeOperation } from './catalog';
import type { NetworkError } from './api/errors';
import type { OutputField } from './catalog';
import type { Health } from './judge';
import type { Verdict, VerifyInput } from './inbound/verify';
import type { Provider } from './provider';
import type { SubscriptionApi } from './subscriptions';
import type { OperationClient, OperationRules } from './operations/rest';
import type { HostRunOptions } from './operations/results';
import type { ItemSpec, TriggerItem } from './types';
import type { ZapierActions } from './zapier';

export type { HostRunOptions };

/** One event as hosts offer it (the generated runtime catalog's entry, zod-free). */
export interface HostEvent extends ItemSpec {
  /** The provider's event name, e.g. `order.created`. */
  name: string;
  /** A stable key for hosts that need one per event (Zapier trigger keys). */
  key: string;
  /** What the event is about (`order`): with `idKey`, the ordering guard's key. */
  resource: string;
  label: string;
  description: string;
  /** A trigger item as the host emits it. */
  sample: Record<string, unknown>;
  /** What a Zapier trigger calls its items (`Order`); absent: the resource. */
  noun?: string;
  /**
   * The item fields, as the event catalog documents them: a host that has them declares them (Zapier's output
   * fields, with where each item comes from) and offers a status filter where every item carries a `status` of
   * several values.
   */
  fields?: readonly OutputField[];
  /** The payload shapes `discriminator` tells apart (a host offers a choice of one), and the keys each carries. */
  variants?: readonly string[];
  variantKeys?: Readonly<Record<string, readonly string[]>>;
}

/** One REST operation as hosts offer it (an action, a search, an MCP tool). */
export interface HostOperation {
  key: string;
  resource: string;
  label: string;
  description: string;
  kind: string;
}

/**
 * A poll over a provider's list that is not a cursor page of events (the default polling): the new records
 * since `state` (which the host persists, replaced only after a poll that succeeded), oldest first; `latest`
 * for a test run. The first poll only remembers what exists.
 */
export interface HostPoller<Client> {
  /** The default of the trigger's Max Pages per Check. */
  maxPages: number;
  changes(client: Client, event: string, state: unknown, options: { maxPages?: number }): Promise<{ items: Record<string, unknown>[]; state: unknown; capped?: string }>;
  latest(client: Client, event: string): Promise<Record<string, unknown> | undefined>;
  /**
   * The newest records, newest first, at most `limit`, each with a stable `id`: the whole poll of a host that
   * keeps the ids it has seen itself (a Zapier polling trigger). Absent: no such host can poll this provider.
   */
  recent?(client: Client, event: string, limit: number): Promise<Record<string, unknown>[]>;
}

/** How a host asks for a full record. `refusedKey: 'throw'`: a refused key throws the provider's ApiError (whose message is
 * the item's stated failure) instead of being stated on the item, for a host that can ask the user to reconnect. */
export interface HydrateOptions {
  refusedKey?: 'throw';
}

/**
 * What a host's test step chose (Zapier's performList): `variant`, the payload shape the user narrowed the trigger
 * to; `fullRecord`, items completed with the full record; `filtered`, the host drops items by a filter of its own
 * afterwards (read more pages to find enough).
 */
export interface SampleOptions {
  variant?: string;
  fullRecord?: boolean;
  filtered?: boolean;
}

/** The names users already have; a provider's package, nodes and credential are found by these. */
export interface HostNames {
  /** The provider's name as every host shows it. */
  displayName: string;
  n8n: {
    /** npm package name, `n8n-nodes-<provider>`. */
    packageName: string;
    /** Node type names (and class names) of each node the package ships; absent = not shipped. */
    nodes: { trigger?: NodeName; pollTrigger?: NodeName; action?: NodeName };
    credential: NodeName & { displayName: string };
    /** Icon file names under the package's `icons/` (light, dark). */
    icons: { light: string; dark: string };
    /**
     * The npm listing and n8n's codex: one sentence, keywords, the docs page (and the npm homepage, when another),
     * n8n categories and search aliases; `nodes`: a node's own aliases or credential docs page (default: the
     * package's aliases, the docs page's `#credentials`).
     */
    listing: {
      description: string;
      keywords: string[];
      docsUrl: string;
      homepage?: string;
      categories: string[];
      alias: string[];
      nodes?: Partial<Record<keyof HostNames['n8n']['nodes'], { alias?: string[]; credentialDocsUrl?: string }>>;
    };
  };
  /** The MCP server's npm name and bin. */
  mcp?: { packageName: string; bin: string };
}

export interface NodeName {
  /** The type name n8n stores in workflows (camelCase). */
  name: string;
  /** The exported class (and file) name (PascalCase). */
  className: string;
}

/** The provider's API as a host calls it. */
export interface HostApi<Client extends RestClient = RestClient> {
  /** The base URL users keep unless told otherwise, and how a typed one becomes the API's root. */
  baseUrl: { default: string; /** The API's path under the base URL, e.g. `/api/v1`. */ prefix: string; toRoot(typed: string | undefined): string };
  /** How requests authenticate. `api-key`: the host's credential sends it; oauth2: the kit's token flow. */
  auth: Provider['auth'];
  /** How lists page: `cursor` (next cursor in the answer), `none`. */
  pagination: 'cursor' | 'none';
  /** The provider's client over the host's HTTP function (errors in the provider's voice). */
  /** `credentials`: the connection's fields (e.g. an account or administration code that is part of every path). */
  connect(transport: Transport, credentials?: Record<string, unknown>): Client;
  /** A call that proves a credential works and changes nothing (the credential test). */
  probe: { method: 'GET'; path: string };
  /** Whatever a host's HTTP call threw, as the provider's plain network error (no request, no headers). */
  networkError(error: unknown): NetworkError;
  /**
   * A call a host gave up on after `ms` (its own limit, e.g. a Zapier step's time left), in the provider's words, or
   * in the host's `message` (0 ms: not sent, the step's time was used up). Absent: a plain NetworkError.
   */
  timedOut?(ms: number, message?: string): NetworkError;
  /** Keys with scopes: a host's connection names and tests them. Absent: a key is all or nothing. */
  keyScopes?: KeyScopes;
  /** The provider refused a webhook because its cap is full. */
  isCap(error: unknown): boolean;
  /** The answer says the key itself is refused (unknown, revoked): a poll stops retrying it. Default: a 401. */
  keyRefused?(status: number): boolean;
  /**
   * What the connection reads, in a few words (a Zapier connection's label), e.g. the project a key is tied to.
   * It proves the credential and changes nothing, so a host that shows a label calls it in place of `probe`.
   */
  label?(client: Client): Promise<string>;
}

/**
 * API keys whose permissions (scopes) are fixed when the key is made, as `resource:read` / `resource:write`: what a
 * connection asks for and proves. The scopes themselves are the catalogs' (events' record and list scopes,
 * operations' scope, extra scopes and their pickers' reads).
 */
export interface KeyScopes {
  /** The webhook API's scopes: reading (the connection test counts the webhooks in use) and writing (subscribe). */
  webhooks: { read: string; write: string };
  /** Resources in the order their scopes are listed (each one's read before its write). */
  resourceOrder: readonly string[];
  /** One call that needs exactly `scope` and changes nothing, whatever the answer: a 403 means the key lacks it. */
  probe(scope: string): ApiRequest;
  /** Record kinds an operation a host offers also reads, beyond its pickers' (to word an answer): their read scopes are needed too. */
  alsoReads?(op: RuntimeOperation): string[];
  /** Who can make keys, in a few words (`owners and admins can`). */
  whoCan?: string;
  /** A public page about keys and scopes. */
  docsUrl?: string;
}

/** Our webhook as a host asks `repair` about it: its id, the host's URL and the selected events. */
export interface RepairTarget {
  id: string;
  url: string;
  events: string[];
  /** True when `url` (the webhook's URL at the provider) is still this subscriber's, even if the host's address moved. */
  isOurs?(url: string): boolean;
}

/**
 * What `repair` found and did: `healthy` (as registered); `repaired` (`changed`: what was put back, e.g. `url`,
 * `events`, `isActive`); `re-enabled` (it had been disabled; `note` says which events may have been missed);
 * `missing` (gone: register anew; `note` in the provider's words, or `changed` when it vanished while being put back);
 * `foreign` (its URL belongs to another subscriber: leave it alone, register anew); `rotated` (its secret was rotated
 * away: register a replacement, which takes over before it goes).
 */
export type RepairOutcome =
  | { kind: 'healthy' | 'foreign' | 'rotated'; note?: string }
  | { kind: 'repaired'; changed: string[]; note?: string }
  | { kind: 're-enabled'; note?: string }
  | { kind: 'missing'; note?: string; changed?: string[] };

/** How a host subscribes: over the provider's webhook API (with its cap), or by a URL the user pastes. */
export type HostSubscription<Client> =
  | {
      mode: 'api';
      cap: number;
      /** `label`: who holds the webhook (a Zap, a workflow), for a provider whose webhooks carry a description. */
      over(client: Client, label?: string): SubscriptionApi;
      /** How many webhooks the account holds now, against the cap (a Zapier connection test reports it). */
      inUse?(client: Client): Promise<number>;
      /**
       * Checks our webhook (by id) and repairs what the provider allows (see RepairOutcome). `ours.isOurs(url)`: the
       * host's judgement that a URL is still this subscriber's (its address may have moved), when it can tell.
       */
      repair?(client: Client, ours: RepairTarget): Promise<RepairOutcome>;
      /**
       * The provider can point a webhook at a new URL: the host asks `repair` even when its own URL changed since it
       * registered (a new public address), instead of registering anew. Absent: a moved URL is a new registration.
       */
      repairsUrl?: boolean;
      /**
       * The provider rotates a webhook's signing secret with a grace window and never shows the new one over its
       * API: a host that can re-register (n8n) replaces the webhook and keeps the rotated-away secret, accepted
       * only in the previous-secret header until the grace end. Which listed webhook is rotated, and until when,
       * is the SubscriptionApi's `rotatedUntil`.
       */
      rotation?: {
        /** The grace end (ms) the provider shows for our webhook (by id); undefined when it shows none. */
        graceEnd(client: Client, id: string): Promise<number | undefined>;
      };
      /**
       * Before our webhook is removed (unpublish, or a republish, which n8n does as remove + add): a sentence when the
       * provider had disabled it, saying since when events may have been missed; undefined when it was healthy or gone.
       */
      disabledNote?(client: Client, ours: { id: string; events: string[] }): Promise<string | undefined>;
      /**
       * What the provider says about our webhook (by id): healthy, rotating (the grace end of a rotated secret),
       * or disabled; throws the provider's ApiError (a 404: it was deleted). A host that cannot re-register
       * (Zapier) asks it when a delivery is refused or reveals a rotation, and says what to do in plain words.
       */
      health?(client: Client, id: string): Promise<Health>;
    }
  | { mode: 'manual'; where: string; /** The credential field holding the signing secret. */ secretField: string };

export interface HostProvider<Event extends HostEvent = HostEvent, Operation extends HostOperation = HostOperation, Client extends RestClient = RestClient> {
  /** The kit's view: scheme, event id, envelope, voice. */
  provider: Provider<Client>;
  /** The scheme's verifier with the provider's refusal words (createVerifier(provider.inbound.scheme, messages)). */
  verify(input: VerifyInput): Verdict;
  names: HostNames;
  events: readonly Event[];
  operations: readonly Operation[];
  api?: HostApi<Client>;
  subscription: HostSubscription<Client>;
  /** The events a polling trigger can detect through the read API (empty: no polling trigger). */
  pollable: readonly Event[];
  /** The event spec for a delivered event name (hosts accept only these). */
  eventOf(name: string): Event | undefined;
  /**
   * Filters a trigger offers on an item field beyond the event name (e.g. a signal's kind): a multi-select of
   * `options`, all selected by default; an item whose `itemKey` is not selected starts no run (answered 2xx).
   */
  itemFilters?: ReadonlyArray<{ name: string; displayName: string; description: string; itemKey: string; options: ReadonlyArray<{ name: string; value: string }> }>;
  /**
   * Adds the current record to an item whose payload is thin (codes only) or may be stale: hosts call it when
   * the user asks for full records. A failure is stated on the item, never drops it.
   */
  hydrate?(client: () => Promise<Client>, item: TriggerItem, log: (line: string) => void, options?: HydrateOptions): Promise<TriggerItem>;
  /**
   * The events whose items a user may complete with the full record (Fetch Full), for a provider whose `hydrate`
   * is opt-in, and the permission the read needs. Absent: hosts offer Fetch Full as `hydrate` alone says.
   */
  fullRecord?(event: Event): { scope: string } | undefined;
  /** Fetch Full Record is on unless the user turns it off (payloads that carry only codes). */
  hydrateByDefault?: boolean;
  /**
   * For a provider that sends no event time but whose full records carry a version: after hydration, judges whether
   * a delivery is late (its record already emitted at the same or a newer version), remembering versions in `store`,
   * a plain JSON object the host persists. Hosts offer it only with full records. Absent: no such option.
   */
  lateDeliveries?: {
    /** The option's description in the provider's words: what "late" means, what it needs, how much it remembers. */
    description: string;
    judge(store: Record<string, unknown>, item: TriggerItem): { late: false } | { late: true; reason: string };
  };
  /**
   * Runs one operation with the inputs a host read (the action node, its AI tool, the MCP tools): the inputs
   * checked first, in plain words; absent for a provider whose hosts run the REST executor.
   */
  perform?(client: Client, op: Operation, params: Record<string, unknown>, options?: HostRunOptions): Promise<Record<string, unknown>[]>;
  /** The REST executor's rules (operations/rest.ts) for a provider whose operations it runs (no `perform`). */
  rules?: OperationRules<Client & OperationClient>;
  /** The polling trigger's own poll (absent: the cursor-page polling of the provider's events). */
  poller?: HostPoller<Client>;
  /**
   * Real items for an event from the read API, shaped as the trigger emits them (a Zapier trigger's performList):
   * newest records first, at most `limit`; an empty list when the API cannot list what the event reports. `client`
   * makes the client when the provider reads (one that cannot list the event answers without the connection).
   */
  samples?(client: () => Client, event: string, limit: number, options?: SampleOptions): Promise<TriggerItem[]>;
  /**
   * Zapier's triggers: `anyEvent` adds one "New Event" trigger with an event-type choice (one webhook for many
   * events, for a provider whose webhooks are capped), `named` the events that also get a trigger of their own.
   * Absent: one trigger per event.
   */
  zapierTriggers?: { anyEvent: boolean; named: readonly string[] };
  /** Zapier search keys users' Zaps already hold, by operation key (absent: `find_<resource>`). */
  zapierSearchKey?(operationKey: string): string;
  /** Zapier's creates, catalog searches, Find or Create pairings and dropdowns: their words and rules (zapier.ts). */
  zapierActions?: ZapierActions;
  /** True when the connection itself made the change an item reports (loop prevention), from the connection's fields. */
  ownChange?(item: TriggerItem, credentials: Record<string, unknown>): boolean;
}
