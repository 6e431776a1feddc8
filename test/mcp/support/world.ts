import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startDistribuMcpHttpServer, type DistribuMcpHttpServer } from '../../../mcp/src';
import { startSandbox, type Sandbox } from '../../../sandbox/src';

/** A seeded sandbox and the MCP server over Streamable HTTP in front of it, both on loopback. */
export interface McpWorld {
  sb: Sandbox;
  mcp: DistribuMcpHttpServer;
  /** An SDK client connected over Streamable HTTP with this key (the sandbox's full-scope key by default). */
  connect(key?: string | null): Promise<Client>;
  close(): Promise<void>;
}

export async function startMcpWorld(): Promise<McpWorld> {
  const sb = await startSandbox({ port: 0, seed: true });
  const mcp = await startDistribuMcpHttpServer({ port: 0, host: '127.0.0.1', baseUrl: sb.url });
  const clients: Client[] = [];
  return {
    sb,
    mcp,
    async connect(key = sb.apiKey) {
      const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
      const client = new Client({ name: 'distribu-test', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(mcp.url), { requestInit: { headers } }));
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await mcp.close();
      await sb.close();
    },
  };
}

/** A tool call's result, typed as CallToolResult (the SDK's client returns a wider union). */
export async function callTool(client: Client, name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

/** The text of a result's single text content. */
export function textOf(result: CallToolResult): string {
  expect(result.content).toHaveLength(1);
  const [content] = result.content;
  if (content?.type !== 'text') throw new Error(`expected one text content, got ${JSON.stringify(result.content)}`);
  return content.text;
}
