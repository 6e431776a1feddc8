// The generated Orisha Commerce app folder (zapier/apps/orisha/) built as `npm run build -w zapier -- --app orisha`
// builds it, then the zapier-platform CLI's own `validate --without-style` on it, offline (Node >= 22: the repo's 24).
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const zapierDir = join(__dirname, '..', '..', 'zapier');
const tsx = join(__dirname, '..', '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');

test('the built Orisha Commerce app passes the CLI validation, and its bundle loads through index.js', () => {
  execFileSync(process.execPath, [tsx, join(zapierDir, 'scripts', 'build.mts'), '--app', 'orisha'], { cwd: zapierDir });
  // zapier/scripts/zapier-cli.mts runs the CLI offline (jest cannot load .mts itself: tsx does).
  const run = `import { runZapierCli } from ${JSON.stringify(join(zapierDir, 'scripts', 'zapier-cli.mts'))};
const r = runZapierCli(['validate', '--without-style'], ${JSON.stringify(join(zapierDir, 'apps', 'orisha'))});
process.stdout.write(r.stdout ?? ''); process.exit(r.status ?? 1);`;
  const result = spawnSync(process.execPath, [tsx, '--eval', run], { cwd: zapierDir, encoding: 'utf8', timeout: 200_000 });
  expect({ status: result.status, out: result.stdout }).toEqual({ status: 0, out: expect.stringContaining('No structural errors found') });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const built = require(join(zapierDir, 'apps', 'orisha', 'index.js'));
  expect(Object.keys(built.triggers).sort()).toEqual(['customer_created', 'customer_updated', 'item_created', 'new_event']);
  expect(built.authentication.type).toBe('session');
}, 240_000);
