// stdio: what desktop agents (Claude Desktop, Cursor...) start as a subprocess. The connection and base URL
// come from the environment (connection.ts names the variables from the provider's data); stdout carries only
// MCP messages, so anything said goes to stderr.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { connectionFromEnv } from './connection';
import type { McpProvider } from './provider';
import { createMcpServer } from './server';

/** Serves `provider` over stdin/stdout until the client closes it. Throws, in plain words, when a variable is missing or malformed. */
export async function runMcpStdio(provider: McpProvider, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const server = createMcpServer(provider, connectionFromEnv(provider, env));
  await server.connect(new StdioServerTransport());
}

