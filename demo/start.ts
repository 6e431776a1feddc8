/**
 * `npm start`: the whole loop, live, on loopback. A sandbox Distribu with demo data; the Zapier app's
 * twelve triggers subscribed through zapier-platform-core; a real n8n with n8n-nodes-distribu and a
 * workflow on all twelve events; a morning of real Distribu activity; a table of what each connector
 * received and verified; then the write side: Zap steps that find, create and update records, and
 * an n8n workflow of Distribu nodes that confirms the order a Zap placed; then n8n is stopped and
 * started again and the Distribu Polling Trigger catches up on the orders it missed; then an n8n AI Agent (a
 * scripted model) orders through the Distribu MCP server. Then it stays up until
 * Ctrl-C, and on the way out turns everything off and shows that no webhook is left on Distribu.
 *
 *   npm start                  everything
 *   npm start -- --no-n8n      Zapier alone (fast)
 *   npm start -- --once        run the loop, print the table, clean up and exit (0 when all verified)
 *   npm start -- --port 4010 --n8n-port 5678
 */
import net from 'node:net';
import { parseArgs } from 'node:util';
import { startSandbox } from '../sandbox/src';
import { SandboxClient } from '../sandbox/src/client';
import { act, renderActions } from './actions';
import { agentSection } from './agent';
import { catchUp } from './polling';
import { story } from './story';
import { allVerified, render, rows } from './table';
import { startN8nSide } from './n8n';
import { startZapierSide } from './zapier';

const say = (line = '') => process.stdout.write(`${line}\n`);
const step = (line: string) => say(`• ${line}`);

/** The demo holds 12 Zap subscriptions and two n8n workflows at once; real Distribu allows 10 per company. */
const DEMO_WEBHOOK_CAP = 14;

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'no-n8n': { type: 'boolean', default: false },
      once: { type: 'boolean', default: false },
      port: { type: 'string', default: '4010' },
      'n8n-port': { type: 'string', default: '5678' },
    },
  });
  const withN8n = !values['no-n8n'];
  const port = Number(values.port);
  const n8nPort = Number(values['n8n-port']);
  for (const [what, p, flag] of [['The sandbox', port, '--port'], ...(withN8n ? [['n8n', n8nPort, '--n8n-port']] : [])] as Array<[string, number, string]>) {
    if (!Number.isInteger(p) || p <= 0 || p > 65535) throw new UserError(`${flag} needs a port number, not "${p}".`);
    if (!(await portIsFree(p))) throw new UserError(`${what} wants port ${p}, but something is already listening there. Stop it, or pick another port: npm start -- ${flag} <port>.`);
  }

  say('Distribu connectors: live demo\n');
  const sandbox = await startSandbox({ port, seed: true, webhookCap: DEMO_WEBHOOK_CAP });
  const client = new SandboxClient(sandbox.url, sandbox.apiKey);
  step(`Sandbox Distribu on ${sandbox.url} with demo data (its webhook cap is raised to ${DEMO_WEBHOOK_CAP} for this demo; real Distribu allows 10 per company)`);

  let zapier: Awaited<ReturnType<typeof startZapierSide>> | undefined;
  let n8n: Awaited<ReturnType<typeof startN8nSide>> | undefined;
  const cleanUp = async () => {
    say('\nTurning everything off...');
    if (zapier) {
      await zapier.stop();
      step('Zapier: 12 triggers unsubscribed');
    }
    if (n8n) {
      await n8n.stop();
      step('n8n: workflows unpublished, n8n stopped');
    }
    const left = (await client.api<{ data: unknown[] }>('GET', '/webhooks')).data.length;
    step(`Webhooks left on the sandbox Distribu: ${left}`);
    await sandbox.close();
    return left;
  };

  try {
    zapier = await startZapierSide(sandbox);
    step(`Zapier: ${zapier.subscriptions} triggers subscribed through zapier-platform-core (a local catcher stands in for hooks.zapier.com)`);
    if (withN8n) {
      n8n = await startN8nSide(sandbox, { port: n8nPort, log: (line) => say(`  ${line}`) });
      step(`n8n: a workflow on all 12 events published at ${n8n.workflowUrl}, and one with the Distribu Polling Trigger on New Order`);
    }
    const webhooks = (await client.api<{ data: unknown[] }>('GET', '/webhooks')).data.length;
    step(`The sandbox holds ${webhooks} webhooks\n`);

    say('Producing events through real Distribu actions:');
    for (const s of story(client)) {
      await s.run();
      step(`${s.says}  →  ${s.fires.join(', ')}`);
    }
    await client.control('POST', '/idle');

    const fired = new Map<string, number>();
    for (const envelope of (await client.control<{ data: Array<{ event: string }> }>('GET', '/events/recent')).data) {
      fired.set(envelope.event, (fired.get(envelope.event) ?? 0) + 1);
    }
    const total = [...fired.values()].reduce((a, b) => a + b, 0);
    const table = rows(fired, await zapier.results(), n8n ? await n8n.results(total) : undefined);
    say(`\n${render(table)}\n`);
    const ok = allVerified(table);
    say(ok ? `All ${total} deliveries verified by ${n8n ? 'both connectors' : 'the Zapier app'}.` : 'Some deliveries did not arrive or did not verify: see the rows marked ✘.');

    say(`\nActing on Distribu through the connectors (Zap steps${n8n ? ', and an n8n workflow of Distribu nodes: new order → find customer → confirm order' : ''}):`);
    const actions = await act(client, (kind, key, inputData) => zapier!.step(kind, key, inputData), n8n?.acting);
    say(`\n${renderActions(actions)}\n`);
    let acted = actions.every((a) => a.ok);
    say(acted ? `All ${actions.length} actions did what they say; the refused one changed nothing.` : 'Some actions did not do what they say: see the rows marked ✘.');

    if (n8n) {
      say('\nn8n goes down, nothing is lost: the Distribu Polling Trigger catches up (n8n polls when it starts, then every minute):');
      const caught = await catchUp(client, n8n.polling);
      say(`\n${renderActions(caught)}\n`);
      acted &&= caught.every((a) => a.ok);

      say('\nAn n8n AI Agent orders through the Distribu MCP server (MCP Client Tool; a scripted model stands in for the LLM):');
      const agent = await agentSection(sandbox, client, n8n);
      say(`\n${renderActions(agent.rows)}\n`);
      say(agent.summary);
      acted &&= agent.rows.every((a) => a.ok);
    }

    if (!values.once) {
      say('\nStill running. Open:');
      say(`  Sandbox dashboard   ${sandbox.url}/`);
      say(`  Sandbox API         ${sandbox.url}/api/v1   (key ${sandbox.apiKey})`);
      if (n8n) say(`  n8n editor          ${n8n.url}   (log in as ${n8n.owner.email} / ${n8n.owner.password})`);
      say('Fire more events from the dashboard, or: npm run sandbox -- fire order.shipped --url ' + sandbox.url);
      say('Press Ctrl-C to turn everything off.');
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
    }
    const left = await cleanUp();
    return ok && acted && left === 0 ? 0 : 1;
  } catch (error) {
    await n8n?.kill().catch(() => undefined);
    await sandbox.close().catch(() => undefined);
    throw error;
  }
}

class UserError extends Error {}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`\n${error instanceof UserError ? '' : 'The demo stopped: '}${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
