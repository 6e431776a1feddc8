// What an MCP server needs from a provider: its host data (names, operations, API), the tools generated
// from its operation catalog, the words that introduce them to an agent, how its operations run (the REST
// executor with the provider's rules, or the provider's own `host.perform`). How a call reaches its API (a key,
// or OAuth2 client credentials) is its host data's `api.auth` (connect.ts). createMcpServer(provider) serves any
// of them; Distribu's is distribu.ts, dist0's dist0.ts, Orisha Commerce's orisha.ts.
import type { HostEvent, HostProvider, OperationRules, RestClient, RuntimeOperation } from '@distribu/shared/kit';
import type { DistribuTool } from './tool-types';

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
}

export interface McpOptions {
  /** The API key every tool call uses (never logged, never returned). A provider without keys takes `credentials`. */
  apiKey: string;
  /** The provider's base URL (default: the provider's own); its API prefix is added. */
  baseUrl?: string;
  /** A provider's other connection fields (client ID and secret, administration...): never logged, never returned. */
  credentials?: Record<string, string>;
}
