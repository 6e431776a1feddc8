// One MCP server session: lists the generated tools and runs them with one Distribu API key.
// The low-level Server, not McpServer.registerTool: the tools' JSON Schemas are generated from the
// catalog's zod schemas, and input is checked by the connectors' executor, whose refusals name the
// input in plain words (McpServer would check with zod first and answer with zod's issue list).
import { DistribuClient } from '@distribu/shared/runtime';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult, type ListToolsResult } from '@modelcontextprotocol/sdk/types.js';
import { fetchTransport } from './distribu-http';
import { callTool, errorResult, getTool, tools } from './tools';
import { SERVER_NAME, SERVER_VERSION } from './version';

export interface DistribuMcpOptions {
  /** The Distribu API key every tool call uses (never logged, never returned). */
  apiKey: string;
  /** Distribu's base URL (default https://distribu.app); `/api/v1` is added. */
  baseUrl?: string;
}

const INSTRUCTIONS =
  'Tools for Distribu, a B2B ordering platform: orders (create with line items, get, list, move along SUBMITTED → CONFIRMED → SHIPPED → DELIVERED or CANCELLED), customers, products and reports. ' +
  'IDs come from the list tools or earlier results. Creates are never retried: if one fails without a clear answer, check with a list tool before creating again.';

const listed: ListToolsResult = {
  tools: tools.map(({ name, title, description, inputSchema, outputSchema, annotations }) => ({
    name,
    title,
    description,
    inputSchema: inputSchema as ListToolsResult['tools'][number]['inputSchema'],
    outputSchema: outputSchema as ListToolsResult['tools'][number]['outputSchema'],
    annotations,
  })),
};

export function createDistribuMcpServer(options: DistribuMcpOptions): Server {
  const client = new DistribuClient(fetchTransport(options.baseUrl, options.apiKey));
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- see the comment at the top
  const server = new Server({ name: SERVER_NAME, title: 'Distribu', version: SERVER_VERSION }, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });
  server.setRequestHandler(ListToolsRequestSchema, () => listed);
  server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
    const tool = getTool(request.params.name);
    if (!tool) return errorResult(`Distribu has no tool named "${request.params.name}". The tools are: ${tools.map((t) => t.name).join(', ')}.`);
    return (await callTool(client, tool, request.params.arguments)) as CallToolResult;
  });
  return server;
}
