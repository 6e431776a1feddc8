// What a built n8n package's JavaScript requires, file by file: for tests that check it needs only
// n8n-workflow and node:crypto from outside and that its nodes and credential share one module.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** The built package's one shared module, relative to its dist/ (n8n-node/scripts/runtime-layout.ts). */
export { RUNTIME_FILE } from '../../../n8n-node/scripts/runtime-layout';

/** For each file (relative to `dist`): what it requires, a file of the package relative to `dist`, sorted. */
export function requiresOf(dist: string, files: string[]): Record<string, string[]> {
  return Object.fromEntries(
    files.map((file) => {
      const code = readFileSync(join(dist, file), 'utf8');
      const required = new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!));
      return [file, [...required].map((name) => (name.startsWith('.') ? relative(dist, resolve(dirname(join(dist, file)), name)) : name)).sort()];
    }),
  );
}
