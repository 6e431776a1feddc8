// Orisha Commerce's MCP server, as data for createMcpServer (server.ts): one read-only tool per operation of its
// catalog (shared/src/providers/orisha/operations.ts: the zod input and output schemas become the tools' JSON
// Schemas here), run by the host data's runOperation over an OAuth2 client-credentials connection (the kit's token
// flow: cached, renewed once on a 401). Errors are results with isError, in Orisha's plain words, without secrets.
import { ApiError, ClientCredentialsToken, clientCredentialsTransport, NetworkError, TokenError, type ApiRequest, type ApiResponse } from '@distribu/shared/kit';
import { orishaHost } from '@distribu/shared/providers/orisha';
import { ORISHA_AUTH } from '../../shared/src/providers/orisha/assumed-api';
import { orishaBounded, type OrishaClient } from '../../shared/src/providers/orisha/client';
import { ORISHA_LIST_LIMIT } from '../../shared/src/providers/orisha/reads';
import { tools as generated } from '../generated/orisha-tools.json';
import type { McpHostProvider, McpOptions } from './provider';
import { errorResult, type ToolResult } from './tools';
import type { DistribuTool } from './tool-types';
import { SERVER_VERSION } from './version';

const REQUEST_TIMEOUT_MS = 15_000;

export const orishaTools: readonly DistribuTool[] = generated as unknown as DistribuTool[];

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

async function fetchJson(url: string, init: RequestInit): Promise<ApiResponse> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const raw = await response.text();
  let body: unknown = raw;
  try {
    body = raw ? JSON.parse(raw) : undefined;
  } catch {
    // Not JSON: the raw text, as the Transport contract says (the client never quotes it).
  }
  return { status: response.status, body };
}

/** The session's Orisha client: client ID and secret (credentials), administration, base, token URL and audience. */
export function orishaClient(options: McpOptions): OrishaClient {
  const c = options.credentials ?? {};
  const api = orishaHost.api!;
  const root = api.baseUrl.toRoot(options.baseUrl);
  const token = new ClientCredentialsToken(
    { tokenUrl: text(c.tokenUrl) || ORISHA_AUTH.defaultTokenUrl, clientId: text(c.clientId), clientSecret: text(c.clientSecret), audience: text(c.audience) || ORISHA_AUTH.defaultAudience },
    (url, form) => fetchJson(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) }),
    orishaHost.names.displayName,
  );
  const send = (request: ApiRequest, authorization: string) => {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(request.query ?? {})) if (v !== undefined) query.set(k, String(v));
    const hasBody = request.body !== undefined;
    return fetchJson(`${root}${request.path}${query.size ? `?${query}` : ''}`, {
      method: request.method,
      headers: { authorization, accept: 'application/json', ...(hasBody ? { 'content-type': 'application/json' } : {}) },
      body: hasBody ? JSON.stringify(request.body) : undefined,
    });
  };
  return api.connect(clientCredentialsTransport(token, async (request, authorization) => {
    try {
      return await send(request, authorization);
    } catch (error) {
      throw api.networkError(error);
    }
  }), { administrationCode: text(c.administrationCode) });
}

async function callOrishaTool(client: unknown, tool: DistribuTool, args: Record<string, unknown>): Promise<ToolResult> {
  const op = orishaHost.operations.find((o) => o.key === tool.operation);
  if (!op) return errorResult(`The Orisha Commerce MCP server has no operation ${tool.operation}.`);
  const codes: Record<string, string> = {};
  for (const input of op.inputs ?? []) {
    const value = args[input.key];
    if (typeof value !== 'string' || value.trim() === '') return errorResult(`${op.label} needs ${input.key}: ${input.description}`);
    codes[input.key] = value.trim();
  }
  let limit: number | undefined;
  if (op.many) {
    const raw = args.limit ?? ORISHA_LIST_LIMIT.default;
    const n = typeof raw === 'string' ? Number(raw) : raw;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > ORISHA_LIST_LIMIT.max) return errorResult(`Limit must be a whole number from 1 to ${ORISHA_LIST_LIMIT.max}; got ${JSON.stringify(raw)}.`);
    limit = n;
  }
  try {
    const got = await orishaHost.runOperation!(client as OrishaClient, op.key, codes, limit);
    const structured = Array.isArray(got) ? { records: got } : got;
    return { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured };
  } catch (error) {
    const plain = error instanceof ApiError || error instanceof NetworkError || error instanceof TokenError;
    return errorResult(plain ? orishaBounded((error as Error).message) : `The Orisha Commerce MCP server failed unexpectedly: ${orishaBounded(error instanceof Error ? error.message : String(error))}`);
  }
}

export const orishaMcp: McpHostProvider = {
  host: orishaHost,
  serverName: 'orisha-commerce-mcp',
  version: SERVER_VERSION,
  instructions:
    'Read-only tools for Orisha Commerce, a B2B commerce system: items, customers, price lists, and each customer\'s contact persons and addresses, each found by its code (contact persons and addresses by the customer code and their own). ' +
    'Codes come from the list tools or from earlier results; a "not found" answer means no record has that code (or it was deleted).',
  tools: orishaTools,
  connect: orishaClient,
  callTool: callOrishaTool,
};
