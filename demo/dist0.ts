/**
 * dist0 in the demo: a second provider on the same kit. A dist0 sandbox (loopback) pushes its signals to the
 * dist0 Trigger of n8n-nodes-dist0 in the demo's n8n, through a proxy that loses n8n's answer to one send (so
 * dist0 sends it again, as it does after a timeout): each signal still runs once. A forged send is refused with
 * 401 and starts nothing. The Zapier app "dist0" polls the read API (New Pain) and sees the new pain, and an agent
 * reads it through dist0's MCP server (dist0-mcp) with the MCP SDK's client.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startDist0Sandbox, type Dist0Sandbox } from '../sandbox/dist0/server';
import dist0App from '../zapier/apps/dist0/app';
import type { Execution, N8nClient } from '../scripts/n8n/api';
import { productionWebhookUrl } from '../scripts/n8n/distribu-workflow';
import { dist0TriggerWorkflow, DIST0_TRIGGER_NAME } from '../scripts/n8n/dist0-workflow';
import { zapierRunner } from '../scripts/zapier/runner';
import { pollUntil } from '../scripts/wait';
import { dist0Mcp } from '../mcp/src';
import type { ActionRow } from './actions';
import { mcpRead } from './mcp-read';

const PROJECT = 'prj_9f2a';

/** What the section needs of the demo's n8n (with n8n-nodes-dist0 installed). */
export interface Dist0N8n {
  api: N8nClient;
  webhookBaseUrl: string;
  /** Hands a published workflow to the demo's clean-up (unpublished on the way out). */
  adopt(workflowId: string): void;
}

type Pain = { id: string; title: string };

/** A proxy in front of n8n's Production URL: every send reaches n8n; dist0 gets the scripted answers first (then n8n's). */
async function lossyProxy(target: string, lost: number[]): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      for (const [k, v] of Object.entries(req.headers)) if (k.startsWith('x-dist0-')) headers[k] = String(v);
      fetch(target, { method: 'POST', headers, body: Buffer.concat(chunks), signal: AbortSignal.timeout(30_000) })
        .then(async (answer) => (await answer.arrayBuffer(), answer.status))
        .catch(() => 502)
        .then((status) => res.writeHead(lost.shift() ?? status, { 'content-type': 'application/json' }).end('{}'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, server };
}

