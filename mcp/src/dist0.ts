// dist0's MCP server, as data for createMcpServer (server.ts): one read-only tool per capability of its read
// API (mcp/generated/dist0-tools.json, from shared/src/providers/dist0/operations.ts), run by dist0's own runner
// (host.perform: inputs checked in plain words, `POST /api/v1/invoke`, pages up to `limit`).
import { dist0Host } from '@distribu/shared/providers/dist0';
import { tools as generated } from '../generated/dist0-tools.json';
import type { McpProvider } from './provider';
import type { DistribuTool } from './tool-types';
import { SERVER_VERSION } from './version';

export const dist0Tools: readonly DistribuTool[] = generated as unknown as DistribuTool[];

export const dist0Mcp: McpProvider = {
  host: dist0Host,
  serverName: 'dist0-mcp',
  version: SERVER_VERSION,
  instructions:
    'Tools for dist0, which finds buyer pains and competitor mentions on the web for a project: pains (with the posts that mention them), posts, briefs, content briefs, suggested next moves, search runs and the project memory. ' +
    'Every tool only reads. Ids come from the list tools, earlier results, or a dist0 webhook signal (its post.id is a post id).',
  tools: dist0Tools,
  cli: {
    envPrefix: 'DIST0',
    where: 'in dist0 under Settings → API keys',
    description: "dist0's MCP server: the buyer pains, posts, briefs and suggested next moves dist0 found for a project, as read-only tools for AI agents (stdio and Streamable HTTP).",
    keywords: ['dist0', 'buyer-pains', 'competitor-mentions', 'market-research'],
  },
};
