import fs from 'node:fs';
import path from 'node:path';

// A plain `npm ci` / `npm install` runs no dependency's install script: each one in the lockfile is denied in
// package.json's allowScripts (npm 11.18+), because none is needed (platform packages carry the binaries, n8n's
// isolated-vm ships a Node 24 prebuild) and one, eslint-plugin-n8n-nodes-base's `npx only-allow pnpm`, fails under npm.
// A new dependency with an install script fails here until someone decides about it.
const root = path.join(__dirname, '..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

describe('dependency install scripts', () => {
  it('every package with an install script in package-lock.json is listed in allowScripts, and denied', () => {
    const lock = read('package-lock.json') as { packages: Record<string, { hasInstallScript?: boolean; link?: boolean }> };
    const withScripts = [
      ...new Set(
        Object.entries(lock.packages)
          .filter(([location, entry]) => location.includes('node_modules/') && entry.hasInstallScript)
          .map(([location]) => location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length)),
      ),
    ].sort();
    const policy = (read('package.json') as { allowScripts?: Record<string, boolean> }).allowScripts ?? {};
    expect(withScripts).toContain('eslint-plugin-n8n-nodes-base');
    expect(Object.fromEntries(withScripts.map((name) => [name, policy[name]]))).toEqual(Object.fromEntries(withScripts.map((name) => [name, false])));
    // and nothing stale
    expect(Object.keys(policy).sort()).toEqual(withScripts);
  });
});