/** The n8n half: signals into the dist0 Trigger, one send retried, one forged. */
async function n8nRows(sandbox: Dist0Sandbox, n8n: Dist0N8n): Promise<ActionRow[]> {
  const control = async (method: string, path: string, body?: unknown) =>
    (await (await fetch(`${sandbox.url}/_sandbox${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })).json()) as any;
  const secret = (await control('GET', `/projects/${PROJECT}/webhook`)).signingSecret as string;
  const credential = await n8n.api.createCredential({ name: 'dist0 sandbox', type: 'dist0Api', data: { apiKey: sandbox.apiKey, baseUrl: sandbox.url, signingSecret: secret } });
  const webhookId = `dist0-demo-${Date.now()}`;
  const workflow = await n8n.api.createWorkflow(dist0TriggerWorkflow({ name: 'dist0: new signals', credential, webhookId, kinds: ['pain', 'competitor'] }));
  await n8n.api.publish(workflow.id);
  await n8n.api.waitUntilPublished(workflow.id);
  n8n.adopt(workflow.id);
  const productionUrl = productionWebhookUrl(n8n.webhookBaseUrl, webhookId);
  const lost: number[] = [];
  const proxy = await lossyProxy(productionUrl, lost);
  try {
    // Settings → Send new signals to your URL, as the customer pastes it (the proxy stands in for the network).
    await control('PUT', `/projects/${PROJECT}/webhook`, { url: proxy.url, enabled: true, kinds: ['pain', 'competitor'] });
    const sendsOf = (signalId: string) => sandbox.sender.log.filter((s) => s.signalId === signalId);
    const find = async (kind: 'pain' | 'competitor', painTitle?: string) => (await control('POST', '/signals', { projectId: PROJECT, kind, painTitle })).signal as { id: string };
    const pain = await find('pain', 'Lead sources get lost in spreadsheets');
    const competitor = await find('competitor');
    // Both delivered before the next answer is set to be lost (sends go out asynchronously).
    await control('POST', '/idle');
    // n8n gets this send, but its answer is lost on the way back: dist0 sends it again (a new delivery id).
    sandbox.sender.policy = { ...sandbox.sender.policy, deliveryIdStyle: 'new' };
    lost.push(500);
    const retried = await find('pain', 'Attribution reports nobody trusts');
    await control('POST', '/idle');
    // A send that does not come from dist0: signed with another secret.
    const body = JSON.stringify({ type: 'signal.created', project_id: PROJECT, signal: { id: 'sig_forged', kind: 'pain', quote: 'forged', author: 'x' }, post: { id: 'post_x', permalink: 'https://example.com', title: 'forged' } });
    const ts = String(Math.floor(Date.now() / 1000));
    const forged = await fetch(productionUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dist0-timestamp': ts, 'x-dist0-signature': `v0=${createHmac('sha256', 'd0s_not_the_secret').update(`v0:${ts}:${body}`).digest('hex')}`, 'x-dist0-signal-kind': 'pain', 'x-dist0-delivery-id': 'dlv_forged' },
      body,
    });
    await forged.text();

    const itemsOf = (e: Execution) => (e.data?.resultData?.runData?.[DIST0_TRIGGER_NAME] ?? []).flatMap((run) => run.data?.main?.[0] ?? []).map((i) => i.json);
    const wanted = [pain.id, competitor.id, retried.id];
    const executions = await pollUntil(
      () => n8n.api.listExecutions(workflow.id, { includeData: true }),
      (list) => !list.some((e) => e.status === 'running' || e.status === 'new') && wanted.every((id) => list.some((e) => itemsOf(e).some((i) => i.id === id))),
      30_000,
    );
    const runs = (id: string) => executions.filter((e) => itemsOf(e).some((i) => i.id === id)).length;
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    const sendWord = (n: number) => plural(n, 'send');
    return [
      { connector: 'n8n', action: 'dist0 Trigger: a buyer pain', result: `${sendWord(sendsOf(pain.id).length)} → ${runs(pain.id)} run (signal ${pain.id})`, ok: runs(pain.id) === 1 },
      { connector: 'n8n', action: 'dist0 Trigger: a competitor mention', result: `${sendWord(sendsOf(competitor.id).length)} → ${runs(competitor.id)} run`, ok: runs(competitor.id) === 1 },
      {
        connector: 'n8n',
        action: 'dist0 Trigger: answer lost, dist0 retries',
        result: `${sendWord(sendsOf(retried.id).length)}, ${plural(new Set(sendsOf(retried.id).map((s) => s.deliveryId)).size, 'delivery id')} → ${runs(retried.id)} run`,
        ok: sendsOf(retried.id).length >= 2 && runs(retried.id) === 1,
      },
      { connector: 'n8n', action: 'dist0 Trigger: a forged send', result: `refused with ${forged.status}, no run`, ok: forged.status === 401 && !executions.some((e) => itemsOf(e).some((i) => i.id === 'sig_forged')) },
    ];
  } finally {
    await control('PUT', `/projects/${PROJECT}/webhook`, { enabled: false });
    await new Promise<void>((resolve) => proxy.server.close(() => resolve()));
  }
}

/** The section's rows and the line that sums it up; without n8n, the Zapier half alone. */
export async function dist0Section(n8n?: Dist0N8n): Promise<{ rows: ActionRow[]; summary: string }> {
  const sandbox = await startDist0Sandbox({ retry: { attempts: 4, firstGapMs: 300, factor: 2, timeoutMs: 10_000 } });
  try {
    const run = zapierRunner(dist0App);
    const bundle = { authData: { apiKey: sandbox.apiKey, baseUrl: sandbox.url }, inputData: {} };
    const before = await run<Pain[]>('triggers.new_pain.operation.perform', bundle);
    const rows = n8n ? await n8nRows(sandbox, n8n) : [];
    if (!n8n) sandbox.store.addSignal({ projectId: PROJECT, kind: 'pain', painTitle: 'Lead sources get lost in spreadsheets' });
    const after = await run<Pain[]>('triggers.new_pain.operation.perform', bundle);
    const seen = new Set(before.map((p) => p.id));
    const fresh = after.filter((p) => !seen.has(p.id));
    const expected = n8n ? 2 : 1;
    rows.push({
      connector: 'Zapier',
      action: 'dist0 app: New Pain (polling)',
      result: `next poll: ${fresh.length} new of ${after.length} listed ("${fresh[0]?.title ?? ''}"${fresh.length > 1 ? ', …' : ''}); Zapier runs each new id once`,
      ok: fresh.length === expected,
    });
    // The new pain, as an agent reads it through dist0's MCP server (its API key as the Bearer token).
    const painId = fresh[0]?.id ?? '';
    const read = await mcpRead({ provider: dist0Mcp, baseUrl: sandbox.url }, { authorization: `Bearer ${sandbox.apiKey}` }, 'pains_get', { id: painId });
    const pain = read.result.structuredContent as Pain | undefined;
    rows.push({
      connector: 'MCP',
      action: `dist0-mcp (${read.tools} read-only tools): pains_get`,
      result: read.result.isError ? String((read.result.content[0] as { text?: string })?.text) : `"${pain?.title}" (${pain?.id})`,
      ok: !read.result.isError && !!pain && pain.title === sandbox.store.pains.get(painId)?.title,
    });
    const ok = rows.every((r) => r.ok);
    const summary = ok
      ? n8n
        ? 'dist0: each signal ran once in n8n (the retried one too), the forged send started nothing, Zapier saw the new pains.'
        : 'dist0: Zapier saw the new pain.'
      : 'dist0: see the rows marked ✘.';
    return { rows, summary };
  } finally {
    await sandbox.close();
  }
}
