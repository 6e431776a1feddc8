/**
 * What our webhook nodes must not do, because n8n then does more work on every request (bench/README.md,
 * benchmark 6 and issue 14): a typeVersion-1 trigger gets n8n's v1 webhook handling, which evaluates an
 * expression per request, and any `=` expression in a webhook description field is evaluated per
 * request too. Every node the package registers (package.json `n8n.nodes`) is read from its source.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeTypeDescription } from 'n8n-workflow';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'n8n-node', 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };

/** `dist/nodes/X/X.node.js` → the description of every node class that source file exports. */
function descriptionsOf(distPath: string): INodeTypeDescription[] {
  const source = join(root, 'n8n-node', distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
  const exported = require(source) as Record<string, unknown>;
  const found: INodeTypeDescription[] = [];
  for (const value of Object.values(exported)) {
    if (typeof value !== 'function') continue;
    const node = new (value as new () => { description?: INodeTypeDescription; nodeVersions?: Record<string, { description: INodeTypeDescription }> })();
    if (node.nodeVersions) for (const v of Object.values(node.nodeVersions)) found.push(v.description);
    else if (node.description) found.push(node.description);
  }
  return found;
}

/** Why this description would make n8n do per-request work; empty when it would not. */
function webhookCostProblems(description: Pick<INodeTypeDescription, 'name' | 'version' | 'defaultVersion' | 'webhooks'>): string[] {
  if (!description.webhooks || description.webhooks.length === 0) return [];
  const problems: string[] = [];
  const versions = Array.isArray(description.version) ? description.version : [description.version];
  if (versions.includes(1) || description.defaultVersion === 1) problems.push(`${description.name}: typeVersion 1 (${JSON.stringify(description.version)})`);
  for (const webhook of description.webhooks) {
    for (const [field, value] of Object.entries(webhook)) {
      if (typeof value === 'string' && value.startsWith('=')) problems.push(`${description.name}: webhook ${webhook.name}.${field} is an expression (${value})`);
    }
  }
  return problems;
}

describe('webhook nodes add no per-request expression work in n8n', () => {
  const descriptions = pkg.n8n.nodes.flatMap(descriptionsOf);
  const withWebhooks = descriptions.filter((d) => (d.webhooks ?? []).length > 0);

  it('reads every registered node, among them the Distribu Trigger with its webhook', () => {
    // Per file: a file whose classes were not found would otherwise go unchecked.
    expect(pkg.n8n.nodes.filter((file) => descriptionsOf(file).length === 0)).toEqual([]);
    expect(withWebhooks.map((d) => d.name)).toContain('distribuTrigger');
  });

  it.each(withWebhooks.map((d) => [d.name, d] as const))('%s: no typeVersion 1, no `=` expression in a webhook field', (_, description) => {
    expect(webhookCostProblems(description)).toEqual([]);
  });

  it('the rule catches typeVersion 1 (alone or in a list) and an expression in any webhook field', () => {
    const hook = { name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' } as const;
    const base = { name: 'x', version: 2, webhooks: [hook] };
    expect(webhookCostProblems(base)).toEqual([]);
    expect(webhookCostProblems({ ...base, version: 1 })).toHaveLength(1);
    expect(webhookCostProblems({ ...base, version: [1, 2] })).toHaveLength(1);
    expect(webhookCostProblems({ ...base, version: [2, 3], defaultVersion: 1 })).toHaveLength(1);
    for (const field of ['path', 'httpMethod', 'responseMode', 'responseData', 'responseBinaryPropertyName']) {
      expect(webhookCostProblems({ ...base, webhooks: [{ ...hook, [field]: '={{$parameter["x"]}}' }] })).toEqual([`x: webhook default.${field} is an expression (={{$parameter["x"]}})`]);
    }
    // A node without webhooks is not a webhook node, whatever its version.
    expect(webhookCostProblems({ name: 'y', version: 1, webhooks: [] })).toEqual([]);
  });
});
