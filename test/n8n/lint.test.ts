import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// n8n's own linter, strict and with cloud support on, is a condition of verification: it must
// report nothing (it exits non-zero on any problem).
describe('n8n-node lint', () => {
  it.each([
    ['n8n-nodes-distribu', 'n8n-node'],
    ['n8n-nodes-dist0 (generated)', 'n8n-node/packages/dist0'],
  ])('reports 0 problems on %s', (_name, dir) => {
    const root = path.join(__dirname, '..', '..');
    // jest sets NODE_ENV=test, which switches eslint-plugin-n8n-nodes-base's filename rule to its
    // own test-fixture mode: lint as a developer's shell would.
    const { NODE_ENV: _jest, ...env } = process.env;
    const result = spawnSync(path.join(root, 'node_modules', '.bin', 'n8n-node'), ['lint'], {
      cwd: path.join(root, dir),
      encoding: 'utf8',
      env,
      timeout: 180_000,
    });
    const output = `${result.stdout}${result.stderr}`;
    expect({ status: result.status, problems: output.match(/\d+ problems?.*/)?.[0] ?? null }).toEqual({ status: 0, problems: null });
  }, 200_000);

  // Every other provider's generated package (n8n-node/packages/<id>/) is linted the same way, in its own folder.
  const packages = fs.readdirSync(path.join(__dirname, '..', '..', 'n8n-node', 'packages')).sort();
  it.each(packages)('reports 0 problems on n8n-node/packages/%s', (id) => {
    const root = path.join(__dirname, '..', '..');
    const { NODE_ENV: _jest, ...env } = process.env;
    const result = spawnSync(path.join(root, 'node_modules', '.bin', 'n8n-node'), ['lint'], { cwd: path.join(root, 'n8n-node', 'packages', id), encoding: 'utf8', env, timeout: 180_000 });
    const output = `${result.stdout}${result.stderr}`;
    expect({ status: result.status, problems: output.match(/\d+ problems?.*/)?.[0] ?? null }).toEqual({ status: 0, problems: null });
  }, 200_000);
});
