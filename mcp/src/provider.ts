// What an MCP server needs from a provider: its host data (names, operations, API), the tools generated
// from its operation catalog, the words that introduce them to an agent, its executor rules and how a
// call reaches its API with a key. createMcpServer(provider) serves any of them; Distribu's is distribu.ts.
import type { HostProvider } from '@distribu/shared/kit';
import type { DistribuClient, OperationRules, RuntimeEvent, RuntimeOperation, Transport } from '@distribu/shared/runtime';
import type { DistribuTool } from './tool-types';

export interface McpProvider {
  host: HostProvider<RuntimeEvent, RuntimeOperation, DistribuClient>;
  /** The server's name as MCP clients see it, and its version (the package's). */
  serverName: string;
  version: string;
  /** Told to the agent at initialization: what the tools are for and how to use them safely. */
  instructions: string;
  tools: readonly DistribuTool[];
  rules: OperationRules;
  /** The provider's API over fetch with the caller's key. */
  transport(baseUrl: string | undefined, apiKey: string): Transport;
}
