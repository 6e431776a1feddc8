// The generated app folder of a provider (zapier/apps/<id>/), bundled as the build script bundles it and
// loaded through its index.js as Zapier's wrapper loads it: Acme's app subscribes through its hooks API.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createAppTester } from 'zapier-platform-core';
import { zapierAppFiles } from '../../scripts/zapier-apps';
import { startAcmeApi, type AcmeApi } from '../kit/support/acme-api';
import { acmeApiHost } from '../hosts/support/acme-host';

const root = join(__dirname, '..', '..');
const dir = join(root, 'zapier/apps/acme');
let files: Record<string, string>;
let api: AcmeApi;

beforeAll(async () => {
  api = await startAcmeApi();
  files = zapierAppFiles(acmeApiHost);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  await build({
    entryPoints: [join(dir, 'app.ts')],
    outfile: join(dir, 'lib', 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['zapier-platform-core'],
    logLevel: 'silent',
    // The test provider lives in the tests; its app is the one subscribed over its hooks API.
    plugins: [
      {
        name: 'acme',
        setup(b) {
          b.onResolve({ filter: /^@distribu\/shared\/providers\/acme$/ }, () => ({ path: 'acme', namespace: 'acme' }));
          b.onLoad({ filter: /.*/, namespace: 'acme' }, () => ({
            contents: `export { acmeApiHost as acmeHost } from ${JSON.stringify(join(__dirname, '../hosts/support/acme-host.ts'))};`,
            resolveDir: __dirname,
            loader: 'ts',
          }));
        },
      },
    ],
  });
}, 60_000);

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  const apps = dirname(dir);
  if (existsSync(apps) && readdirSync(apps).length === 0) rmSync(apps, { recursive: true });
  await api.close();
});

test('the folder holds package.json, index.js and app.ts; the bundle loads through index.js and subscribes', async () => {
  expect(Object.keys(files).sort()).toEqual(['zapier/apps/acme/app.ts', 'zapier/apps/acme/index.js', 'zapier/apps/acme/package.json']);
  expect(JSON.parse(files['zapier/apps/acme/package.json']!)).toMatchObject({ name: 'acme-zapier', main: 'index.js', dependencies: { 'zapier-platform-core': '19.1.0' } });
  const app = require(join(dir, 'index.js'));
  expect(Object.keys(app.triggers).sort()).toEqual(['thing_gone', 'thing_made']);
  const appTester = createAppTester(app);
  const subscribed = await appTester(app.triggers.thing_gone.operation.performSubscribe, {
    authData: { apiKey: 'acme_sk_test', baseUrl: api.url },
    targetUrl: 'https://hooks.zapier.example/hooks/1/',
  } as never);
  expect(api.hooks).toEqual([expect.objectContaining({ id: (subscribed as { id: string }).id, events: ['thing.gone'] })]);
});
