// Orisha Commerce's MCP server, as data for createMcpServer (server.ts): one read-only tool per operation of its
// catalog (shared/src/providers/orisha/operations.ts: the zod input and output schemas become the tools' JSON
// Schemas), run by its host data's `perform` over an OAuth2 client-credentials connection (connect.ts: the kit's
// token flow, cached, renewed once on a 401). Errors are results with isError, in Orisha's plain words, without secrets.
import { orishaHost } from '@distribu/shared/providers/orisha';
import { tools as generated } from '../generated/orisha-tools.json';
import type { McpProvider } from './provider';
import type { DistribuTool } from './tool-types';
import { SERVER_VERSION } from './version';

export const orishaTools: readonly DistribuTool[] = generated as unknown as DistribuTool[];

export const orishaMcp: McpProvider = {
  host: orishaHost,
  serverName: 'orisha-commerce-mcp',
  version: SERVER_VERSION,
  instructions:
    'Read-only tools for Orisha Commerce, a B2B commerce system: items, customers, price lists, and each customer\'s contact persons and addresses, each found by its code (contact persons and addresses by the customer code and their own). ' +
    'Codes come from the list tools or from earlier results; a "not found" answer means no record has that code (or it was deleted).',
  tools: orishaTools,
  cli: {
    envPrefix: 'ORISHA',
    where: 'in Orisha Commerce with access to its API',
    description: "Orisha Commerce's MCP server: items, customers, price lists, contact persons and addresses of an Orisha Commerce administration, as read-only tools for AI agents (stdio and Streamable HTTP).",
    keywords: ['orisha', 'orisha-commerce', 'b2b', 'commerce'],
    // Every API path names the administration (assumed-api.ts): part of each connection, as in n8n's credential.
    fields: [{ key: 'administrationCode', label: 'the administration code', env: 'ADMINISTRATION', header: 'X-Orisha-Administration' }],
  },
};
