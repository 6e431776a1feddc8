// zapier-platform-core's local schema validation, the CLI's `validate --without-style` and an
// offline `zapier-platform build` whose own smoke test (node zapierwrapper.js, node index.js)
// must pass. The CLI needs Node >= 22 (the repo's Node 24 runs jest). The zip build takes ~30 s.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from './app-tester';

const zapierDir = join(__dirname, '..', '..', 'zapier');
const tsx = join(__dirname, '..', '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const schemaTools = require('zapier-platform-core/src/tools/schema');

/** Runs one of zapier/scripts/*.mts the way `npm run <script> -w zapier` does (tsx). */
function node(script: string) {
  return spawnSync(process.execPath, [tsx, join(zapierDir, 'scripts', script)], { cwd: zapierDir, encoding: 'utf8', timeout: 240_000 });
}

beforeAll(() => {
  execFileSync(process.execPath, [tsx, join(zapierDir, 'scripts', 'build.mts')], { cwd: zapierDir });
}, 60_000);

describe('local validation through zapier-platform-core', () => {
  test('the TypeScript source validates with 0 errors', () => {
    expect(schemaTools.validateApp(schemaTools.prepareApp(App))).toEqual([]);
  });

  test('the bundled lib/index.js (what ships) validates with 0 errors and carries all 12 triggers', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const built = require(join(zapierDir, 'index.js'));
    expect(schemaTools.validateApp(schemaTools.prepareApp(built))).toEqual([]);
    expect(Object.keys(built.triggers)).toEqual(Object.keys(App.triggers as object));
    expect(built.platformVersion).toBe(require('zapier-platform-core').version);
  });

  test('lib/index.js needs only zapier-platform-core and node:crypto at run time (no zod, no workspace package)', () => {
    const source = require('node:fs').readFileSync(join(zapierDir, 'lib', 'index.js'), 'utf8') as string;
    const required = new Set([...source.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
    expect([...required].sort()).toEqual(['node:crypto', 'zapier-platform-core']);
    expect(source).not.toMatch(/\bzod\b/);
  });

  test('the validator does catch a broken definition (the check can fail)', () => {
    const broken = { ...App, triggers: { ...(App.triggers as object), wrong_key: { ...(App.triggers as any).order_created } } };
    expect(schemaTools.validateApp(schemaTools.prepareApp(broken)).length).toBeGreaterThan(0);
  });
});

describe('zapier-platform CLI, offline', () => {
  test('validate --without-style passes', () => {
    const result = node('validate.mts');
    expect(result.stderr + result.stdout).toContain('This project is structurally sound!');
    expect(result.status).toBe(0);
  }, 120_000);

  test('build (--skip-dep-install --skip-validation, staged) writes build.zip and its smoke test passes', () => {
    const zip = join(zapierDir, 'build', 'build.zip');
    rmSync(zip, { force: true });
    const result = node('build-zip.mts');
    const output = result.stdout + result.stderr;
    expect(output).toContain('Testing build');
    expect(result.status).toBe(0);
    expect(existsSync(zip)).toBe(true);
    const listing = spawnSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).stdout.split('\n');
    for (const f of ['index.js', 'lib/index.js', 'zapierwrapper.js', 'definition.json', 'node_modules/zapier-platform-core/index.js']) {
      expect(listing).toContain(f);
    }
    // The shared runtime is bundled: no workspace package ships.
    expect(listing.some((f) => f.includes('@distribu') || f.startsWith('shared/'))).toBe(false);
    // And the zip runs on its own: load it from a fresh directory.
    const dir = mkdtempSync(join(tmpdir(), 'zip-check-'));
    try {
      execFileSync('unzip', ['-q', zip, '-d', dir]);
      const loaded = execFileSync(process.execPath, ['-e', "const a=require('./index.js');console.log(Object.values(a.triggers).filter((t)=>!t.display.hidden).length)"], { cwd: dir, encoding: 'utf8' });
      expect(loaded.trim()).toBe('12');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(statSync(zip).size).toBeLessThan(5 * 1024 * 1024);
  }, 240_000);
});

describe('the bundled lib/index.js (what ships) against the sandbox', () => {
  test('every trigger subscribes, verifies a real delivery, maps errors and unsubscribes', async () => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { createAppTester } = require('zapier-platform-core');
    const { startSandbox } = require('../../sandbox/src');
    const { startCatcher } = require('../../scripts/zapier/catcher');
    const { hookBundle } = require('../../scripts/zapier/bundle');
    const built = require(join(zapierDir, 'index.js'));
    /* eslint-enable @typescript-eslint/no-require-imports */
    const tester = createAppTester(built);
    const sb = await startSandbox({ port: 0, seed: true });
    const catcher = await startCatcher();
    try {
      const authData = { apiKey: sb.apiKey, baseUrl: sb.url };
      for (const [key, t] of Object.entries<any>(built.triggers).filter(([, t]) => !t.display.hidden)) {
        const op = t.operation;
        const path = `/built/${key}`;
        const subscribeData = await tester(op.performSubscribe, { authData, targetUrl: `${catcher.url}${path}` });
        await fetch(`${sb.url}/_sandbox/events/${op.sample.event}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
        const [delivery] = catcher.at(path);
        const items = await tester(op.perform, hookBundle(delivery, subscribeData, { authData }));
        expect(items).toHaveLength(1);
        expect(items[0].event).toBe(op.sample.event);
        const forged = { ...delivery, headers: { ...delivery.headers, 'x-webhook-signature': '0'.repeat(64) } };
        expect(await tester(op.perform, hookBundle(forged, subscribeData, { authData }))).toEqual([]);
        expect(await tester(op.performUnsubscribe, { authData, subscribeData })).toEqual({ id: subscribeData.id, deleted: true });
      }
      const error = await tester(built.triggers.order_created.operation.performSubscribe, {
        authData: { ...authData, apiKey: 'dk_wrong' },
        targetUrl: `${catcher.url}/x`,
      }).catch((e: Error) => e);
      expect(JSON.parse(error.message)).toMatchObject({ code: 'AuthenticationError', status: 401 });
    } finally {
      await catcher.close();
      await sb.close();
    }
  }, 60_000);
});
