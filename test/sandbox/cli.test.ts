import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { call } from './support/http';

// `npm run sandbox` is `tsx sandbox/src/cli.ts`: run the same file the same way (one process,
// tsx as a loader) on a random loopback port, then fire an event at it from a second command.

const ROOT = path.resolve(__dirname, '../..');
const CLI = ['--import', 'tsx', 'sandbox/src/cli.ts'];
let server: ChildProcess;
let url: string;
let key: string;
let output = '';

beforeAll(async () => {
  server = spawn(process.execPath, [...CLI, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  for (let i = 0; i < 300 && !/API key/.test(output); i++) await new Promise((r) => setTimeout(r, 50));
  url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? '';
  key = /(dk_[A-Za-z0-9_-]{43})/.exec(output)?.[1] ?? '';
  expect(url).not.toBe('');
});

afterAll(async () => {
  if (server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
});

test('serves seeded data on 127.0.0.1 and prints a full-scope key', async () => {
  expect(key).toMatch(/^dk_/);
  const products = await call(url, 'GET', '/api/v1/products', { key });
  expect(products.status).toBe(200);
  expect(products.body.data.length).toBeGreaterThan(3);
  const hooks = await call(url, 'GET', '/api/v1/webhooks', { key });
  expect(hooks.status).toBe(200);
});

test('`fire <event> --variant` fires at the running sandbox and prints the result', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [...CLI, 'fire', 'order.created', '--variant', 'storefront', '--url', url], { cwd: ROOT });
  const printed = JSON.parse(stdout);
  expect(printed.fired[0].event).toBe('order.created');
  expect(printed.fired[0].envelope.data.itemCount).toBeGreaterThan(0);
  const orders = await call(url, 'GET', '/api/v1/orders?limit=1', { key });
  expect(orders.body.data[0].id).toBe(printed.fired[0].envelope.data.id);
});

test('request lines are logged without keys or secrets', async () => {
  await call(url, 'POST', '/api/v1/webhooks', { key, body: { url: 'http://127.0.0.1:9/x', events: ['order.created'] } });
  await new Promise((r) => setTimeout(r, 100));
  expect(output).toMatch(/POST \/api\/v1\/webhooks 201/);
  expect(output.split(key).length).toBe(2); // printed once, at start-up
  expect(output).not.toContain('whsec_');
});

test('a bad command exits non-zero with the usage', async () => {
  await expect(promisify(execFile)(process.execPath, [...CLI, 'explode'], { cwd: ROOT })).rejects.toMatchObject({ code: 1 });
});
