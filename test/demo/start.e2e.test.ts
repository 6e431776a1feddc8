import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { events } from '@distribu/shared/runtime';
import { freePort } from '../../scripts/n8n/instance';
import { leftBehind } from './support/processes';
import { Terminal } from './support/terminal';

// `npm start` is the README's first command: run it as a newcomer would and read what it prints. --once exits after
// the tables and the clean-up; without it the demo waits for Ctrl-C, typed here into a real pseudo-terminal.
const root = path.join(__dirname, '..', '..');
// What a person's shell has: no jest settings.
const { NODE_ENV: _jest, ...shellEnv } = process.env;

function runDemo(args: string[], timeoutMs: number): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['start', '--', ...args], { cwd: root, env: { ...shellEnv, FORCE_COLOR: '0' } });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`the demo did not finish in ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

function expectAllVerified(out: string, connectors: number, cleanedUp = true) {
  for (const event of events) {
    const row = out.split('\n').find((line) => line.startsWith(`${event.name} `));
    expect([event.name, row]).toEqual([event.name, expect.stringContaining('✔')]);
    // "✔ n/n" for Zapier, and "· n/n" for n8n when it runs: every fired delivery verified.
    const counts = [...row!.matchAll(/(\d+)\/(\d+)/g)];
    expect(counts).toHaveLength(connectors);
    for (const [, verified, fired] of counts) expect([event.name, verified]).toEqual([event.name, fired]);
  }
  if (cleanedUp) expect(out).toContain('Webhooks left on the sandbox Distribu: 0');
}

/** The write side's table: each action's row marked done, and the n8n rows only when n8n runs. */
function expectActionsDone(out: string, withN8n: boolean) {
  const actions = [
    'Find or Create Customer',
    'Find or Create Customer, again',
    'Find Product (by SKU) ×2',
    'Create Order (2 line items)',
    'Update Order Status → Confirmed',
    'Update Order Status → Shipped (UPS)',
    'Find Order',
    'Update Order Status → Cancelled',
    ...(withN8n ? ['Trigger: order.created → Get Customer'] : []),
  ];
  const rows = out.split('\n').filter((line) => /^[✔✘] /.test(line));
  for (const action of actions) {
    const row = rows.find((line) => line.includes(`  ${action}  `) || line.endsWith(`  ${action}`));
    expect([action, row]).toEqual([action, expect.stringMatching(/^✔ /)]);
  }
  const confirmRow = rows.find((line) => line.includes('Update Order Status → Confirmed'));
  expect(confirmRow).toContain(withN8n ? ' n8n ' : ' Zapier ');
  expect(out).toMatch(/refused: [^]*?SHIPPED\s+to\s+CANCELLED/);
  expect(out).toContain('the refused one changed nothing');
}

/** A 120-column terminal shows every line unwrapped (tables included), and each section ends with its summary line. */
function expectReadable(out: string, withN8n: boolean) {
  const wide = out.split('\n').filter((line) => [...line].length > 120);
  expect(wide).toEqual([]);
  expect(out).toMatch(/^All \d+ deliveries verified by /m);
  expect(out).toMatch(/^All \d+ actions did what they say/m);
  if (withN8n) expect(out).toMatch(/^Both orders n8n missed while it was down reached the workflow once each: nothing was lost\.$/m);
}

describe('npm start', () => {
  it('runs the whole loop for the Zapier app alone with --no-n8n, then leaves no webhook', async () => {
    const { code, out } = await runDemo(['--once', '--no-n8n', '--port', String(await freePort())], 120_000);
    expect(out).toContain('Zapier: 12 triggers subscribed');
    expectAllVerified(out, 1);
    expect(out).toContain('verified by the Zapier app');
    expect(out).toMatch(/^Orisha Commerce: full records in Zapier, a duplicate run once, the cap explained\.$/m);
    expect(out).toContain('Orisha Commerce: 1 Zap unsubscribed; webhooks left on the sandbox Orisha Commerce: 0');
    expectActionsDone(out, false);
    expectReadable(out, false);
    expect(out).toMatch(/^✔ +Zapier +dist0 app: New Pain \(polling\) +next poll: 1 new of 4 listed/m);
    expect(out).toMatch(/^dist0: Zapier saw the new pain\.$/m);
    expect(code).toBe(0);
  }, 130_000);

  it('says which port is taken and how to pick another', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const { code, out } = await runDemo(['--once', '--no-n8n', '--port', String(port)], 60_000);
      expect(out).toContain(`The sandbox wants port ${port}, but something is already listening there`);
      expect(out).toContain('npm start -- --port <port>');
      expect(code).toBe(1);
    } finally {
      blocker.close();
    }
  }, 70_000);

  it('waits for Ctrl-C in a terminal, then the SIGTERM of `kill <npm>` turns everything off', async () => {
    // `exec` so that $$ is npm's PID: the process a person would `kill`.
    const terminal = new Terminal(`echo "npm PID $$"; exec npm start -- --no-n8n --port ${await freePort()}`, { cwd: root, env: shellEnv });
    const npmPid = Number((await terminal.waitFor(/npm PID (\d+)/, 10_000))[1]);
    await terminal.waitFor(/Press Ctrl-C to turn everything off/, 120_000);
    process.kill(npmPid, 'SIGTERM');
    const { code } = await terminal.end(60_000);
    const out = terminal.output;
    expect(out).toContain('SIGTERM: turning everything off (Ctrl-C again to cut it short).');
    expect(out).toContain('Zapier: 12 triggers unsubscribed');
    expect(out).toContain('Webhooks left on the sandbox Distribu: 0');
    expect(code).toBe(0);
  }, 200_000);

  it('runs the whole loop with a real n8n, waits, and Ctrl-C in the terminal unpublishes, stops n8n and removes its folder', async () => {
    const terminal = new Terminal(`exec npm start -- --port ${await freePort()} --n8n-port ${await freePort()}`, { cwd: root, env: shellEnv });
    try {
      await terminal.waitFor(/Press Ctrl-C to turn everything off/, 900_000);
      const out = terminal.output;
      expect(out).toContain('n8n: a workflow on all 12 events published');
      expectAllVerified(out, 2, false);
      expect(out).toContain('verified by both connectors');
      expectActionsDone(out, true);
      // n8n stopped, two orders taken meanwhile, n8n started: the polling trigger emits both, once each.
      expect(out).toMatch(/^✔ +n8n +n8n started again: Polling Trigger \(New Order\) +caught up on both orders, each once/m);
      expectReadable(out, true);
      // An n8n AI Agent (the scripted model, said as such) through the MCP server: three lines, shipped, the refusal read.
      expect(out).toContain('a scripted model stands in for the LLM');
      expect(out).toMatch(/^✔ +n8n +AI Agent → MCP order_create +order \S+ with 3 line items$/m);
      expect(out).toMatch(/^✔ +n8n +AI Agent → MCP order_update_status +SHIPPED with UPS 1Z999AA10123456799$/m);
      expect(out).toMatch(/^✔ +n8n +AI Agent → MCP order_update_status +refused: "Distribu refused to change order /m);
      expect(out).toMatch(/^Agent run \(scripted model, no LLM\): 14 MCP tools, (\d+)\/\1 parameters described; 3 lines ordered, shipped, refusal read\.$/m);
      // dist0: each signal once (the retried send too), a forged one refused, Zapier's poll sees the new pains.
      expect(out).toMatch(/^✔ +n8n +dist0 Trigger: a buyer pain +1 send → 1 run /m);
      expect(out).toMatch(/^✔ +n8n +dist0 Trigger: answer lost, dist0 retries +2 sends, 2 delivery ids → 1 run$/m);
      expect(out).toMatch(/^✔ +n8n +dist0 Trigger: a forged send +refused with 401, no run$/m);
      expect(out).toMatch(/^✔ +Zapier +dist0 app: New Pain \(polling\) +next poll: 2 new of 5 listed/m);
      expect(out).toMatch(/^dist0: each signal ran once in n8n \(the retried one too\), the forged send started nothing, Zapier saw the new pains\.$/m);
      // The deliveries lost on purpose while n8n was down are labelled so on the sandbox dashboard.
      const lost = (await (await fetch(`${out.match(/Sandbox dashboard +(\S+)\//)![1]}/_sandbox/dashboard/webhooks`)).json()) as {
        webhooks: Array<{ deliveries: Array<{ outcome: string; note: string | null }> }>;
      };
      const failed = lost.webhooks.flatMap((w) => w.deliveries).filter((d) => d.outcome !== 'delivered');
      expect(failed.length).toBeGreaterThan(0);
      expect(failed.map((d) => d.note)).toEqual(failed.map(() => expect.stringMatching(/^Lost on purpose: the demo stopped n8n/)));
      // The webhooks the clean-up must remove, as the sandbox lists them: 12 Zaps and 2 n8n workflows, as the demo says.
      const [, url, key] = out.match(/Sandbox API +(\S+) +\(key (\S+)\)/)!;
      const webhooks = (await (await fetch(`${url}/webhooks`, { headers: { Authorization: `Bearer ${key}` } })).json()) as { data: unknown[] };
      expect(webhooks.data).toHaveLength(14);
      expect(out).toContain("the write side's workflow makes it 14");
      const n8nPids = [...out.matchAll(/Starting n8n \S+ start \(PID (\d+)\)/g)].map((m) => Number(m[1]));
      const folder = out.match(/log: (\S+)\/n8n\/n8n\.log/)![1]!;
      // The first start, the restart for the polling catch-up, and Orisha's two: its package installed, and n8n back
      // after the 100 changes it missed.
      expect(n8nPids).toHaveLength(4);
      expect(out).toMatch(/^Orisha Commerce: full records in Zapier and n8n, a duplicate run once, the cap explained, a disabled webhook repaired\.$/m);
      expect(fs.existsSync(folder)).toBe(true);

      terminal.type('\x03'); // Ctrl-C: the tty driver sends SIGINT to npm and the demo (n8n runs detached from the terminal)
      const { code } = await terminal.end(180_000);
      const after = terminal.output;
      expect(after).toContain('Ctrl-C: turning everything off (Ctrl-C again to cut it short).');
      expect(after).not.toContain('Clean-up cut short'); // npm's pass-on of the same Ctrl-C is not a second one
      expect(after).toContain('Zapier: 12 triggers unsubscribed');
      // Distribu's three and the dist0 Trigger's workflow, on the n8n Orisha's section started last; Orisha's own
      // workflow is unpublished by its section.
      expect(after).toContain(`n8n: 4 workflows unpublished, n8n stopped (PID ${n8nPids.at(-1)})`);
      expect(after).toContain('Orisha Commerce: 1 n8n workflow unpublished, 1 Zap unsubscribed; webhooks left on the sandbox Orisha Commerce: 0');
      expect(after).toContain(`Removed the temp folder ${folder}`);
      expect(after).toContain('Webhooks left on the sandbox Distribu: 0');
      expect(code).toBe(0);
      expect(fs.existsSync(folder)).toBe(false);
      expect(leftBehind(n8nPids, folder)).toEqual([]);
      await expect(fetch(`${url}/webhooks`, { headers: { Authorization: `Bearer ${key}` } })).rejects.toThrow(); // the sandbox is down too
    } finally {
      await terminal.end(1000);
    }
  }, 1_100_000);
});
