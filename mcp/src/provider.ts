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
  /** How its bin is configured and says so (connection.ts and bin.ts read it; no per-provider code). */
  cli: McpCli;
}

/**
 * The bin's words and settings as data. Its package and bin names are the host data's `names.mcp`; its connection
 * follows the host data's `api.auth`: an API key, or OAuth2 client credentials (client ID and secret) plus `fields`.
 */
export interface McpCli {
  /** Environment variables start with it: `DISTRIBU` → DISTRIBU_API_KEY, DISTRIBU_BASE_URL. */
  envPrefix: string;
  /** Where a user gets a key or a machine identity: "in Distribu under Settings → API keys". */
  where: string;
  /** One sentence for its package's listing and README: what an agent can do with it. */
  description: string;
  /** Its package's npm keywords beyond the MCP ones. */
  keywords: readonly string[];
  /** The connection's fields beyond the key or the client ID and secret: from `<PREFIX>_<env>` (stdio) or a header (HTTP). */
  fields?: readonly McpField[];
}

export interface McpField {
  /** Its key in the host data's connection (`connect(transport, credentials)`), e.g. `administrationCode`. */
  key: string;
  /** In words: "the administration code". */
  label: string;
  /** After the prefix: `ADMINISTRATION` → ORISHA_ADMINISTRATION. */
  env: string;
  /** The HTTP request header that carries it: `X-Orisha-Administration`. */
  header: string;
}

export interface McpOptions {
  /** The API key every tool call uses (never logged, never returned). A provider without keys takes `credentials`. */
  apiKey: string;
  /** The provider's base URL (default: the provider's own); its API prefix is added. */
  baseUrl?: string;
  /** A provider's other connection fields (client ID and secret, administration...): never logged, never returned. */
  credentials?: Record<string, string>;
}
