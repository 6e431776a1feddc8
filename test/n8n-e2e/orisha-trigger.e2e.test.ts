/**
 * n8n-nodes-orisha-commerce inside a real n8n 2.40.7 (built, packed and installed as a community package), against
 * the Orisha sandbox over real HTTP on loopback:
 * - publishing registers one webhook next to a foreign one, unpublishing leaves the 3 slots as they were;
 * - changes made through Orisha's API arrive as one execution each with the full record (Fetch Full Record is on by
 *   default), a duplicate X-Event-Id runs once, also when it comes again after an n8n restart;
 * - a forged or missing X-Secret is answered 401 and runs nothing;
 * - an expired access token is renewed once (one new token, the record still fetched);
 * - a late delivery (the sandbox holds it back) overtaken by a later event: Late Deliveries "Run and Mark" (the default)
 *   runs it with late: true and why, "Drop" starts no run for it; a genuine later update is neither marked nor dropped;
 * - at the cap (3 foreign webhooks) publishing fails with a plain error naming the slots, and nothing foreign goes;
 * - a webhook Orisha disabled after 100 failures while n8n was down: n8n's default publication service calls no
 *   webhook method on a restart, so it is replaced on the next publication with the gap stated in n8n's log; with
 *   1.x-style activation (N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false) the restart's check enables the same webhook
 *   again and states the gap.
 */
import { randomUUID } from 'node:crypto';
import type { Execution, N8nClient } from '../../scripts/n8n/api';
import { productionWebhookUrl } from '../../scripts/n8n/distribu-workflow';
import type { N8nInstance } from '../../scripts/n8n/instance';
import { waitFor } from '../../scripts/wait';
import type { OrishaSandbox } from '../../sandbox/orisha/server';
import type { OrishaClient } from '../../shared/src/providers/orisha/client';
import { connect } from '../providers/orisha/support/connect';
import { orishaTriggerWorkflow, startOrishaRig, type OrishaRig } from './support/orisha-rig';

const MINUTE = 60_000;
const ADM = 'ADM01';
const TRIGGER = 'Orisha Commerce Trigger';
const log = (line: string) => process.stderr.write(`[orisha-e2e] ${line}\n`);

