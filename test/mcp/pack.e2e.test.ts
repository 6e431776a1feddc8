// The published package as a user gets it: `npm pack` on a copy of the repository without dist/
// (prepack builds), the tarball installed into an empty project, its `distribu-mcp` bin run over
// stdio by the SDK's client against the sandbox. The real mcp/dist of a parallel build is never touched.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER_VERSION, tools } from '../../mcp/src';
import { startSandbox, type Sandbox } from '../../sandbox/src';
import { cloneMcp, installTarballs, pack } from './support/pack';
import { stdioClient } from './support/processes';

jest.setTimeout(240_000);

let work: string;
let sb: Sandbox;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'distribu-mcp-pack-'));
  sb = await startSandbox({ port: 0, seed: true });
});
afterAll(async () => {
  await sb?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('npm pack builds dist/ and packs the bin; the installed bin serves every tool over stdio', async () => {
  const clone = cloneMcp(work);
  expect(existsSync(join(clone, 'mcp', 'dist'))).toBe(false);

  const packed = pack(join(clone, 'mcp'), work);
  expect(packed.files.map((f) => f.path).sort()).toEqual(['README.md', 'dist/cli.js', 'dist/index.js', 'package.json']);
  expect(packed.files.find((f) => f.path === 'dist/cli.js')!.mode & 0o111).not.toBe(0);
  const manifest = JSON.parse(readFileSync(join(clone, 'mcp', 'package.json'), 'utf8'));
  expect(manifest.version).toBe(SERVER_VERSION);
  expect(Object.keys(manifest.dependencies)).toEqual(['@modelcontextprotocol/sdk']);

  const app = installTarballs(work, [join(work, packed.filename)]);
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
