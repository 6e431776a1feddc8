// The answer record a restart test relies on (scripts/n8n/answer-log.cjs, preloaded with `node --require`): a real
// HTTP server in its own Node process, with a SIGTERM handler that keeps serving open connections for a moment, as
// n8n's does. Each answer to a numbered request is on record, with the PID and `serving` / `stopping`, by the time the
// sender has it; unnumbered requests are not recorded.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { ANSWER_ID_HEADER, ANSWER_LOG_ENV, ANSWER_LOG_PRELOAD, readAnswers } from '../../scripts/n8n/answers';

const SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => { req.resume(); req.on('end', () => res.writeHead(req.url === '/missing' ? 404 : 200).end('ok')); });
// Like n8n: on SIGTERM stop listening, keep serving the connections already open, exit a little later.
process.once('SIGTERM', () => { server.close(); setTimeout(() => process.exit(0), 1500); });
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

let dir: string;
let child: ChildProcess;
let port: number;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** A POST whose body is finished only when `finish` resolves (so it can be in flight across a SIGTERM). */
function post(pathName: string, id?: number, finish: Promise<unknown> = Promise.resolve()): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathName, method: 'POST', agent, headers: id === undefined ? {} : { [ANSWER_ID_HEADER]: String(id) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.write('{');
    void finish.then(() => req.end('}'));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'distribu-answer-log-'));
  child = spawn(process.execPath, ['--require', ANSWER_LOG_PRELOAD, '-e', SERVER], {
    env: { ...process.env, [ANSWER_LOG_ENV]: path.join(dir, 'answers.log') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  port = await new Promise<number>((resolve) => child.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))));
});

afterAll(() => {
  agent.destroy();
  child?.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('records who answered each numbered request, and whether its shutdown had begun, before the answer arrives', async () => {
  const file = path.join(dir, 'answers.log');
  expect(await post('/', 1)).toBe(200);
  expect(readAnswers(file)).toEqual([{ pid: child.pid, stopping: false, status: 200, request: 1 }]);
  expect(await post('/missing', 2)).toBe(404);
  expect(await post('/')).toBe(200); // no number: not recorded
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // A request in flight when SIGTERM comes is still answered, after the shutdown began.
  const inFlight = post('/', 3, sleep(600));
  await sleep(200);
  child.kill('SIGTERM');
  expect(await inFlight).toBe(200);
  expect(readAnswers(file)).toEqual([
    { pid: child.pid, stopping: false, status: 200, request: 1 },
    { pid: child.pid, stopping: false, status: 404, request: 2 },
    { pid: child.pid, stopping: true, status: 200, request: 3 },
  ]);
  await exited;
});
