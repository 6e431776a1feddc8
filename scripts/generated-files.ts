// Every tracked file generated from the catalog, by path from the repository root: the shared
// package's (catalog.json, operations.json, JSON Schemas, docs), the n8n package's (both nodes'
// __schema__, the README's events and operations tables) and the Zapier app's standalone lock (from
// the root package-lock.json) and its README's scopes table, and the MCP server's tools (and its README's table). `npm run generate` writes them; test/generated.test.ts compares them with the tree.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedFiles as sharedGeneratedFiles } from '@distribu/shared/build';
import { mcpGeneratedFiles } from '../mcp/scripts/tools';
import { orishaToolsJson } from '../mcp/scripts/orisha-tools';
import { mcpPackagesFiles } from '../mcp/scripts/packages';
import { mcpProviders } from '../mcp/src/providers';
import { hostProviders } from '@distribu/shared/hosts';
import { n8nGeneratedFiles } from '../n8n-node/scripts/generated';
import { orishaCatalogDoc } from '../shared/src/providers/orisha/docs';
import { providerPackagesFiles } from './n8n-packages';
import { zapierAppsFiles } from './zapier-apps';
import { workspaceLockfile } from '../zapier/scripts/lockfile';
import { withScopesTable } from '../zapier/scripts/readme-scopes';

export const repoRoot = join(__dirname, '..');

export function generatedFiles(): Record<string, string> {
  const shared = sharedGeneratedFiles();
  const rootLock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8'));
  return {
    ...shared,
    // The n8n package reads the event schemas and the operations' (a subfolder) apart.
    ...n8nGeneratedFiles(shared, readFileSync(join(repoRoot, 'n8n-node/README.md'), 'utf8')),
    // One n8n package per provider but Distribu (whose package is n8n-node/ itself).
    ...providerPackagesFiles(repoRoot, hostProviders),
    // One Zapier app folder per provider with a webhook API but Distribu (whose app is zapier/ itself).
    ...zapierAppsFiles(hostProviders),
    // The MCP server's tools, from the same operation catalog.
    ...mcpGeneratedFiles(readFileSync(join(repoRoot, 'mcp/README.md'), 'utf8')),
    'zapier/package-lock.json': workspaceLockfile(rootLock, 'zapier'),
    'zapier/README.md': withScopesTable(readFileSync(join(repoRoot, 'zapier/README.md'), 'utf8')),
    'docs/orisha-catalog.md': orishaCatalogDoc(),
    // Orisha Commerce's MCP tools, from its operation catalog.
    'mcp/generated/orisha-tools.json': orishaToolsJson(),
    // One MCP server package per provider but Distribu (whose package is mcp/ itself).
    ...mcpPackagesFiles(repoRoot, mcpProviders),
  };
}
