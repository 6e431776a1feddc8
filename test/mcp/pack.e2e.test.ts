// The published package as a user gets it: `npm pack` on a copy of the repository without dist/
// (prepack builds), the tarball installed into an empty project, its `distribu-mcp` bin run over
// stdio by the SDK's client against the sandbox. The real mcp/dist of a parallel build is never touched.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER_VERSION, tools } from '../../mcp/src';
import { startSandbox, type Sandbox } from '../../sandbox/src';
import { repoRoot, stdioClient } from './support/processes';

jest.setTimeout(240_000);

let work: string;
let sb: Sandbox;

function npm(args: string[], cwd: string) {
  // jest's environment would otherwise reach npm (npm_config_* from `npm test`).
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  const result = spawnSync('npm', args, { cwd, encoding: 'utf8', env, timeout: 200_000 });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${result.status}): ${result.stdout}${result.stderr}`);
  return result.stdout;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'distribu-mcp-pack-'));
  sb = await startSandbox({ port: 0, seed: true });
});
afterAll(async () => {
  await sb?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('npm pack builds dist/ and packs the bin; the installed bin serves every tool over stdio', async () => {
  const clone = join(work, 'clone');
  for (const file of ['package.json', '.npmrc']) cpSync(join(repoRoot, file), join(clone, file));
  cpSync(join(repoRoot, 'mcp'), join(clone, 'mcp'), { recursive: true, filter: (src) => !/[\\/]mcp[\\/](dist|node_modules)$/.test(src) && !src.endsWith('.tgz') });
  symlinkSync(join(repoRoot, 'node_modules'), join(clone, 'node_modules'), 'dir');
  expect(existsSync(join(clone, 'mcp', 'dist'))).toBe(false);

  const out = npm(['pack', '--json', '--loglevel=error', '--pack-destination', work], join(clone, 'mcp'));
  const [packed] = JSON.parse(out.slice(out.search(/^\[/m))) as Array<{ filename: string; size: number; files: Array<{ path: string; mode: number }> }>;
  expect(packed!.files.map((f) => f.path).sort()).toEqual(['README.md', 'dist/cli.js', 'dist/index.js', 'package.json']);
  expect(packed!.files.find((f) => f.path === 'dist/cli.js')!.mode & 0o111).not.toBe(0);
  const manifest = JSON.parse(readFileSync(join(clone, 'mcp', 'package.json'), 'utf8'));
  expect(manifest.version).toBe(SERVER_VERSION);
  expect(Object.keys(manifest.dependencies)).toEqual(['@modelcontextprotocol/sdk']);

  const app = join(work, 'app');
  cpSync(join(repoRoot, '.npmrc'), join(app, '.npmrc'));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
  npm(['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', join(work, packed!.filename)], app);
  const bin = join(app, 'node_modules', '.bin', 'distribu-mcp');
  expect(spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim()).toBe(SERVER_VERSION);

  const { client, stderr } = await stdioClient({ command: bin, args: [] }, { DISTRIBU_API_KEY: sb.apiKey, DISTRIBU_BASE_URL: sb.url });
  try {
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(tools.map((t) => t.name));
    const result = await client.callTool({ name: 'product_get_all', arguments: { limit: 2 } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ records: [{ id: expect.any(String) }, { id: expect.any(String) }], hasMore: true });
  } finally {
    await client.close();
  }
  expect(stderr()).toBe('');
});
