// One MCP server session: lists a provider's generated tools and runs them with one connection (a key or client credentials).
// The low-level Server, not McpServer.registerTool: the tools' JSON Schemas are generated from the
// catalog's zod schemas, and input is checked by the connectors' executor, whose refusals name the
// input in plain words (McpServer would check with zod first and answer with zod's issue list).
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult, type ListToolsResult } from '@modelcontextprotocol/sdk/types.js';
import { connectClient } from './connect';
import type { McpOptions, McpProvider } from './provider';
import type { DistribuTool } from './tool-types';
import { callToolWith, errorResult, runnerOf, type ToolRunner } from './run-tool';

export type { McpOptions };

export function createMcpServer(provider: McpProvider, options: McpOptions): Server {
  const { host, tools } = provider;
  const name = host.names.displayName;
  const client = connectClient(host, options);
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  const runner: ToolRunner = { name, operationOf: (key) => host.operations.find((op) => op.key === key), run: runnerOf(provider) };
  const call = (tool: DistribuTool, args: Record<string, unknown> | undefined) => callToolWith(runner, client, tool, args);
  const listed: ListToolsResult = {
    tools: tools.map(({ name: toolName, title, description, inputSchema, outputSchema, annotations }) => ({
      name: toolName,
      title,
      description,
      inputSchema: inputSchema as ListToolsResult['tools'][number]['inputSchema'],
      outputSchema: outputSchema as ListToolsResult['tools'][number]['outputSchema'],
      annotations,
    })),
  };
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- see the comment at the top
  const server = new Server({ name: provider.serverName, title: name, version: provider.version }, { capabilities: { tools: {} }, instructions: provider.instructions });
  server.setRequestHandler(ListToolsRequestSchema, () => listed);
  server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
    const tool = byName.get(request.params.name);
    if (!tool) return errorResult(`${name} has no tool named "${request.params.name}". The tools are: ${tools.map((t) => t.name).join(', ')}.`);
    return (await call(tool, request.params.arguments)) as CallToolResult;
  });
  return server;
}

