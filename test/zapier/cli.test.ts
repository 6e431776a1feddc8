// zapier-platform-core's local schema validation, the CLI's `validate --without-style` and the
// real `zapier-platform build` (the path `push` takes: temp copy, `npm install --production`),
// offline, whose own smoke test (node zapierwrapper.js, node index.js) must pass; then the built
// zip runs a trigger against the sandbox. The CLI needs Node >= 22 (the repo's Node 24 runs jest).
// The build takes ~10-30 s.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from './support/app-tester';

const zapierDir = join(__dirname, '..', '..', 'zapier');
const tsx = join(__dirname, '..', '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const schemaTools = require('zapier-platform-core/src/tools/schema');

const execFileAsync = promisify(execFile);

function unzipList(zip: string): string[] {
  return spawnSync('unzip', ['-Z1', zip], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }).stdout.split('\n').filter(Boolean);
}

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

  test('the real build (temp copy, npm install --production from the lock, offline) writes both zips and its smoke test passes', () => {
    const zip = join(zapierDir, 'build', 'build.zip');
    const sourceZip = join(zapierDir, 'build', 'source.zip');
    rmSync(zip, { force: true });
    rmSync(sourceZip, { force: true });
    const result = node('build-zip.mts');
    const output = result.stdout + result.stderr;
    // The CLI's default path, step by step (not --skip-dep-install), ending with its own smoke test.
    for (const step of ['Running _zapier-build script', 'Copying project to temp directory', 'Installing project dependencies using npm', 'Testing build', 'Build complete!']) {
      expect(output).toContain(step);
    }
    expect(output).not.toContain('There is no .gitignore');
    expect(result.status).toBe(0);
    const listing = unzipList(zip);
    for (const f of ['index.js', 'lib/index.js', 'zapierwrapper.js', 'definition.json', 'node_modules/zapier-platform-core/index.js']) {
      expect(listing).toContain(f);
    }
    // The shared runtime is bundled: no workspace package ships.
    expect(listing.some((f) => f.includes('@distribu') || f.startsWith('shared/'))).toBe(false);
    // npm installed exactly the locked (tested) version.
    const zipped = JSON.parse(execFileSync('unzip', ['-p', zip, 'node_modules/zapier-platform-core/package.json'], { encoding: 'utf8' }));
    expect(zipped.version).toBe(require('zapier-platform-core').version);
    expect(statSync(zip).size).toBeLessThan(5 * 1024 * 1024);
  }, 240_000);

  test('source.zip holds what a reviewer needs and no dependencies: the sources, the bundle and its source map with the shared runtime', () => {
    const listing = unzipList(join(zapierDir, 'build', 'source.zip'));
    for (const f of ['package.json', 'package-lock.json', '.gitignore', '.zapierapprc', 'README.md', 'index.js', 'src/index.ts', 'src/provider/hook-perform.ts', 'lib/index.js', 'lib/index.js.map']) {
      expect(listing).toContain(f);
    }
    expect(listing.filter((f) => f.startsWith('node_modules/') || f.startsWith('build/'))).toEqual([]);
    const map = JSON.parse(execFileSync('unzip', ['-p', join(zapierDir, 'build', 'source.zip'), 'lib/index.js.map'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
    expect((map.sources as string[]).some((s) => /runtime\/signature\.ts$/.test(s))).toBe(true);
    // Distribu's verify delegates to the provider kit's verifier, whose source shows the constant-time compare.
    const verify = (map.sources as string[]).findIndex((s) => /kit\/inbound\/verify\.ts$/.test(s));
    expect(verify).toBeGreaterThanOrEqual(0);
    expect(map.sourcesContent[verify]).toContain('timingSafeEqual');
  });

  test('smoke test of the built zip: Zapier\'s wrapper runs a trigger against the sandbox with the zip\'s own core', async () => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { startSandbox } = require('../../sandbox/src');
    const { SandboxClient } = require('../../sandbox/src/client');
    /* eslint-enable @typescript-eslint/no-require-imports */
    const dir = mkdtempSync(join(tmpdir(), 'zip-check-'));
    const sb = await startSandbox({ port: 0, seed: true });
    try {
      execFileSync('unzip', ['-q', join(zapierDir, 'build', 'build.zip'), '-d', dir]);
      // What Zapier's Lambda does: the zip's zapierwrapper.js handler, one `execute` event.
      const script = `
        const event = { command: 'execute', method: 'triggers.order_created.operation.performList', calledFromCli: true,
          bundle: { authData: { apiKey: process.env.KEY, baseUrl: process.env.BASE }, inputData: {}, meta: { limit: 3 } } };
        require('./zapierwrapper.js').handler(event).then((r) => console.log(JSON.stringify(r.results)), (e) => { console.error(e.message); process.exit(1); });`;
      const { stdout } = await execFileAsync(process.execPath, ['-e', script], { cwd: dir, env: { PATH: process.env.PATH, KEY: sb.apiKey, BASE: sb.url }, timeout: 30_000 });
      const items = JSON.parse(stdout.trim().split('\n').pop()!);
      const orders = (await new SandboxClient(sb.url, sb.apiKey).api('GET', '/orders?limit=100')).data as Array<{ id: string }>;
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        expect(item).toMatchObject({ event: 'order.created', id: expect.stringMatching(/^evt_/) });
        expect(orders.map((o) => o.id)).toContain(item.orderId);
      }
    } finally {
      await sb.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the bundled lib/index.js (what ships) against the sandbox', () => {
  test('every trigger subscribes, verifies a real delivery, maps errors and unsubscribes', async () => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { createAppTester } = require('zapier-platform-core');
    const { startSandbox } = require('../../sandbox/src');
    const { startCatcher } = require('../../scripts/catcher');
    const { hookBundle } = require('../../scripts/zapier/bundle');
    const built = require(join(zapierDir, 'index.js'));
    /* eslint-enable @typescript-eslint/no-require-imports */
    const tester = createAppTester(built);
    const sb = await startSandbox({ port: 0, seed: true });
    const catcher = await startCatcher();
    try {
      const authData = { apiKey: sb.apiKey, baseUrl: sb.url };
      // The REST hook triggers; the hidden polling ones only feed the actions' dropdowns.
      const hooks = Object.entries<any>(built.triggers).filter(([, t]) => t.operation.type === 'hook');
      expect(hooks).toHaveLength(12);
      for (const [key, t] of hooks) {
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
