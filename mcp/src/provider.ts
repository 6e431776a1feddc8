// What an MCP server needs from a provider: its host data (names, operations, API), the tools generated
// from its operation catalog, the words that introduce them to an agent, how its operations run (the REST
// executor with the provider's rules, or the provider's own `host.perform`) and how a call reaches its API
// with a key. createMcpServer(provider) serves any of them; Distribu's is distribu.ts, dist0's dist0.ts.
import type { HostEvent, HostProvider, RestClient } from '@distribu/shared/kit';
import type { OperationRules, RuntimeOperation, Transport } from '@distribu/shared/runtime';
import type { DistribuTool } from './tool-types';
import type { ToolResult } from './tools';

export interface McpProvider {
  host: HostProvider<HostEvent, RuntimeOperation, RestClient>;
  /** The server's name as MCP clients see it, and its version (the package's). */
  serverName: string;
  version: string;
  /** Told to the agent at initialization: what the tools are for and how to use them safely. */
  instructions: string;
  tools: readonly DistribuTool[];
  /** The REST executor's rules, for a provider whose host data has no `perform`. */
  rules?: OperationRules;
  /** The provider's API over fetch with the caller's key. */
  transport(baseUrl: string | undefined, apiKey: string): Transport;
}

/**
 * A provider whose tools run through its host data's runOperation (no Distribu executor), with its own
 * connection (e.g. OAuth2 client credentials): `connect` makes the session's client from the options' credentials.
 */
export interface McpHostProvider {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any provider's events, operations and client
  host: HostProvider<any, any, any>;
  serverName: string;
  version: string;
  instructions: string;
  tools: readonly DistribuTool[];
  connect(options: McpOptions): unknown;
  callTool(client: unknown, tool: DistribuTool, args: Record<string, unknown>): Promise<ToolResult>;
}

export interface McpOptions {
  /** The API key every tool call uses (never logged, never returned). A provider without keys takes `credentials`. */
  apiKey: string;
  /** The provider's base URL (default: the provider's own); its API prefix is added. */
  baseUrl?: string;
  /** A provider's other connection fields (client ID and secret, administration...): never logged, never returned. */
  credentials?: Record<string, string>;
}
