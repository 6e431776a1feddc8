// Every generated, tracked file (scripts/generated-files.ts: the shared catalog's outputs and the
// n8n package's __schema__ and README table) is what `npm run generate` would write now.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedFiles, repoRoot } from '../scripts/generated-files';

describe('generated files', () => {
  const files = generatedFiles();

  it('are up to date with the catalog (run `npm run generate`)', () => {
    for (const [path, content] of Object.entries(files)) {
      expect({ path, content: readFileSync(join(repoRoot, path), 'utf8') }).toEqual({ path, content });
    }
  });

  it('cover both packages', () => {
    const paths = Object.keys(files);
    for (const path of [
      'shared/generated/catalog.json',
      'docs/events.md',
      'n8n-node/README.md',
      'n8n-node/nodes/DistribuTrigger/__schema__/v2.0.0/output.json',
      // Distribu's package.json and codex files, from distribuHost.names (each node's own aliases included).
      'n8n-node/package.json',
      'n8n-node/nodes/Distribu/Distribu.node.json',
      'n8n-node/nodes/DistribuPollTrigger/DistribuPollTrigger.node.json',
      'n8n-node/nodes/DistribuTrigger/DistribuTrigger.node.json',
    ]) {
      expect(paths).toContain(path);
    }
  });
});
