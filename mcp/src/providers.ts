// Every provider with an MCP server: Distribu's package is mcp/ itself; `npm run generate` writes a package for
// each other one (mcp/packages/<id>/, mcp/scripts/packages.ts). Each provider's data is mcp/src/<id>.ts, `<id>Mcp`.
import { dist0Mcp } from './dist0';
import { distribuMcp } from './distribu';
import { orishaMcp } from './orisha';
import type { McpProvider } from './provider';

export const mcpProviders: readonly McpProvider[] = [distribuMcp, dist0Mcp, orishaMcp];
