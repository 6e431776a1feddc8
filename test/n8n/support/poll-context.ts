// A mocked `this` for the Distribu Polling Trigger's poll(), with what IPollFunctions offers the
// node; its requests go to the sandbox over real HTTP (httpTo). Static data persists between
// polls as n8n keeps it with the workflow.
import type { IDataObject } from 'n8n-workflow';
import { BASE_URL, type RequestHandler } from './context';

export interface PollContextOptions {
  api: RequestHandler;
  baseUrl?: string;
  event: string;
  lookbackDays?: number;
  options?: IDataObject;
  mode?: 'trigger' | 'manual';
  staticData?: IDataObject;
}

export function makePollContext(opts: PollContextOptions) {
  const staticData = opts.staticData ?? {};
  const warnings: string[] = [];
  const parameters: IDataObject = { event: opts.event, options: opts.options ?? {}, ...(opts.lookbackDays ? { lookbackDays: opts.lookbackDays } : {}) };
  const node = { id: 'poll-1', name: 'Distribu Polling Trigger', type: 'n8n-nodes-distribu.distribuPollTrigger', typeVersion: 1, position: [0, 0], parameters };
  const ctx = {
    getNode: () => node,
    getMode: () => opts.mode ?? 'trigger',
    getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
    getWorkflowStaticData: () => staticData,
    getCredentials: async () => ({ baseUrl: opts.baseUrl ?? BASE_URL }),
    logger: { warn: (line: string) => warnings.push(line), info: () => {}, debug: () => {}, error: () => {} },
    helpers: {
      returnJsonArray: (items: IDataObject[]) => items.map((json) => ({ json })),
      httpRequestWithAuthentication: (credential: string, options: never) => opts.api.handle(credential, options),
    },
  };
  return { ctx, staticData, warnings };
}
