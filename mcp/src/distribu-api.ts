// Distribu's MCP server under the names its users and @distribu/mcp-server's API know: each is the generic
// one (server.ts, http.ts, stdio.ts) with Distribu's data. Kept apart so other providers' bins bundle none of it.
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { missingCredentialsMessage, missingEnvMessage } from './connection';
import { distribuMcp } from './distribu';
import { startMcpHttpServer, type McpHttpOptions, type McpHttpServer } from './http';
import type { McpOptions } from './provider';
import { createMcpServer } from './server';
import { runMcpStdio } from './stdio';

export type DistribuMcpOptions = McpOptions;
/** `provider` defaults to Distribu's (`dist0Mcp` for dist0, `orishaMcp` for Orisha Commerce). */
export type DistribuMcpHttpOptions = Omit<McpHttpOptions, 'provider'> & Partial<Pick<McpHttpOptions, 'provider'>>;
export type DistribuMcpHttpServer = McpHttpServer;

export const MISSING_KEY_MESSAGE = missingEnvMessage(distribuMcp, ['DISTRIBU_API_KEY']);
export const NO_KEY_MESSAGE = missingCredentialsMessage(distribuMcp);

/** Distribu's MCP server bound to one key, for any SDK transport. */
export function createDistribuMcpServer(options: DistribuMcpOptions): Server {
  return createMcpServer(distribuMcp, options);
}

/** Distribu's MCP server (or `options.provider`'s) over Streamable HTTP. */
export function startDistribuMcpHttpServer(options: DistribuMcpHttpOptions = {}): Promise<DistribuMcpHttpServer> {
  return startMcpHttpServer({ ...options, provider: options.provider ?? distribuMcp });
}

/** Serves stdio with DISTRIBU_API_KEY and DISTRIBU_BASE_URL from `env` (what the bin does). */
export function runDistribuMcpStdio(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return runMcpStdio(distribuMcp, env);
}
