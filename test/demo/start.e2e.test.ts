import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { events } from '@distribu/shared/runtime';
import { freePort } from '../../scripts/n8n/instance';

// `npm start` is the README's first command: run it as a newcomer would (its --once mode exits
// after the table and the clean-up) and read what it prints.
const root = path.join(__dirname, '..', '..');

function runDemo(args: string[], timeoutMs: number): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['demo/start.ts', ...args], { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
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

function expectAllVerified(out: string, connectors: number) {
  for (const event of events) {
    const row = out.split('\n').find((line) => line.startsWith(`${event.name} `));
    expect([event.name, row]).toEqual([event.name, expect.stringContaining('✔')]);
    // "✔ n/n" for Zapier, and "· n/n" for n8n when it runs: every fired delivery verified.
    const counts = [...row!.matchAll(/(\d+)\/(\d+)/g)];
    expect(counts).toHaveLength(connectors);
    for (const [, verified, fired] of counts) expect([event.name, verified]).toEqual([event.name, fired]);
  }
  expect(out).toContain('Webhooks left on the sandbox Distribu: 0');
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
  expect(out).toMatch(/refused: .*SHIPPED to CANCELLED/);
  expect(out).toContain('the refused one changed nothing');
}

describe('npm start', () => {
  it('runs the whole loop for the Zapier app alone with --no-n8n, then leaves no webhook', async () => {
    const { code, out } = await runDemo(['--once', '--no-n8n', '--port', String(await freePort())], 120_000);
    expect(out).toContain('Zapier: 12 triggers subscribed');
    expectAllVerified(out, 1);
    expect(out).toContain('verified by the Zapier app');
    expectActionsDone(out, false);
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

  it('runs the whole loop with a real n8n too: every delivery verified by both connectors', async () => {
    const { code, out } = await runDemo(['--once', '--port', String(await freePort()), '--n8n-port', String(await freePort())], 900_000);
    expect(out).toContain('n8n: a workflow on all 12 events published');
    expectAllVerified(out, 2);
    expect(out).toContain('verified by both connectors');
    expectActionsDone(out, true);
    // n8n stopped, two orders taken meanwhile, n8n started: the polling trigger emits both, once each.
    expect(out).toMatch(/^✔ +n8n +n8n started again: Polling Trigger \(New Order\) +caught up on both orders, each once/m);
    // An n8n AI Agent (the scripted model, said as such) through the MCP server: three lines, shipped, the refusal read.
    expect(out).toContain('a scripted model stands in for the LLM');
    expect(out).toMatch(/^✔ +n8n +AI Agent → MCP order_create +order \S+ with 3 line items$/m);
    expect(out).toMatch(/^✔ +n8n +AI Agent → MCP order_update_status +SHIPPED with UPS 1Z999AA10123456799$/m);
    expect(out).toMatch(/^✔ +n8n +AI Agent → MCP order_update_status +refused: "Distribu refused to change order /m);
    expect(out).toMatch(/^Agent run \(scripted model, no LLM\): 14 MCP tools, (\d+)\/\1 parameters described; 3 lines ordered, shipped, refusal read\.$/m);
    expect(code).toBe(0);
  }, 910_000);
});
