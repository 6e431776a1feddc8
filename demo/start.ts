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
 * Ctrl-C, a closed terminal or `kill` at any point asks for the same clean-up once the current step is done (stop.ts);
 * a second Ctrl-C cuts it short. n8n runs detached from the terminal, so only the demo decides when it stops.
 *
 *   npm start                  everything
 *   npm start -- --no-n8n      Zapier alone (no n8n to start)
 *   npm start -- --once        run the loop, print the tables, clean up and exit (0 when all verified)
 *   npm start -- --port 4010 --n8n-port 5678
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startSandbox } from '../sandbox/src';
import { SandboxClient } from '../sandbox/src/client';
import type { N8nInstance } from '../scripts/n8n/instance';
import { act, renderActions } from './actions';
import { agentSection } from './agent';
import { dist0Section } from './dist0';
import { orishaSection } from './orisha';
import { catchUp } from './polling';
import { type StopSignal, Stopped, listenForStop } from './stop';
import { story } from './story';
import { allVerified, render, rows } from './table';
import { startN8nSide } from './n8n';
import { startZapierSide } from './zapier';

// A closed terminal makes every write fail (EIO): the clean-up must go on without an audience.
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);
const say = (line = '') => process.stdout.write(`${line}\n`);
const step = (line: string) => say(`• ${line}`);

/**
 * The most webhooks the demo holds at once: 12 Zap subscriptions, the n8n workflow on all twelve events and the n8n
 * workflow the write side publishes (the polling workflow needs none). Real Distribu allows 10 per company.
 */
const DEMO_WEBHOOK_CAP = 14;
const REAL_WEBHOOK_CAP = 10;

