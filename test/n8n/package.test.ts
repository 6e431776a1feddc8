// The published artifact: package.json rules of a verified community node, and the esbuild build
// (into a temp folder, so a parallel `npm pack` of n8n-node/dist is never disturbed): three nodes and
// a credential that share one runtime module (every class in it once), nothing required from outside
// but n8n-workflow and node:crypto.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { operations } from '@distribu/shared/runtime';
import { operationSchemaPath } from '../../n8n-node/scripts/operation-schemas';
import { CATALOG_KEYS_LEFT_OUT, RUNTIME_FILE, shippedEntry } from '../../n8n-node/scripts/runtime-layout';

jest.setTimeout(90_000);

const root = join(__dirname, '..', '..');
const pkgDir = join(root, 'n8n-node');
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const ALLOWED_RUNTIME_IMPORTS = ['n8n-workflow', 'crypto', 'node:crypto'];

let out: string;
let jsFiles: string[];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'distribu-n8n-build-'));
  execFileSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(pkgDir, 'scripts/build.mts'), '--outdir', join(out, 'dist')], {
    cwd: pkgDir,
    stdio: 'pipe',
  });
  jsFiles = walk(join(out, 'dist')).filter((f) => f.endsWith('.js'));
});

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('package.json', () => {
  it('has no runtime dependencies and n8n-workflow only as a peer', () => {
    expect(Object.keys(pkg.dependencies ?? {})).toEqual([]);
    expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
    expect(pkg.overrides).toBeUndefined();
  });

  it('is an MIT community package that ships only dist', () => {
    expect(pkg.name).toBe('n8n-nodes-distribu');
    expect(pkg.license).toBe('MIT');
    expect(pkg.files).toEqual(['dist']);
    expect(pkg.keywords).toContain('n8n-community-node-package');
    expect(pkg.author).toEqual({ name: expect.any(String), email: expect.stringContaining('@') });
    expect(pkg.repository.url).toMatch(/^git\+https:\/\/github\.com\//);
    expect(pkg.homepage).toMatch(/^https:\/\//);
  });

  it('runs nothing at install time', () => {
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish', 'preprepare', 'postprepare']) {
      expect(pkg.scripts?.[hook]).toBeUndefined();
    }
    expect(pkg.scripts.build).toBeDefined();
    expect(pkg.scripts.lint).toBe('n8n-node lint');
  });

  it('lists the three nodes and the one credential, and the build produces them', () => {
    expect(pkg.n8n).toEqual({
      n8nNodesApiVersion: 1,
      strict: true,
      credentials: ['dist/credentials/DistribuApi.credentials.js'],
      nodes: [
        'dist/nodes/Distribu/Distribu.node.js',
        'dist/nodes/DistribuPollTrigger/DistribuPollTrigger.node.js',
        'dist/nodes/DistribuTrigger/DistribuTrigger.node.js',
      ],
    });
    for (const file of [...pkg.n8n.credentials, ...pkg.n8n.nodes]) expect(existsSync(join(out, file))).toBe(true);
  });

  it('uses the strict lint template unchanged', () => {
    expect(readFileSync(join(pkgDir, 'eslint.config.mjs'), 'utf8').replace(/\s+/g, ' ').trim()).toBe(
      "import { config } from '@n8n/node-cli/eslint'; export default config;",
    );
  });
});

describe('the bundle in dist', () => {
  it('holds the three nodes, the credential, their shared runtime, the codex files, both icons and the typed outputs', () => {
    const files = walk(join(out, 'dist')).map((f) => relative(out, f)).sort();
    const operationSchemas = operations.map((op) => `dist/${operationSchemaPath(1, op)}`);
    expect(files).toEqual([
      'dist/credentials/DistribuApi.credentials.js',
      'dist/icons/distribu.dark.svg',
      'dist/icons/distribu.svg',
      'dist/nodes/Distribu/Distribu.node.js',
      'dist/nodes/Distribu/Distribu.node.json',
      ...operationSchemas.sort(),
      'dist/nodes/DistribuPollTrigger/DistribuPollTrigger.node.js',
      'dist/nodes/DistribuPollTrigger/DistribuPollTrigger.node.json',
      'dist/nodes/DistribuTrigger/DistribuTrigger.node.js',
      'dist/nodes/DistribuTrigger/DistribuTrigger.node.json',
      'dist/nodes/DistribuTrigger/__schema__/v2.0.0/output.json',
      'dist/shared/catalog.json',
      'dist/shared/operations.json',
      `dist/${RUNTIME_FILE}`,
    ]);
  });

  it('requires only n8n-workflow and node:crypto from outside the package; inside, every node and the credential share one runtime', () => {
    const outside = new Set<string>();
    const inside = new Map<string, Set<string>>();
    for (const file of jsFiles) {
      const code = readFileSync(file, 'utf8');
      for (const m of code.matchAll(/\brequire\(\s*(["'`])([^"'`]+)\1\s*\)/g)) {
        const request = m[2]!;
        if (!request.startsWith('.')) outside.add(request);
        else inside.set(relative(out, file), (inside.get(relative(out, file)) ?? new Set()).add(relative(out, resolve(dirname(file), request))));
      }
      expect(code).not.toMatch(/\bimport\(/);
      expect(code).not.toMatch(/\brequire\(\s*[^"'`\s]/); // no computed requires
    }
    expect([...outside].sort()).toEqual(['n8n-workflow', 'node:crypto']);
    for (const name of outside) expect(ALLOWED_RUNTIME_IMPORTS).toContain(name);
    const runtime = `dist/${RUNTIME_FILE}`;
    expect(Object.fromEntries([...inside].map(([file, targets]) => [file, [...targets].sort()]))).toEqual({
      'dist/credentials/DistribuApi.credentials.js': [runtime],
      'dist/nodes/Distribu/Distribu.node.js': [runtime],
      'dist/nodes/DistribuPollTrigger/DistribuPollTrigger.node.js': [runtime],
      'dist/nodes/DistribuTrigger/DistribuTrigger.node.js': [runtime],
      [runtime]: ['dist/shared/catalog.json', 'dist/shared/operations.json'],
    });
    // The runtime is in the package once: no entry carries a copy of its code (its signature check, say).
    for (const file of jsFiles.filter((f) => !f.endsWith(RUNTIME_FILE))) expect({ file, copy: readFileSync(file, 'utf8').includes('timingSafeEqual') }).toEqual({ file, copy: false });
    expect(readFileSync(join(out, runtime), 'utf8')).toContain('timingSafeEqual');
    // Every class but the node's or credential's own is defined once, in the shared module: an `instanceof`
    // in a node sees the very class (an error's, say) the shared code threw. And that module holds no zod.
    for (const file of jsFiles.filter((f) => !f.endsWith(RUNTIME_FILE))) {
      const classes = [...readFileSync(file, 'utf8').matchAll(/\b([\w$]+)\s*=\s*class\b|\bclass\s+([\w$]+)/g)].map((m) => m[1] ?? m[2]);
      expect({ file: relative(out, file), classes }).toEqual({ file: relative(out, file), classes: [basename(file).split('.')[0]] });
    }
    expect(readFileSync(join(out, runtime), 'utf8')).not.toMatch(/\bzod\b/);
  });

  it('leaves out of the runtime catalogs only keys that no built code reads', () => {
    for (const [file, { list, keys }] of Object.entries(CATALOG_KEYS_LEFT_OUT)) {
      const full = JSON.parse(readFileSync(join(root, 'shared', 'generated', file), 'utf8'))[list] as Array<Record<string, unknown>>;
      const shipped = JSON.parse(readFileSync(join(out, 'dist', 'shared', file), 'utf8'))[list] as Array<Record<string, unknown>>;
      // Every entry, every other key, unchanged.
      expect(shipped).toEqual(full.map((entry) => shippedEntry(file as keyof typeof CATALOG_KEYS_LEFT_OUT, entry)));
      for (const key of keys) expect(full.some((entry) => key in entry)).toBe(true);
      const reads = new RegExp(`\\.(${keys.join('|')})\\b|[\\w$)\\]]\\[\\s*["'\`](${keys.join('|')})["'\`]\\s*\\]|\\{[^}]*\\b(${keys.join('|')})\\b[^}]*\\}\\s*=`);
      for (const js of jsFiles) expect({ file: relative(out, js), reads: readFileSync(js, 'utf8').match(reads)?.[0] ?? null }).toEqual({ file: relative(out, js), reads: null });
    }
  });

  it("passes the scanner's cloud rules on the built JavaScript, inline disables ignored", () => {
    const plugin = join(root, 'node_modules/@n8n/eslint-plugin-community-nodes/dist/plugin.js');
    writeFileSync(
      join(out, 'eslint.config.mjs'),
      `import plugin from ${JSON.stringify(plugin)};
export default [{
  files: ['**/*.js'],
  plugins: { community: plugin },
  languageOptions: { sourceType: 'commonjs', ecmaVersion: 'latest' },
  rules: {
    'community/no-restricted-globals': 'error',
    'community/no-restricted-imports': 'error',
    'community/no-dangerous-functions': 'error',
  },
}];
`,
    );
    const report = execFileSync(
      process.execPath,
      [join(root, 'node_modules/eslint/bin/eslint.js'), '--no-inline-config', '-f', 'json', 'dist'],
      { cwd: out, encoding: 'utf8' },
    );
    const results = JSON.parse(report) as Array<{ filePath: string; messages: unknown[] }>;
    expect(results.map((r) => relative(out, r.filePath)).sort()).toEqual([
      'dist/credentials/DistribuApi.credentials.js',
      'dist/nodes/Distribu/Distribu.node.js',
      'dist/nodes/DistribuPollTrigger/DistribuPollTrigger.node.js',
      'dist/nodes/DistribuTrigger/DistribuTrigger.node.js',
      `dist/${RUNTIME_FILE}`,
    ]);
    expect(results.flatMap((r) => r.messages)).toEqual([]);
  });

  it('loads the way n8n loads it (n8n-workflow from NODE_PATH) and describes the same node as the source', () => {
    const script = `
      const { DistribuTrigger } = require(${JSON.stringify(join(out, 'dist/nodes/DistribuTrigger/DistribuTrigger.node.js'))});
      const { DistribuApi } = require(${JSON.stringify(join(out, pkg.n8n.credentials[0]))});
      const n = new DistribuTrigger();
      process.stdout.write(JSON.stringify({ description: n.description, methods: Object.keys(n.webhookMethods.default), webhook: typeof n.webhook, credential: new DistribuApi() }));`;
    const loaded = JSON.parse(
      execFileSync(process.execPath, ['-e', script], {
        cwd: out,
        encoding: 'utf8',
        env: { ...process.env, NODE_PATH: join(root, 'node_modules') },
      }),
    );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const source = require('../../n8n-node/nodes/DistribuTrigger/DistribuTrigger.node');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const credential = require('../../n8n-node/credentials/DistribuApi.credentials');
    expect(loaded.description).toEqual(JSON.parse(JSON.stringify(new source.DistribuTrigger().description)));
    expect(loaded.methods).toEqual(['checkExists', 'create', 'delete']);
    expect(loaded.webhook).toBe('function');
    expect(loaded.credential).toEqual(JSON.parse(JSON.stringify(new credential.DistribuApi())));
  });

  it('loads the Distribu action node the way n8n does, with the catalog from the shared runtime, and it describes the same node as the source', () => {
    const script = `
      const { Distribu } = require(${JSON.stringify(join(out, 'dist/nodes/Distribu/Distribu.node.js'))});
      const n = new Distribu();
      process.stdout.write(JSON.stringify({ description: n.description, listSearch: Object.keys(n.methods.listSearch), execute: typeof n.execute }));`;
    const loaded = JSON.parse(
      execFileSync(process.execPath, ['-e', script], { cwd: out, encoding: 'utf8', env: { ...process.env, NODE_PATH: join(root, 'node_modules') } }),
    );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const source = require('../../n8n-node/nodes/Distribu/Distribu.node');
    expect(loaded.description).toEqual(JSON.parse(JSON.stringify(new source.Distribu().description)));
    expect(loaded.description.usableAsTool).toBe(true);
    expect(loaded.listSearch).toEqual(['searchCustomers', 'searchProducts', 'searchOrders']);
    expect(loaded.execute).toBe('function');
  });

  it('loads the Distribu Polling Trigger the way n8n does: a polling node with the five pollable events', () => {
    const script = `
      const { DistribuPollTrigger } = require(${JSON.stringify(join(out, 'dist/nodes/DistribuPollTrigger/DistribuPollTrigger.node.js'))});
      const n = new DistribuPollTrigger();
      process.stdout.write(JSON.stringify({ description: n.description, poll: typeof n.poll }));`;
    const loaded = JSON.parse(
      execFileSync(process.execPath, ['-e', script], { cwd: out, encoding: 'utf8', env: { ...process.env, NODE_PATH: join(root, 'node_modules') } }),
    );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const source = require('../../n8n-node/nodes/DistribuPollTrigger/DistribuPollTrigger.node');
    expect(loaded.description).toEqual(JSON.parse(JSON.stringify(new source.DistribuPollTrigger().description)));
    expect(loaded.description).toMatchObject({ polling: true, group: ['trigger'], credentials: [{ name: 'distribuApi', required: true }] });
    expect(loaded.description.webhooks).toBeUndefined();
    const eventParam = loaded.description.properties.find((p: { name: string }) => p.name === 'event');
    expect(eventParam.options.map((o: { value: string }) => o.value).sort()).toEqual(
      ['customer.created', 'order.created', 'order.status_changed', 'product.low_stock', 'product.updated'],
    );
    expect(loaded.poll).toBe('function');
  });
});
