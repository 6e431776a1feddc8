// The dist0 Zapier app as `zapier-platform` sees it: its folder (zapier/apps/dist0/, written by `npm run generate`)
// bundled by `npm run build -w zapier -- --app dist0`, loaded through the folder's CommonJS entry as Zapier's
// wrapper loads it, schema-valid, and the CLI's `validate --without-style` passing offline in that folder.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const zapierDir = join(root, 'zapier');
const appDir = join(zapierDir, 'apps', 'dist0');
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const schemaTools = require('zapier-platform-core/src/tools/schema');

beforeAll(() => {
  execFileSync(process.execPath, [tsx, join(zapierDir, 'scripts', 'build.mts'), '--app', 'dist0'], { cwd: zapierDir });
}, 60_000);

test('the built app, loaded through the folder\'s entry, validates and carries New Pain and the seven searches', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const app = require(join(appDir, 'index.js'));
  expect(schemaTools.validateApp(schemaTools.prepareApp(app))).toEqual([]);
  expect(Object.keys(app.triggers)).toEqual(['new_pain']);
  expect(Object.keys(app.searches).sort()).toEqual(['briefs_get', 'contentBriefs_get', 'nextMoves_get', 'pains_get', 'pains_sources', 'posts_get', 'runs_get']);
});

test('zapier-platform validate --without-style passes in the app\'s folder', () => {
  const result = spawnSync(process.execPath, [tsx, join(zapierDir, 'scripts', 'validate.mts'), '--app', 'dist0'], { cwd: zapierDir, encoding: 'utf8', timeout: 240_000 });
  expect({ status: result.status, out: result.stdout }).toEqual({ status: 0, out: expect.stringContaining('No structural errors found') });
}, 240_000);
