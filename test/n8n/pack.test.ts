// Packing or publishing n8n-nodes-distribu (or another provider's n8n package) from a fresh clone (no dist/) must
// build first or refuse. Run on a copy of the repository's root package.json and .npmrc plus n8n-node/ without
// dist/ (the installed node_modules linked in), with whichever npm is on the PATH, so the real
// dist/ of a parallel build is never touched.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

jest.setTimeout(120_000);

const root = join(__dirname, '..', '..');
let clone: string;
let pkgDir: string;

function npm(args: string[], cwd = pkgDir) {
  // jest's environment would otherwise reach npm (e.g. npm_config_* from `npm test`); npm reads its config as a shell would.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  const result = spawnSync('npm', args, { cwd, encoding: 'utf8', env, timeout: 100_000 });
  return { status: result.status, stdout: result.stdout, output: `${result.stdout}${result.stderr}` };
}

beforeAll(() => {
  clone = mkdtempSync(join(tmpdir(), 'distribu-pack-'));
  for (const file of ['package.json', '.npmrc']) cpSync(join(root, file), join(clone, file));
  cpSync(join(root, 'n8n-node'), join(clone, 'n8n-node'), {
    recursive: true,
    filter: (src) => !/[\\/]n8n-node[\\/](packages[\\/][^\\/]+[\\/])?(dist|node_modules)$/.test(src) && !src.endsWith('.tgz'),
  });
  symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'), 'dir');
  pkgDir = join(clone, 'n8n-node');
});

afterAll(() => {
  if (clone) rmSync(clone, { recursive: true, force: true });
});

/** The package's size on disk once installed, at most (the goal of one shared runtime module: 300 KiB). */
const MAX_UNPACKED_BYTES = 300 * 1024;

test('npm pack builds dist/ first, and prints nothing but its JSON on stdout', () => {
  expect(existsSync(join(pkgDir, 'dist'))).toBe(false);
  const { status, stdout, output } = npm(['pack', '--dry-run', '--json', '--loglevel=error']);
  expect({ status, output: status === 0 ? '' : output }).toEqual({ status: 0, output: '' });
  // prepack's build ran (its log is on stderr), and stdout parses as JSON from its first byte to its last.
  expect(output).toMatch(/^built the shared runtime and \d+ entry points/m);
  const [packed] = JSON.parse(stdout) as Array<{ unpackedSize: number; files: Array<{ path: string }> }>;
  expect(packed!.unpackedSize).toBeLessThanOrEqual(MAX_UNPACKED_BYTES);
  const files = packed!.files.map((f) => f.path).sort();
  expect(files).toEqual(
    expect.arrayContaining([
      'dist/credentials/DistribuApi.credentials.js',
      'dist/nodes/DistribuTrigger/DistribuTrigger.node.js',
      'dist/nodes/DistribuTrigger/DistribuTrigger.node.json',
      'dist/nodes/DistribuTrigger/__schema__/v2.0.0/output.json',
      'dist/icons/distribu.svg',
      'dist/shared/runtime.js',
      'package.json',
    ]),
  );
});

test('npm publish refuses, and says how to release', () => {
  rmSync(join(pkgDir, 'dist'), { recursive: true, force: true });
  const { status, output } = npm(['publish', '--dry-run']);
  expect(status).not.toBe(0);
  expect(output).toContain('git tag n8n-nodes-distribu@<version>');
  expect(output).toContain('.github/workflows/publish-n8n-node.yml');
});

/** Every other provider's generated package (n8n-node/packages/<id>/): the same two promises. */
const providerIds = readdirSync(join(root, 'n8n-node', 'packages'));

test.each(providerIds)('%s: npm pack builds dist/ first, with every node the package names', (id) => {
  const dir = join(pkgDir, 'packages', id);
  expect(existsSync(join(dir, 'dist'))).toBe(false);
  const { status, stdout, output } = npm(['pack', '--dry-run', '--json', '--loglevel=error'], dir);
  expect({ status, output: status === 0 ? '' : output }).toEqual({ status: 0, output: '' });
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
  const [packed] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
  expect(packed!.files.map((f) => f.path)).toEqual(expect.arrayContaining([...manifest.n8n.nodes, ...manifest.n8n.credentials, 'dist/shared/runtime.js', 'package.json']));
});

test.each(providerIds)('%s: npm publish refuses, and says how to release it', (id) => {
  const dir = join(pkgDir, 'packages', id);
  const { name } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string };
  const { status, output } = npm(['publish', '--dry-run'], dir);
  expect(status).not.toBe(0);
  expect(output).toContain(`git tag ${name}@<version>`);
  expect(output).toContain('.github/workflows/publish-n8n-node.yml');
});
