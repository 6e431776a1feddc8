/**
 * The demo's Orisha Commerce section, a second provider on the same kit: a local Orisha sandbox (its own token
 * endpoint, management endpoint and records); the Zapier app "Orisha Commerce" (session auth, a "New Event" Zap on
 * customer and item events, run through zapier-platform-core with a local catcher for hooks.zapier.com) and, when n8n
 * runs, n8n-nodes-orisha-commerce installed into the demo's n8n with an Orisha Commerce Trigger workflow. Then: a change
 * made in Orisha that Orisha delivers twice arrives in both as one full record each; a third webhook fills Orisha's
 * cap of 3 and a second Zap is refused with the slots named; n8n is down for 100 changes, Orisha disables its webhook,
 * and the next publication states the gap and registers anew. stop() turns it all off and counts what is left.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { version as zapierCoreVersion } from 'zapier-platform-core';
import { orishaHost } from '@distribu/shared/providers/orisha';
import type { TriggerItem } from '@distribu/shared/kit';
import { connectClient } from '../mcp/src/connect';
import { orishaMcp } from '../mcp/src/orisha';
import { seedOrisha } from '../sandbox/orisha/seed';
import { startOrishaSandbox } from '../sandbox/orisha/server';
import { startCatcher } from '../scripts/catcher';
import { N8nClient } from '../scripts/n8n/api';
import { productionWebhookUrl } from '../scripts/n8n/distribu-workflow';
import { runOrThrow } from '../scripts/n8n/exec';
import type { N8nInstance } from '../scripts/n8n/instance';
import { repoRoot } from '../scripts/n8n/paths';
import { hookBundle } from '../scripts/zapier/bundle';
import { startRpc } from '../scripts/zapier/rpc';
import { zapierRunner } from '../scripts/zapier/runner';
import { pollUntil } from '../scripts/wait';
import { makeApp } from '../zapier/src/provider-app';
import type { ActionRow } from './actions';
import { mcpRead } from './mcp-read';

const ADM = 'ADM01';
const TRIGGER = 'Orisha Commerce Trigger';
const EVENTS = ['customer.created', 'customer.updated', 'item.created'];
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
/** core serializes z.errors.Error as JSON in the message: the words a Zap's history shows are its `message`. */
const plain = (error: unknown) => {
  const text = error instanceof Error ? error.message : String(error);
  try {
    return String((JSON.parse(text) as { message?: unknown }).message ?? text);
  } catch {
    return text;
  }
};

export interface OrishaN8n {
  instance: N8nInstance;
  /** The demo's temp folder (the package is packed into it). */
  work: string;
}

