// Distribu's MCP server, as data for createMcpServer (server.ts).
import { distribuHost } from '@distribu/shared/providers/distribu';
import { distribuOperationRules } from '@distribu/shared/runtime';
import type { McpProvider } from './provider';
import { tools } from './tools';
import { SERVER_NAME, SERVER_VERSION } from './version';

export const distribuMcp: McpProvider = {
  host: distribuHost,
  serverName: SERVER_NAME,
  version: SERVER_VERSION,
  instructions:
    'Tools for Distribu, a B2B ordering platform: orders (create with line items, get, list, move along SUBMITTED → CONFIRMED → SHIPPED → DELIVERED or CANCELLED), customers, products and reports. ' +
    'IDs come from the list tools or earlier results. Creates are never retried: if one fails without a clear answer, check with a list tool before creating again.',
  tools,
  rules: distribuOperationRules,
  cli: {
    envPrefix: 'DISTRIBU',
    where: 'in Distribu under Settings → API keys',
    description: 'The official Distribu MCP server: orders, customers, products and reports of Distribu as tools for AI agents (stdio and Streamable HTTP).',
    keywords: ['distribu', 'b2b', 'orders'],
  },
};
