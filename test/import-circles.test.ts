// No import circle anywhere in the repository's own code, type-only imports included (a type-only circle still ties
// two modules' designs together, and becomes a load-order bug the day one of its imports gains a value). dpdm parses
// with TypeScript and resolves through tsconfig.json, so `@distribu/shared/...` imports lead into shared/'s sources
// like relative ones do.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

jest.setTimeout(60_000);

const root = path.join(__dirname, '..');
const OWN_CODE = ['shared', 'sandbox', 'zapier/src', 'zapier/scripts', 'n8n-node/nodes', 'n8n-node/credentials', 'n8n-node/scripts', 'scripts', 'demo', 'bench', 'test'];
const EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];

/**
 * Every module reached from `dirs`, and every import circle among them (each as `a -> b -> ...`). dpdm's CLI in its
 * own process: its colours library is an ES module, which jest's module system cannot require.
 */
function importGraph(cwd: string, dirs: string[]): { modules: string[]; circles: string[] } {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'distribu-dpdm-')), 'graph.json');
  try {
    execFileSync(
      process.execPath,
      [
        path.join(root, 'node_modules/dpdm/lib/bin/dpdm.js'),
        ...['--no-tree', '--no-circular', '--no-warning', '--no-progress', '--output', out],
        ...['--tsconfig', path.join(root, 'tsconfig.json'), '--ext', ['', ...EXTENSIONS, '.json'].join(','), '--js', EXTENSIONS.join(',')],
        ...['--exclude', '[\\\\/](node_modules|dist|lib|\\.cache)[\\\\/]'],
        ...dirs.map((dir) => `${dir}/**/*.{ts,mts,cts,js,mjs,cjs}`),
      ],
      { cwd, stdio: 'pipe' },
    );
    const graph = JSON.parse(fs.readFileSync(out, 'utf8')) as { tree: Record<string, unknown>; circulars: string[][] };
    return { modules: Object.keys(graph.tree), circles: graph.circulars.map((circle) => circle.join(' -> ')) };
  } finally {
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
}

test('the repository has no import circle', () => {
  const { modules, circles } = importGraph(root, OWN_CODE);
  // The check saw the code it claims to check: hundreds of modules, from every part.
  expect(modules.length).toBeGreaterThan(250);
  for (const dir of OWN_CODE) expect({ dir, seen: modules.some((m) => m.startsWith(`${dir}/`)) }).toEqual({ dir, seen: true });
  expect(circles).toEqual([]);
});

test('a circle made only of type imports is found', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'distribu-circles-'));
  try {
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src', 'install.ts'), "import type { Lock } from './lock';\nexport type Log = (line: string) => void;\nexport const locks: Lock[] = [];\n");
    fs.writeFileSync(path.join(dir, 'src', 'lock.ts'), "import type { Log } from './install';\nexport interface Lock { log: Log }\n");
    const { circles } = importGraph(dir, ['src']);
    expect(circles.map((circle) => circle.split(' -> ').sort())).toEqual([['src/install.ts', 'src/lock.ts']]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
