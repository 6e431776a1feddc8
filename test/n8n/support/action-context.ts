// A mocked n8n `this` for the Distribu action node's execute() and listSearch methods, after n8n's
// own node tests: parameters per item as n8n resolves them (defaults applied, expressions already
// evaluated), `continueOnFail`, execution hints, and the authenticated request helper answered by
// a real HTTP server (the sandbox, through context.ts's httpTo) or by a stub for error branches.
import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse, INodeExecutionData, NodeExecutionHint } from 'n8n-workflow';
import { API_KEY, type RequestHandler } from './context';

export const ACTION_NODE = {
  id: 'node-2',
  name: 'Distribu',
  type: 'n8n-nodes-distribu.distribu',
  typeVersion: 1,
  position: [0, 0] as [number, number],
  parameters: {},
};

export interface ActionContextOptions {
  api: RequestHandler;
  baseUrl: string;
  /** The node's parameters, the same for every item... */
  parameters: IDataObject;
  /** ...unless an item has its own (an expression that resolved differently for it). */
  perItem?: IDataObject[];
  /** Input items (default: one empty item). */
  items?: INodeExecutionData[];
  continueOnFail?: boolean;
}

export function actionContext(opts: ActionContextOptions) {
  const items = opts.items ?? [{ json: {} }];
  const hints: NodeExecutionHint[] = [];
  const requests: IHttpRequestOptions[] = [];
  // As n8n: the value, else the fallback when one was passed, else an error.
  const getNodeParameter = (name: string, itemIndex = 0, ...fallback: unknown[]) => {
    const own = opts.perItem?.[itemIndex];
    const value = own && name in own ? own[name] : opts.parameters[name];
    if (value !== undefined) return value;
    if (fallback.length > 0) return fallback[0];
    throw new Error(`Could not get parameter "${name}"`);
  };
  const ctx = {
    getInputData: () => items,
    getNode: () => ({ ...ACTION_NODE, parameters: opts.parameters }),
    getNodeParameter,
    continueOnFail: () => opts.continueOnFail === true,
    addExecutionHints: (...added: NodeExecutionHint[]) => hints.push(...added),
    getCredentials: jest.fn(async () => ({ apiKey: API_KEY, baseUrl: opts.baseUrl })),
    helpers: {
      httpRequestWithAuthentication: jest.fn(function (this: unknown, credential: string, options: IHttpRequestOptions): Promise<IN8nHttpFullResponse> {
        requests.push(options);
        return opts.api.handle(credential, options);
      }),
    },
  };
  return { ctx: ctx as never, hints, requests };
}

/** A locator value as the editor stores it. */
export function locator(value: string, mode: 'list' | 'id' | 'url' = 'list') {
  return { __rl: true, mode, value };
}

/** A request helper that answers every call with one status and body (for error branches). */
export function answering(status: number, body: unknown): RequestHandler & { calls: IHttpRequestOptions[] } {
  const calls: IHttpRequestOptions[] = [];
  return {
    calls,
    async handle(_credential, options) {
      calls.push(options);
      return { statusCode: status, body: body as IDataObject, headers: { 'content-type': 'application/json' }, statusMessage: '' };
    },
  };
}
