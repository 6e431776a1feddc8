// `npm run zip`: builds build/build.zip offline, the way `zapier-platform build` does in a fresh
// directory. The CLI's own temp-dir build runs `npm install --production` (network), and with
// --skip-dep-install inside this npm workspace the dependencies live in the repo root, where the
// .zapierapprc `includeInBuild` patterns cannot reach them. So: stage index.js, lib/ and the
// exact production dependency tree from the workspace's node_modules in a temp dir, then run
// `zapier-platform build --skip-dep-install --skip-validation` there (validation runs separately:
// `npm run validate`). The CLI's smoke test of the zip (node zapierwrapper.js, node index.js) runs.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { zapierDir as here } from './build-options.mjs';
import { runZapierCli } from './zapier-cli.mjs';

const root = join(here, '..');

await import('./build.mjs');

const stage = mkdtempSync(join(tmpdir(), 'distribu-zapier-'));
try {
  const pkg = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
  delete pkg.devDependencies;
  delete pkg.scripts; // lib/ is already built; the CLI must not rebuild in the stage
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  for (const name of ['index.js', 'lib', 'src', '.zapierapprc']) cpSync(join(here, name), join(stage, name), { recursive: true });
  // source.zip honours .gitignore: keep the installed dependencies out of it.
  writeFileSync(join(stage, '.gitignore'), 'node_modules/\nbuild/\n');

  // The production dependency tree exactly as installed (and tested) in the workspace.
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const listed = execFileSync(npm, ['ls', '--all', '--omit=dev', '--parseable', '-w', 'zapier'], { cwd: root, encoding: 'utf8' });
  for (const dir of listed.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const rel = relative(root, dir);
    if (!rel.startsWith('node_modules')) continue;
    mkdirSync(dirname(join(stage, rel)), { recursive: true });
    cpSync(dir, join(stage, rel), { recursive: true, dereference: true, filter: (src) => !src.includes(`${dir}/node_modules`) });
  }

  const result = runZapierCli(['build', '--skip-dep-install', '--skip-validation'], stage);
  process.stdout.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? '');
  if (result.status !== 0) throw new Error(`zapier-platform build failed (exit ${result.status})`);
  mkdirSync(join(here, 'build'), { recursive: true });
  for (const zip of ['build.zip', 'source.zip']) cpSync(join(stage, 'build', zip), join(here, 'build', zip));
  console.log(`Wrote ${join('zapier', 'build', 'build.zip')} and source.zip`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
