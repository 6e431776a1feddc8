// stdio: what desktop agents (Claude Desktop, Cursor...) start as a subprocess. The key and base URL
// come from the environment; stdout carries only MCP messages, so anything said goes to stderr.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createDistribuMcpServer } from './server';

export const MISSING_KEY_MESSAGE =
  'DISTRIBU_API_KEY is not set: give the Distribu MCP server your Distribu API key in that environment variable (create one in Distribu under Settings → API keys).';

/** Serves over stdin/stdout until the client closes it. Throws when DISTRIBU_API_KEY is missing. */
export async function runDistribuMcpStdio(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const apiKey = env.DISTRIBU_API_KEY?.trim();
  if (!apiKey) throw new Error(MISSING_KEY_MESSAGE);
  const server = createDistribuMcpServer({ apiKey, baseUrl: env.DISTRIBU_BASE_URL });
  await server.connect(new StdioServerTransport());
}