export async function orishaSection(n8n: OrishaN8n | undefined, log: (line: string) => void) {
  const sandbox = await startOrishaSandbox({ timeoutMs: 5_000 });
  seedOrisha(sandbox.store, ADM);
  const connectors = sandbox.addClient([ADM], 'client_connectors');
  const erpIdentity = sandbox.addClient([ADM], 'client_erp');
  const erp = connectClient(orishaHost, { apiKey: '', baseUrl: sandbox.url, credentials: { clientId: erpIdentity.clientId, clientSecret: erpIdentity.clientSecret, administrationCode: ADM, tokenUrl: sandbox.tokenUrl, audience: sandbox.audience } });
  const rows: ActionRow[] = [];
  const stops: Array<() => Promise<string>> = [];

  // Zapier: the app through zapier-platform-core, z.cache over the RPC stand-in, hooks.zapier.com's stand-in.
  const rpc = await startRpc();
  const catcher = await startCatcher();
  const run = zapierRunner(makeApp(orishaHost, '1.0.0', zapierCoreVersion), { url: rpc.rpcUrl, token: 'demo' });
  const fields = { clientId: connectors.clientId, clientSecret: connectors.clientSecret, administrationCode: ADM, baseUrl: sandbox.url, tokenUrl: sandbox.tokenUrl, audience: sandbox.audience };
  const authData = { ...fields, ...(await run<{ accessToken: string }>('authentication.sessionConfig.perform', { authData: fields })) };
  const inputData = { eventTypes: EVENTS };
  const zap = await run<Record<string, unknown>>('triggers.new_event.operation.performSubscribe', { authData, inputData, targetUrl: `${catcher.url}/hooks/orisha` });
  stops.push(async () => {
    await run('triggers.new_event.operation.performUnsubscribe', { authData, inputData, subscribeData: zap });
    await catcher.close();
    await rpc.close();
    return '1 Zap unsubscribed';
  });

  // n8n: the package installed into the demo's n8n (a restart: n8n loads community packages at start).
  let api: N8nClient | undefined;
  let workflowId: string | undefined;
  let webhookUrl = '';
  if (n8n) {
    log('Building and packing n8n-nodes-orisha-commerce...');
    await runOrThrow('Building n8n-nodes-orisha-commerce', 'npm', ['run', 'build', '-w', 'n8n-node', '--', '--package', 'orisha'], { cwd: repoRoot });
    const packed = JSON.parse(await runOrThrow('npm pack of n8n-nodes-orisha-commerce', 'npm', ['pack', '--ignore-scripts', '--json', '--loglevel=error', '--pack-destination', n8n.work], { cwd: path.join(repoRoot, 'n8n-node/packages/orisha') })) as Array<{ filename: string }>;
    await n8n.instance.stop({ keepRunLock: true });
    await n8n.instance.installCommunityPackage(path.join(n8n.work, packed[0]!.filename));
    log('Starting n8n again with it...');
    await n8n.instance.start();
    api = new N8nClient(n8n.instance.url);
    await api.login(n8n.instance.owner.email, n8n.instance.owner.password);
    api.useApiKey(await api.createApiKey('orisha-demo'));
    const credential = await api.createCredential({ name: 'Orisha sandbox', type: 'orishaCommerceApi', data: { ...fields } });
    const webhookId = randomUUID();
    const workflow = await api.createWorkflow({
      name: 'Orisha Commerce: customers and items',
      nodes: [
        { name: TRIGGER, type: 'n8n-nodes-orisha-commerce.orishaCommerceTrigger', typeVersion: 2, position: [0, 0], webhookId, parameters: { events: EVENTS, options: {} }, credentials: { orishaCommerceApi: { id: credential.id, name: credential.name } } },
        { name: 'No Operation', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
      ],
      connections: { [TRIGGER]: { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] } },
      settings: { executionOrder: 'v1' },
    } as never);
    workflowId = workflow.id;
    webhookUrl = productionWebhookUrl(n8n.instance.webhookBaseUrl, webhookId);
    await api.publish(workflow.id);
    await api.waitUntilPublished(workflow.id);
    stops.push(async () => {
      await api!.unpublish(workflow.id);
      await api!.waitUntilUnpublished(workflow.id);
      return '1 n8n workflow unpublished';
    });
  }
  const items = async (): Promise<TriggerItem[]> => {
    if (!api || !workflowId) return [];
    const executions = await api.listExecutions(workflowId, { includeData: true });
    return executions.flatMap((e) => (e.data?.resultData?.runData?.[TRIGGER] ?? []).flatMap((r) => (r.data?.main?.[0] ?? []).map((i) => i.json as TriggerItem)));
  };

  // 1. A change in Orisha, delivered twice (Orisha promises no single delivery): one full record in each connector.
  sandbox.deliveries.settings.duplicateRate = 1;
  await erp.call({ method: 'POST', path: `/administrations/${ADM}/customers`, body: { CustomerCode: 'CUS-3001', Name: 'Bakker Installatie', Email: 'inkoop@bakker.example', PriceListCode: 'PL-STD', Blocked: false } });
  await sandbox.settle();
  sandbox.deliveries.settings.duplicateRate = 0;
  const caught = catcher.at('/hooks/orisha');
  const zapItems: TriggerItem[] = [];
  for (const request of caught) zapItems.push(...(await run<TriggerItem[]>('triggers.new_event.operation.perform', hookBundle(request, zap, { authData, inputData }))));
  const record = (item: TriggerItem | undefined) => (item?.record ?? {}) as Record<string, unknown>;
  const fullRecord = (item: TriggerItem | undefined) => item?.recordStatus === 'fetched' && record(item).Name === 'Bakker Installatie';
  rows.push({
    connector: 'Zapier',
    action: 'New Event: customer CUS-3001 created, sent twice',
    result: `${caught.length} deliveries → ${zapItems.length} run; full record: ${record(zapItems[0]).Name ?? '—'} (${record(zapItems[0]).PriceListCode ?? '—'})`,
    ok: caught.length === 2 && zapItems.length === 1 && fullRecord(zapItems[0]),
  });
  if (n8n) {
    const got = await pollUntil(items, (list) => list.length >= 1, 30_000);
    await new Promise((r) => setTimeout(r, 1_500)); // time for a second, wrong execution to be saved
    const all = await items();
    const hookId = (await erp.webhooks()).find((h) => h.url === webhookUrl)?.id;
    const sent = sandbox.deliveries.log.filter((d) => d.webhookId === hookId && d.eventType === 'customer.created').length;
    rows.push({
      connector: 'n8n',
      action: 'Orisha Commerce Trigger: the same change',
      result: `${sent} deliveries → ${all.length} execution; full record: ${record(got[0]).Name ?? '—'}`,
      ok: sent === 2 && all.length === 1 && fullRecord(all[0]),
    });
  }

  // The same customer as an agent reads it through Orisha's MCP server: its own machine identity in Basic, the administration in a header.
  const basic = Buffer.from(`${connectors.clientId}:${connectors.clientSecret}`).toString('base64');
  const read = await mcpRead(
    { provider: orishaMcp, baseUrl: sandbox.url, credentials: { tokenUrl: sandbox.tokenUrl, audience: sandbox.audience } },
    { authorization: `Basic ${basic}`, 'x-orisha-administration': ADM },
    'customer_get',
    { customerCode: 'CUS-3001' },
  );
  const customer = read.result.structuredContent as Record<string, unknown> | undefined;
  rows.push({
    connector: 'MCP',
    action: `orisha-commerce-mcp (${read.tools} tools): customer_get`,
    result: read.result.isError ? String((read.result.content[0] as { text?: string })?.text) : `${customer?.Name} <${customer?.Email}>, price list ${customer?.PriceListCode}`,
    ok: !read.result.isError && JSON.stringify(customer) === JSON.stringify(sandbox.store.administration(ADM).records.customer.get('CUS-3001')),
  });

  // 2. Orisha's cap: the ERP's own webhooks fill the 3 slots; a second Zap is refused, the slots named.
  const foreign = [];
  for (const [i, tool] of ['ERP export', 'Reporting'].entries()) {
    if ((await erp.webhooks()).length >= 3) break;
    foreign.push(await erp.createWebhook({ url: `https://tools.example/orisha/${i}`, eventTypes: ['item.created'], description: tool }));
  }
  const held = (await erp.webhooks()).map((h) => h.id);
  const itemZap = { authData, targetUrl: `${catcher.url}/hooks/item` };
  const capError = await run<Record<string, unknown>>('triggers.item_created.operation.performSubscribe', itemZap).then(
    async (subscribed) => {
      // Not refused: turned off again at once, so nothing is left behind.
      await run('triggers.item_created.operation.performUnsubscribe', { ...itemZap, subscribeData: subscribed });
      return undefined;
    },
    (error: unknown) => plain(error),
  );
  const afterCap = (await erp.webhooks()).map((h) => h.id);
  rows.push({
    connector: 'Zapier',
    action: `A second Zap (New Item) with ${held.length} of 3 slots taken`,
    result: capError ? `refused: ${clip(capError, 600)}` : 'subscribed (it should have been refused)',
    ok: !!capError && held.length === 3 && held.every((id) => capError.includes(id)) && afterCap.length === 3,
  });
  for (const hook of foreign) await erp.deleteWebhook(hook.id);

  // 3. n8n down for 100 changes: Orisha disables its webhook; the next publication states the gap and registers anew.
  if (n8n && api && workflowId) {
    const ours = (await erp.webhooks()).find((h) => h.url === webhookUrl);
    await n8n.instance.stop({ keepRunLock: true });
    for (let i = 1; i <= 100; i++) await erp.call({ method: 'PATCH', path: `/administrations/${ADM}/customers/CUS-3001`, body: { Email: `inkoop${i}@bakker.example` } });
    await sandbox.settle();
    const disabled = ours ? await erp.webhook(ours.id) : undefined;
    await n8n.instance.start();
    await api.login(n8n.instance.owner.email, n8n.instance.owner.password);
    await api.unpublish(workflowId);
    await api.waitUntilUnpublished(workflowId);
    await api.publish(workflowId);
    await api.waitUntilPublished(workflowId);
    const gapStated = n8n.instance.logSinceStart().includes(`Orisha Commerce had disabled webhook ${ours?.id} after 100 failed deliveries`);
    const fresh = (await erp.webhooks()).find((h) => h.url === webhookUrl);
    const before = (await items()).length;
    await erp.call({ method: 'PATCH', path: `/administrations/${ADM}/customers/CUS-3001`, body: { Name: 'Bakker Installatie B.V.' } });
    await sandbox.settle();
    const after = await pollUntil(items, (list) => list.length > before, 30_000);
    const arrived = after.find((i) => record(i).Name === 'Bakker Installatie B.V.');
    rows.push({
      connector: 'n8n',
      action: 'n8n down for 100 changes: Orisha disabled its webhook',
      result: `republished: the gap ${gapStated ? 'stated in n8n’s log' : 'NOT stated'}, webhook ${fresh?.id ?? '—'} registered, the next change arrived`,
      ok: disabled?.enabled === false && gapStated && !!fresh && fresh.enabled && fresh.id !== ours?.id && !!arrived,
    });
  }

  const ok = rows.every((r) => r.ok);
  return {
    rows,
    summary: ok
      ? `Orisha Commerce: full records in ${n8n ? 'Zapier and n8n' : 'Zapier'}, a duplicate run once, the cap explained${n8n ? ', a disabled webhook repaired' : ''}.`
      : 'Orisha Commerce: some steps did not do what they say (rows marked ✘).',
    /** Turns the Zap and the workflow off (each removes its webhook); says what it did and what Orisha still holds. */
    async stop(): Promise<string> {
      const done: string[] = [];
      for (const stop of stops.reverse()) done.push(await stop());
      const left = (await erp.webhooks()).length;
      await sandbox.close();
      return `Orisha Commerce: ${done.join(', ')}; webhooks left on the sandbox Orisha Commerce: ${left}`;
    },
  };
}
