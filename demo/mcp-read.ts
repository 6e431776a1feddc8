/**
 * One read through a provider's MCP server in the demo: the server (mcp/, the same code as its package's bin) on
 * loopback over Streamable HTTP, the MCP SDK's own Client with the headers that provider's clients send (a Bearer
 * key, or a machine identity in Basic plus its headers), one tool call, everything closed again.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startMcpHttpServer, type McpHttpOptions } from '../mcp/src';

export async function mcpRead(
  server: Pick<McpHttpOptions, 'provider' | 'baseUrl' | 'credentials'>,
  headers: Record<string, string>,
  tool: string,
  args: Record<string, unknown>,
): Promise<{ result: CallToolResult; tools: number }> {
  const mcp = await startMcpHttpServer({ ...server, port: 0 });
  const client = new Client({ name: 'distribu-demo', version: '1.0.0' });
  try {
    await client.connect(new StreamableHTTPClientTransport(new URL(mcp.url), { requestInit: { headers } }));
    const tools = (await client.listTools()).tools.length;
    return { result: (await client.callTool({ name: tool, arguments: args })) as CallToolResult, tools };
  } finally {
    await client.close();
    await mcp.close();
  }
}
