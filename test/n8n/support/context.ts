// A mocked `this` for the Distribu Trigger's webhook methods and webhook(), after n8n's own
// GithubTrigger tests. Behind its `httpRequestWithAuthentication` is always the sandbox: in process
// (sandbox-api.ts) or over real HTTP as n8n-core sends it (httpTo).
import axios from 'axios';
import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

export const API_KEY = 'dk_unit_test_key_do_not_log';
export const BASE_URL = 'https://distribu.test';
export const PROD_URL = 'https://n8n.example.com/webhook/6f1c2a10-0000-4000-8000-000000000001/webhook';
export const TEST_URL = 'https://n8n.example.com/webhook-test/6f1c2a10-0000-4000-8000-000000000001/webhook';

export interface Call {
  method: string;
  path: string;
  body?: unknown;
  credential: string;
}

/** What answers the node's `httpRequestWithAuthentication`: the sandbox in process, or over HTTP. */
export interface RequestHandler {
  handle(credential: string, options: IHttpRequestOptions): Promise<IN8nHttpFullResponse>;
}

/** The node every host error below is wrapped for, as n8n-core wraps it for the calling node. */
const HOST_NODE = {
  id: 'node-1',
  name: 'Distribu Trigger',
  type: 'n8n-nodes-distribu.distribuTrigger',
  typeVersion: 2,
  position: [0, 0] as [number, number],
  parameters: {},
};

/**
 * n8n's `httpRequestWithAuthentication` over real HTTP, as n8n-core 2.40.7 runs it for the node
 * (request-helpers/authentication.js): the credential's Bearer header, axios with the request's
 * `qs`, JSON body, `timeout` and `ignoreHttpStatusErrors`; whatever axios throws (timeouts,
 * resets) is rethrown as `new NodeApiError(node, axiosError)`, whose cause keeps the request
 * config with its Authorization header, exactly the object the node must never pass on.
 * `hostTimeoutMs` shortens the node's timeout so timeout faults take seconds, not 30 s; the
 * timeout the node asked for is kept in `timeouts`.
 */
export function httpTo(apiKey: string, opts: { hostTimeoutMs?: number } = {}): RequestHandler & { calls: Call[]; timeouts: Array<number | undefined> } {
  const calls: Call[] = [];
  const timeouts: Array<number | undefined> = [];
  return {
    calls,
    timeouts,
    async handle(credential, options) {
      const url = new URL(options.url);
      calls.push({ method: options.method ?? 'GET', path: url.pathname, body: options.body, credential });
      timeouts.push(options.timeout);
      const timeout = Math.min(options.timeout ?? 300_000, opts.hostTimeoutMs ?? Infinity);
      try {
        const response = await axios.request({
          method: options.method ?? 'GET',
          url: options.url,
          params: options.qs,
          data: options.body,
          headers: {
            Authorization: `Bearer ${apiKey}`,
            accept: 'application/json',
            ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          timeout,
          validateStatus: options.ignoreHttpStatusErrors ? () => true : undefined,
        });
        return {
          statusCode: response.status,
          body: response.data as IDataObject,
          headers: { ...response.headers } as IDataObject,
          statusMessage: response.statusText,
        };
      } catch (error) {
        throw new NodeApiError(HOST_NODE, error as JsonObject);
      }
    },
  };
}

export interface ContextOptions {
  api: RequestHandler;
  url?: string;
  events?: unknown;
  options?: IDataObject;
  staticData?: IDataObject;
  /** n8n's mode: 'trigger' for hooks, 'webhook' for a production delivery, 'manual' in test mode. */
  mode?: 'trigger' | 'webhook' | 'manual';
  workflowId?: string;
  /** The credential's base URL (the API key itself is added by the request handler). */
  baseUrl?: string;
  // webhook() only
  rawBody?: Buffer | string;
  /** Leave rawBody unread until readRawBody() (n8n does so for content types it does not parse). */
  lazyRawBody?: boolean;
  headers?: Record<string, string | string[] | undefined>;
}

export interface FakeResponse {
  statusCode?: number;
  sent?: unknown;
  ended: boolean;
}

/** A `this` with what IHookFunctions and IWebhookFunctions offer the node. */
export function makeContext(opts: ContextOptions) {
  const staticData = opts.staticData ?? {};
  const parameters: IDataObject = {
    events: (opts.events ?? ['order.created']) as IDataObject[],
    options: opts.options ?? {},
  };
  const response: FakeResponse = { ended: false };
  const finished: Array<() => void> = [];
  const res = {
    statusCode: 200,
    once(event: string, listener: () => void) {
      if (event === 'finish') finished.push(listener);
      return res;
    },
    status(code: number) {
      response.statusCode = code;
      return res;
    },
    send(body: unknown) {
      response.sent = body;
      return res;
    },
    end() {
      response.ended = true;
      return res;
    },
  };
  const logger = { warn: jest.fn(), info: jest.fn(), debug: jest.fn(), error: jest.fn() };
  const node = { ...HOST_NODE, parameters };
  const rawBody = typeof opts.rawBody === 'string' ? Buffer.from(opts.rawBody, 'utf8') : opts.rawBody;
  const headers = Object.fromEntries(Object.entries(opts.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const request: { rawBody?: Buffer; body: unknown; readRawBody: () => Promise<void> } = {
    rawBody: opts.lazyRawBody ? undefined : rawBody,
    body: rawBody && !opts.lazyRawBody ? safeJson(rawBody) : {},
    readRawBody: jest.fn(async () => {
      request.rawBody = rawBody;
    }),
  };
  const ctx = {
    getNode: () => node,
    getWorkflow: () => ({ id: opts.workflowId ?? 'workflow-1', name: 'Distribu workflow', active: true }),
    getMode: () => opts.mode ?? 'trigger',
    getActivationMode: () => (opts.mode === 'manual' ? 'manual' : 'activate'),
    getNodeWebhookUrl: () => opts.url ?? PROD_URL,
    getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
    getWorkflowStaticData: () => staticData,
    getCredentials: jest.fn(async () => ({ apiKey: API_KEY, baseUrl: opts.baseUrl ?? BASE_URL })),
    getRequestObject: () => request,
    getHeaderData: () => headers,
    getResponseObject: () => res,
    logger,
    helpers: {
      httpRequestWithAuthentication: jest.fn(function (this: unknown, credential: string, options: IHttpRequestOptions) {
        return opts.api.handle(credential, options);
      }),
      returnJsonArray: (items: IDataObject[]) => items.map((json) => ({ json })),
    },
  };
  /** n8n's own answer (after webhook() returned workflowData), as express reports it to 'finish' listeners. */
  const answer = (statusCode: number) => {
    res.statusCode = statusCode;
    for (const listener of finished.splice(0)) listener();
  };
  return { ctx: ctx as never, staticData, response, logger, answer };
}

function safeJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return {};
  }
}

/** Everything the node logged, as one string, to check that no secret leaks. */
export function logged(logger: { warn: jest.Mock; info: jest.Mock; debug: jest.Mock; error: jest.Mock }): string {
  return [logger.warn, logger.info, logger.debug, logger.error]
    .flatMap((fn) => fn.mock.calls.map((args) => JSON.stringify(args)))
    .join('\n');
}