const HOW_STOPPED: Record<StopSignal, string> = { SIGINT: 'Ctrl-C', SIGTERM: 'SIGTERM', SIGHUP: 'The terminal closed (SIGHUP)' };

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
  const webhookCount = async () => (await client.api<{ data: unknown[] }>('GET', '/webhooks')).data.length;
  step(`Sandbox Distribu on ${sandbox.url} with demo data`);
  say(`  (its webhook cap is raised to ${DEMO_WEBHOOK_CAP}, the most this demo holds at once; real Distribu allows ${REAL_WEBHOOK_CAP} per company)`);

  // n8n's temp folder (the packed node, n8n's user folder with its database and log): removed on the way out.
  const work = withN8n ? fs.mkdtempSync(path.join(os.tmpdir(), 'distribu-demo-')) : undefined;
  let zapier: Awaited<ReturnType<typeof startZapierSide>> | undefined;
  let n8n: Awaited<ReturnType<typeof startN8nSide>> | undefined;
  let n8nProcess: N8nInstance | undefined;
  let orisha: Awaited<ReturnType<typeof orishaSection>> | undefined;
  let cleaningUp = false;
  let waiting = false;

  const stop = listenForStop({
    first(signal) {
      const what = cleaningUp
        ? 'the clean-up is under way'
        : waiting
          ? 'turning everything off'
          : 'stopping after the current step, then turning everything off';
      say(`\n${HOW_STOPPED[signal]}: ${what} (Ctrl-C again to cut it short).`);
    },
    again() {
      // Cut short: no more requests to n8n or the sandbox; kill n8n and delete its folder, say what that leaves.
      const n8nPid = n8nProcess?.running ? n8nProcess.pid : undefined;
      n8nProcess?.killNow();
      if (work) fs.rmSync(work, { recursive: true, force: true });
      say('\nClean-up cut short:');
      if (n8nPid) step(`n8n (PID ${n8nPid}) killed; its workflows may still be published in its database, removed with its folder`);
      if (work) step(`Removed ${work}`);
      step('The sandbox Distribu runs inside this process: the webhooks left on it end with it');
      say('  (against a real Distribu, turn the Zaps and workflows off to remove theirs)');
      process.exit(130);
    },
  });

  /** Each part is turned off even if another fails; says what it did, and resolves with the webhooks left. */
  const cleanUp = async (): Promise<number | undefined> => {
    cleaningUp = true;
    say('\nTurning everything off...');
    const attempt = async (what: string, task: () => Promise<string>) => {
      try {
        step(await task());
      } catch (error) {
        step(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    if (orisha) await attempt('Turning Orisha Commerce off', () => orisha!.stop());
    if (zapier) await attempt('Unsubscribing the Zapier triggers', async () => `Zapier: ${await zapier!.stop()} triggers unsubscribed`);
    if (n8n) {
      const pid = n8nProcess?.pid;
      await attempt('Unpublishing the n8n workflows', async () => `n8n: ${await n8n!.stop()} workflows unpublished, n8n stopped (PID ${pid})`);
    }
    if (n8nProcess?.running) await attempt('Stopping n8n', async () => (await n8nProcess!.dispose(), 'n8n stopped'));
    if (work) await attempt(`Removing ${work}`, async () => (fs.rmSync(work, { recursive: true, force: true }), `Removed the temp folder ${work}`));
    let left: number | undefined;
    await attempt('Counting the webhooks left', async () => `Webhooks left on the sandbox Distribu: ${(left = await webhookCount())}`);
    await sandbox.close().catch(() => undefined);
    return left;
  };

  let ok = false;
  let acted = false;
  let finished = false;
  try {
    zapier = await startZapierSide(sandbox);
    step(`Zapier: ${zapier.subscriptions} triggers subscribed through zapier-platform-core (a local catcher stands in for hooks.zapier.com)`);
    stop.checkpoint();
    if (withN8n) {
      n8n = await startN8nSide(sandbox, { port: n8nPort, work: work!, log: (line) => say(`  ${line}`), created: (instance) => (n8nProcess = instance) });
      step(`n8n: a workflow on all 12 events published at ${n8n.workflowUrl}`);
      say('  and one with the Distribu Polling Trigger on New Order');
      stop.checkpoint();
    }
    const webhooks = await webhookCount();
    step(`The sandbox holds ${webhooks} webhooks: ${zapier.subscriptions} Zaps${n8n ? `, 1 n8n workflow (polling needs none); the write side's workflow makes it ${webhooks + 1}` : ''}\n`);

    say('Producing events through real Distribu actions:');
    for (const s of story(client)) {
      stop.checkpoint();
      await s.run();
      step(`${s.says}  →  ${s.fires.join(', ')}`);
    }
    await client.control('POST', '/idle');
    stop.checkpoint();

    const fired = new Map<string, number>();
    for (const envelope of (await client.control<{ data: Array<{ event: string }> }>('GET', '/events/recent')).data) {
      fired.set(envelope.event, (fired.get(envelope.event) ?? 0) + 1);
    }
    const total = [...fired.values()].reduce((a, b) => a + b, 0);
    const table = rows(fired, await zapier.results(), n8n ? await n8n.results(total) : undefined);
    say(`\n${render(table)}\n`);
    ok = allVerified(table);
    say(ok ? `All ${total} deliveries verified by ${n8n ? 'both connectors' : 'the Zapier app'}.` : 'Some deliveries did not arrive or did not verify: see the rows marked ✘.');
    stop.checkpoint();

    say(`\nActing on Distribu through the connectors (Zap steps${n8n ? ', and an n8n workflow of Distribu nodes only:\nnew order → find customer → confirm order' : ''}):`);
    const actions = await act(client, (kind, key, inputData) => zapier!.step(kind, key, inputData), n8n?.acting);
    say(`\n${renderActions(actions)}\n`);
    acted = actions.every((a) => a.ok);
    say(acted ? `All ${actions.length} actions did what they say; the refused one changed nothing.` : 'Some actions did not do what they say: see the rows marked ✘.');
    stop.checkpoint();

    if (n8n) {
      say('\nn8n goes down, nothing is lost: the Distribu Polling Trigger catches up (n8n polls when it starts, then every minute):');
      const caught = await catchUp(client, n8n.polling);
      say(`\n${renderActions(caught.rows)}\n`);
      say(caught.summary);
      acted &&= caught.rows.every((a) => a.ok);
      stop.checkpoint();

      say('\nAn n8n AI Agent orders through the Distribu MCP server (MCP Client Tool; a scripted model stands in for the LLM):');
      const agent = await agentSection(sandbox, client, n8n);
      say(`\n${renderActions(agent.rows)}\n`);
      say(agent.summary);
      acted &&= agent.rows.every((a) => a.ok);
      stop.checkpoint();
    }

    say(`\ndist0, a second provider on the same kit (its own sandbox${n8n ? '; signals pushed to the dist0 Trigger\'s URL' : '; without n8n, the Zapier app\'s polling only'}):`);
    const dist0 = await dist0Section(n8n?.dist0);
    say(`\n${renderActions(dist0.rows)}\n`);
    say(dist0.summary);
    acted &&= dist0.rows.every((a) => a.ok);
    stop.checkpoint();

    say('\nOrisha Commerce, a third provider on the same kit (its own sandbox; an ERP makes the changes):');
    orisha = await orishaSection(n8n && n8nProcess ? { instance: n8nProcess, work: work! } : undefined, (line) => say(`  ${line}`));
    say(`\n${renderActions(orisha.rows)}\n`);
    say(orisha.summary);
    acted &&= orisha.rows.every((r) => r.ok);
    stop.checkpoint();
    finished = true;

    if (!values.once) {
      say('\nStill running. Open:');
      say(`  Sandbox dashboard   ${sandbox.url}/`);
      say(`  Sandbox API         ${sandbox.url}/api/v1   (key ${sandbox.apiKey})`);
      if (n8n) say(`  n8n editor          ${n8n.url}   (log in as ${n8n.owner.email} / ${n8n.owner.password})`);
      say('Fire more events from the dashboard, or: npm run sandbox -- fire order.shipped --url ' + sandbox.url);
      say('Press Ctrl-C to turn everything off.');
      waiting = true;
      await stop.requested;
    }
  } catch (error) {
    // A step that failed because the stop came in the middle of it (Ctrl-C also reaches npm and the builds it runs) is a stop, not a failure.
    if (!(error instanceof Stopped) && !stop.signal) {
      await cleanUp();
      throw error;
    }
  }
  const left = await cleanUp();
  stop.close();
  if (!finished) return 130;
  return ok && acted && left === 0 ? 0 : 1;
}

class UserError extends Error {}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`\n${error instanceof UserError ? '' : 'The demo stopped: '}${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