describe('Orisha Commerce Trigger in a real n8n 2.x', () => {
  let rig: OrishaRig;
  let sandbox: OrishaSandbox;
  let n8n: N8nInstance;
  let api: N8nClient;
  /** The machine identity in the n8n credential, and the one the test makes its changes with. */
  let n8nIdentity: { clientId: string; clientSecret: string };
  let user: OrishaClient;

  beforeAll(async () => {
    rig = await startOrishaRig('orisha-e2e', log, { timeoutMs: 10_000 });
    ({ sandbox, n8n, api, identity: n8nIdentity } = rig);
    user = connect(sandbox, ADM, sandbox.addClient([ADM])).client;
  }, 30 * MINUTE);

  afterAll(() => rig?.dispose(), 2 * MINUTE);

  async function published(name: string, events: string[], options?: Record<string, unknown>) {
    const webhookId = randomUUID();
    const workflow = await api.createWorkflow(orishaTriggerWorkflow(name, webhookId, rig.credential, { events, options }) as never);
    await api.publish(workflow.id);
    await api.waitUntilPublished(workflow.id, { timeoutMs: 2 * MINUTE });
    return { id: workflow.id, webhookId, url: productionWebhookUrl(n8n.webhookBaseUrl, webhookId) };
  }

  const itemsOf = (e: Execution) =>
    (e.data?.resultData?.runData?.[TRIGGER] ?? []).flatMap((run) => run.data?.main?.[0] ?? []).map((i) => i.json as Record<string, unknown>);
  /** Every execution, once deliveries settled, none is running and a second, wrong one had time to be saved. */
  async function settledExecutions(workflowId: string, atLeast: number): Promise<Execution[]> {
    await sandbox.settle();
    await waitFor(`${atLeast} executions of ${workflowId}`, async () => {
      const all = await api.listExecutions(workflowId);
      return all.length >= atLeast && all.every((e) => e.status !== 'running' && e.status !== 'new') ? true : undefined;
    }, 2 * MINUTE);
    await new Promise((r) => setTimeout(r, 1_500));
    return api.listExecutions(workflowId, { includeData: true });
  }
  const secretOf = async (workflowId: string) =>
    ((await api.getWorkflow(workflowId)).staticData?.[`node:${TRIGGER}`] as { webhookSecret?: string; webhookId?: string } | undefined) ?? {};
  const hookIds = async () => (await user.webhooks()).map((h) => h.id).sort();
  const tokensOf = (clientId: string) => [...sandbox.store.tokens.values()].filter((t) => t.clientId === clientId).length;
  const post = (url: string, headers: Record<string, string>, body: string) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'X-Administration-Code': ADM, 'X-TriggeredBy-Id': 'someone', ...headers }, body }).then(async (r) => (await r.arrayBuffer(), r.status));

  test('publish → one webhook next to a foreign one; changes run once each with the full record; duplicates once, also after a restart; forged or missing X-Secret → 401; unpublish → the slots as they were', async () => {
    const foreign = await user.createWebhook({ url: 'http://127.0.0.1:9/erp', eventTypes: ['item.created'], description: 'ERP export' });
    const before = await hookIds();
    const wf = await published('Orisha customers', ['customer.created', 'customer.updated']);
    const ours = await waitFor('our webhook', async () => (await user.webhooks()).find((h) => h.url === wf.url));
    expect(await hookIds()).toEqual([...before, ours.id].sort());
    expect(ours.eventTypes.sort()).toEqual(['customer.created', 'customer.updated']);

    // Real changes through Orisha's API; every delivery of the first is sent twice with one X-Event-Id.
    sandbox.deliveries.settings.duplicateRate = 1;
    await user.call({ method: 'POST', path: `/administrations/${ADM}/customers`, body: { CustomerCode: 'C1', Name: 'Acme BV', Email: null, PriceListCode: null, Blocked: false } });
    await sandbox.settle();
    sandbox.deliveries.settings.duplicateRate = 0;
    await user.call({ method: 'PATCH', path: `/administrations/${ADM}/customers/C1`, body: { Name: 'Acme B.V.' } });
    const runs = await settledExecutions(wf.id, 2);
    const sent = sandbox.deliveries.log.filter((d) => d.webhookId === ours.id);
    expect(sent.map((d) => [d.kind, d.status])).toEqual([['first', 200], ['duplicate', 200], ['first', 200]]);
    expect(runs).toHaveLength(2);
    const items = runs.flatMap(itemsOf);
    expect(items.map((i) => i.event).sort()).toEqual(['customer.created', 'customer.updated']);
    for (const item of items) {
      expect(item).toMatchObject({ CustomerCode: 'C1', administrationCode: ADM, recordStatus: 'fetched', record: { CustomerCode: 'C1' } });
      expect(item.triggeredById).not.toBe(n8nIdentity.clientId);
    }
    expect(items.find((i) => i.event === 'customer.updated')!.record).toMatchObject({ Name: 'Acme B.V.' });
    expect(new Set(items.map((i) => i.id)).size).toBe(2);

    // Forged and missing X-Secret: 401, nothing runs.
    const { webhookSecret } = await secretOf(wf.id);
    expect(webhookSecret).toMatch(/^ows_/);
    const body = '{"CustomerCode":"C1"}';
    const headers = (eventId: string) => ({ 'X-Event-Id': eventId, 'X-Event-Type': 'customer.updated' });
    expect(await post(wf.url, { ...headers(randomUUID()), 'X-Secret': 'ows_forged' }, body)).toBe(401);
    expect(await post(wf.url, headers(randomUUID()), body)).toBe(401);
    expect(await post(wf.url, { ...headers(randomUUID()), 'X-Secret': '' }, body)).toBe(401);

    // One event id sent three times, the third after an n8n restart: one execution.
    const eventId = randomUUID();
    expect(await post(wf.url, { ...headers(eventId), 'X-Secret': webhookSecret! }, body)).toBe(200);
    expect(await post(wf.url, { ...headers(eventId), 'X-Secret': webhookSecret! }, body)).toBe(200);
    await settledExecutions(wf.id, 3);
    const { seconds } = await n8n.restart();
    log(`n8n restarted in ${seconds} s`);
    await api.login(n8n.owner.email, n8n.owner.password);
    expect(await hookIds()).toEqual([...before, ours.id].sort()); // a restart calls no webhook method
    expect(await post(wf.url, { ...headers(eventId), 'X-Secret': webhookSecret! }, body)).toBe(200);
    const after = await settledExecutions(wf.id, 3);
    expect(after).toHaveLength(3);
    expect(after.flatMap(itemsOf).filter((i) => i.id === eventId)).toHaveLength(1);
    expect(n8n.logSinceStart()).not.toContain(webhookSecret!);

    await api.unpublish(wf.id);
    await api.waitUntilUnpublished(wf.id, { timeoutMs: MINUTE });
    expect(await hookIds()).toEqual(before);
    expect(before).toEqual([foreign.id]);
  }, 15 * MINUTE);

  test('an expired access token is renewed once: one new token, the record still fetched', async () => {
    const wf = await published('Orisha items', ['item.created']);
    await user.call({ method: 'POST', path: `/administrations/${ADM}/items`, body: { ItemCode: 'ITM-1', Description: 'Bolt', Unit: 'pcs', Price: 0.2, Blocked: false } });
    await settledExecutions(wf.id, 1);
    const tokensBefore = tokensOf(n8nIdentity.clientId);
    sandbox.expireTokens();
    await user.call({ method: 'POST', path: `/administrations/${ADM}/items`, body: { ItemCode: 'ITM-2', Description: 'Nut', Unit: 'pcs', Price: 0.1, Blocked: false } });
    const runs = await settledExecutions(wf.id, 2);
    const item = runs.flatMap(itemsOf).find((i) => i.ItemCode === 'ITM-2');
    expect(item).toMatchObject({ recordStatus: 'fetched', record: { ItemCode: 'ITM-2', Description: 'Nut' } });
    expect(tokensOf(n8nIdentity.clientId) - tokensBefore).toBe(1);
    await api.unpublish(wf.id);
    await api.waitUntilUnpublished(wf.id, { timeoutMs: MINUTE });
  }, 10 * MINUTE);

  // Orisha sends no event time; what tells a late delivery is the record read on arrival: its ModifiedAt was already
  // emitted (Late Deliveries, shared/src/providers/orisha/late.ts). Two workflows get the same deliveries, one per choice.
  test('a late delivery overtaken by a later event: Run and Mark marks it, Drop starts no run; a genuine later update is neither', async () => {
    const marking = await published('Orisha late (Run and Mark)', ['customer.created', 'customer.updated']);
    const dropping = await published('Orisha late (Drop)', ['customer.created', 'customer.updated'], { lateDeliveries: 'drop' });
    try {
      await lateBothWays(marking, dropping);
    } finally {
      // Unpublished whatever happened: the two webhooks hold 2 of the 3 slots the later tests need.
      for (const wf of [marking, dropping]) {
        await api.unpublish(wf.id);
        await api.waitUntilUnpublished(wf.id, { timeoutMs: MINUTE });
      }
    }
  }, 5 * MINUTE);

  async function lateBothWays(marking: { id: string; url: string }, dropping: { id: string; url: string }) {
    const hooks = await waitFor('our webhooks', async () => {
      const all = await user.webhooks();
      const ours = [marking, dropping].map((wf) => all.find((h) => h.url === wf.url));
      return ours.every(Boolean) ? ours.map((h) => h!.id) : undefined;
    });
    // The creation's deliveries are held back (the sandbox's late rate), so the update made after it arrives first.
    const { lateRate, lateDelayMs } = sandbox.deliveries.settings;
    Object.assign(sandbox.deliveries.settings, { lateRate: 1, lateDelayMs: 1_500 });
    try {
      await user.call({ method: 'POST', path: `/administrations/${ADM}/customers`, body: { CustomerCode: 'C2', Name: 'Late BV', Email: null, PriceListCode: null, Blocked: false } });
    } finally {
      Object.assign(sandbox.deliveries.settings, { lateRate, lateDelayMs });
    }
    await user.call({ method: 'PATCH', path: `/administrations/${ADM}/customers/C2`, body: { Name: 'Late B.V.' } });
    await sandbox.settle();
    // A genuine later update, after both held-back deliveries were answered.
    await user.call({ method: 'PATCH', path: `/administrations/${ADM}/customers/C2`, body: { Name: 'Later B.V.' } });
    await sandbox.settle();
    for (const id of hooks) {
      const sent = sandbox.deliveries.log.filter((d) => d.webhookId === id);
      expect(sent.map((d) => [d.eventType, d.kind, d.status])).toEqual([['customer.updated', 'first', 200], ['customer.created', 'late', 200], ['customer.updated', 'first', 200]]);
    }
    const inOrder = (runs: Execution[]) => [...runs].sort((a, b) => Number(a.id) - Number(b.id)).flatMap(itemsOf);

    const marked = inOrder(await settledExecutions(marking.id, 3));
    expect(marked.map((i) => [i.event, i.late, (i.record as { Name?: string }).Name])).toEqual([
      ['customer.updated', false, 'Late B.V.'],
      ['customer.created', true, 'Late B.V.'],
      ['customer.updated', false, 'Later B.V.'],
    ]);
    for (const item of marked) expect(item).toMatchObject({ CustomerCode: 'C2', recordStatus: 'fetched' });
    expect(marked[1]!.lateReason).toContain('customer.created arrived after this trigger had already emitted customer C2 as modified at ');
    expect(marked.filter((i) => 'lateReason' in i)).toHaveLength(1);

    const kept = inOrder(await settledExecutions(dropping.id, 2));
    expect(kept).toHaveLength(2);
    expect(kept.map((i) => [i.event, (i.record as { Name?: string }).Name])).toEqual([['customer.updated', 'Late B.V.'], ['customer.updated', 'Later B.V.']]);
    expect(kept.some((i) => 'late' in i)).toBe(false);
    expect(n8n.logSinceStart()).toMatch(/Orisha Commerce Trigger started no execution: event \S+ is late: customer\.created arrived after/);
  }

  test('at the cap: a plain error naming the 3 webhooks that hold the slots, nothing foreign deleted', async () => {
    const existing = await user.webhooks();
    const added = [];
    for (let i = existing.length; i < 3; i++) added.push(await user.createWebhook({ url: `http://127.0.0.1:9/other-${i}`, eventTypes: ['customer.created'], description: `Other tool ${i}` }));
    const before = await hookIds();
    expect(before).toHaveLength(3);
    const webhookId = randomUUID();
    const wf = await api.createWorkflow(orishaTriggerWorkflow('Orisha at the cap', webhookId, rig.credential, { events: ['item.created'] }) as never);
    await api.publish(wf.id);
    const failure = await api.waitUntilPublished(wf.id, { timeoutMs: 2 * MINUTE }).then(() => undefined, (error: Error) => error.message);
    log(`publication refused: ${failure}`);
    expect(failure).toBeDefined();
    expect(failure).toContain('3 webhooks');
    for (const id of before) expect(failure).toContain(id);
    expect(failure).toMatch(/Listen for test event|test/i);
    expect(await hookIds()).toEqual(before);
    await api.unpublish(wf.id).catch(() => undefined);
    for (const hook of added) await user.deleteWebhook(hook.id);
  }, 10 * MINUTE);

  /** n8n is down: 100 changes fail to arrive and Orisha disables the webhook. */
  async function disabledWhileDown(hookId: string) {
    await n8n.stop({ keepRunLock: true });
    for (let i = 0; i < 100; i++) await user.call({ method: 'PATCH', path: `/administrations/${ADM}/customers/C1`, body: { Name: `Acme ${i}` } });
    await sandbox.settle();
    const hook = await user.webhook(hookId);
    expect(hook).toMatchObject({ enabled: false, failureCount: 100 });
    return hook;
  }

  test('auto-disabled while n8n was down: replaced on the next publication with the gap stated (default publication service)', async () => {
    const before = await hookIds();
    const wf = await published('Orisha disabled (default)', ['customer.updated']);
    const { webhookId: first } = await secretOf(wf.id);
    const hook = await disabledWhileDown(first!);
    await n8n.start();
    await api.login(n8n.owner.email, n8n.owner.password);
    // n8n's default publication service called no webhook method on the restart: still disabled.
    expect((await user.webhook(first!)).enabled).toBe(false);
    await api.unpublish(wf.id);
    await api.waitUntilUnpublished(wf.id, { timeoutMs: MINUTE });
    expect(n8n.logSinceStart()).toContain(`Orisha Commerce had disabled webhook ${first} after 100 failed deliveries; it is removed now`);
    expect(n8n.logSinceStart()).toContain(`Events since ${hook.disabledAt} until then were not delivered and may have been missed: customer.updated.`);
    await api.publish(wf.id);
    await api.waitUntilPublished(wf.id, { timeoutMs: 2 * MINUTE });
    const { webhookId: second } = await secretOf(wf.id);
    expect(second).not.toBe(first);
    expect(await user.webhook(second!)).toMatchObject({ enabled: true });
    const count = (await api.listExecutions(wf.id)).length;
    await user.call({ method: 'PATCH', path: `/administrations/${ADM}/customers/C1`, body: { Name: 'Acme again' } });
    expect(await settledExecutions(wf.id, count + 1)).toHaveLength(count + 1);
    await api.unpublish(wf.id);
    await api.waitUntilUnpublished(wf.id, { timeoutMs: MINUTE });
    expect(await hookIds()).toEqual(before);
  }, 15 * MINUTE);

  test('auto-disabled while n8n was down: with 1.x-style activation the restart enables the same webhook again and states the gap', async () => {
    const before = await hookIds();
    const wf = await published('Orisha disabled (1.x activation)', ['customer.updated']);
    const { webhookId: first } = await secretOf(wf.id);
    const hook = await disabledWhileDown(first!);
    await n8n.start({ env: { N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false' } });
    await api.login(n8n.owner.email, n8n.owner.password);
    const again = await waitFor('the webhook enabled again', async () => {
      const h = await user.webhook(first!);
      return h.enabled ? h : undefined;
    }, MINUTE);
    expect(again.id).toBe(first);
    expect(n8n.logSinceStart()).toContain(`Orisha Commerce had disabled webhook ${first} after 100 failed deliveries; it is enabled again. Events since ${hook.disabledAt} until now were not delivered and may have been missed: customer.updated.`);
    const count = (await api.listExecutions(wf.id)).length;
    await user.call({ method: 'PATCH', path: `/administrations/${ADM}/customers/C1`, body: { Name: 'Acme once more' } });
    expect(await settledExecutions(wf.id, count + 1)).toHaveLength(count + 1);
    await api.unpublish(wf.id);
    // Without the publication service n8n reports no publication status: the slots tell.
    await waitFor('our webhook removed', async () => (JSON.stringify(await hookIds()) === JSON.stringify(before) ? true : undefined), MINUTE);
  }, 15 * MINUTE);
});
