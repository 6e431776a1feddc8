// The release workflow (.github/workflows/publish-n8n-node.yml) publishes the package a tag names, from its folder,
// only when the tag's version is the one committed in its package.json.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');

function target(tag: string) {
  const result = spawnSync(process.execPath, [tsx, join(root, 'n8n-node/scripts/release-target.mts'), tag], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const folders = ['n8n-node', ...readdirSync(join(root, 'n8n-node/packages')).map((id) => `n8n-node/packages/${id}`)];
const packages = folders.map((dir) => ({ dir, ...(JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { name: string; version: string }) }));

test.each(packages)('$name@<its version> is published from $dir', ({ dir, name, version }) => {
  expect(target(`${name}@${version}`)).toEqual({ status: 0, stdout: `dir=${dir}\n`, stderr: '' });
});

test('a tag whose version is not the committed one is refused, saying what to bump', () => {
  const { name, version } = packages.find((p) => p.name === 'n8n-nodes-dist0')!;
  const result = target(`${name}@${version}-not-committed`);
  expect(result.status).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).toContain(`${name}'s package.json has version ${version}`);
});

test.each(['n8n-nodes-unknown@1.0.0', 'n8n-nodes-dist0', '@1.0.0'])('%s names no package: refused, listing the packages', (tag) => {
  const result = target(tag);
  expect(result.status).toBe(1);
  expect(result.stdout).toBe('');
  for (const { name } of packages) expect(result.stderr).toContain(name);
});
