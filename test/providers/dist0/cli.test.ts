// `npm run sandbox -- --provider dist0` is `tsx sandbox/src/cli.ts --provider dist0`: run the same file
// the same way on a random loopback port, then use the printed key and controls: a signal found on demand
// reaches a receiver, signed, and the read API answers with the key (403 without it).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { startReceiver, type Receiver } from './support/receiver';

const ROOT = path.resolve(__dirname, '../../..');
let server: ChildProcess;
let receiver: Receiver;
let url = '';
let key = '';
let output = '';

beforeAll(async () => {
  receiver = await startReceiver();
  server = spawn(process.execPath, ['--import', 'tsx', 'sandbox/src/cli.ts', '--provider', 'dist0', '--port', '0', '--fast-retries'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  for (let i = 0; i < 400 && !/Find a signal/.test(output); i++) await new Promise((r) => setTimeout(r, 50));
  url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? '';
  key = /(d0k_[A-Za-z0-9_-]+)/.exec(output)?.[1] ?? '';
  expect([url, key]).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), expect.stringMatching(/^d0k_/)]);
});

afterAll(async () => {
  if (server?.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  await receiver?.close();
});

const json = async (method: string, path: string, body?: unknown, auth?: string) => {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as any };
};

test('the printed key reads the docs\' example project; no key gets 403', async () => {
  const pains = await json('POST', '/api/v1/invoke', { capability: 'pains.list', input: { pageSize: 5 } }, key);
  expect([pains.status, pains.body.data.items.length]).toEqual([200, 3]);
  expect((await json('POST', '/api/v1/invoke', { capability: 'pains.list' })).status).toBe(403);
});

test('a signal found through the controls reaches the pasted URL, signed as dist0\'s docs say', async () => {
  const hook = await json('PUT', '/_sandbox/projects/prj_9f2a/webhook', { url: receiver.url, enabled: true });
  const made = await json('POST', '/_sandbox/signals', { projectId: 'prj_9f2a', kind: 'pain' });
  await json('POST', '/_sandbox/idle');
  expect(made.body.sent).toBe(true);
  const [send] = receiver.received;
  const ts = String(send!.headers['x-dist0-timestamp']);
  expect(send!.headers['x-dist0-signature']).toBe('v0=' + createHmac('sha256', hook.body.signingSecret).update(`v0:${ts}:${send!.raw.toString('utf8')}`).digest('hex'));
  expect(JSON.parse(send!.raw.toString('utf8')).signal.id).toBe(made.body.signal.id);
  expect(output.split(key).length).toBe(2); // the key is printed once, at start-up
  expect(output).not.toContain(hook.body.signingSecret);
});
