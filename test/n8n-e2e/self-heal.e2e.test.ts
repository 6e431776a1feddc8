/**
 * What the Distribu Trigger does for itself in a real n8n 2.x, proved end to end:
 * - a secret rotated in Distribu's dashboard heals: n8n registers a fresh webhook and removes the rotated one, no
 *   delivery is lost and none runs twice (deliveries overlapping the swap are de-duplicated);
 * - an activation whose create answer is lost (the webhook was created, the answer never came) leaves no orphan;
 * - an exact replay of a captured delivery starts no second execution.
 * Figures go to docs/reliability.md (section n8n-e2e).
 */
import { N8nRig, type PublishedTrigger } from '../../scripts/n8n/rig';
import { triggerItems } from '../../scripts/n8n/distribu-workflow';
import { type FiredEvent, type SandboxWebhook, outcome } from '../../sandbox/src/client';
import type { FaultKind } from '../../sandbox/src/faults';
import { EVENT_HEADER, SIGNATURE_HEADER, sign } from '@distribu/shared/runtime';
import { recordResults } from '../support/results';
import { waitFor } from '../../scripts/wait';

const MINUTE = 60_000;
const EVENT = 'order.created';
const log = (line: string) => process.stderr.write(`[n8n-self-heal] ${line}\n`);

describe('the Distribu Trigger heals itself in a real n8n', () => {
  let rig: N8nRig | undefined;
  let trigger: PublishedTrigger;
  const results: string[] = [];

  const hooksAtUrl = async (): Promise<SandboxWebhook[]> => (await rig!.controls.webhooks()).filter((h) => h.url === trigger.productionUrl);
  /** Executions per order id, once n8n has saved `expected` executions in all and none is running. */
  const executionsByOrder = async (expected: number) =>
    waitFor(`${expected} executions`, async () => {
      const all = await rig!.api.listExecutions(trigger.workflow.id, { includeData: true });
      if (all.length < expected || all.some((e) => e.status === 'running' || e.status === 'new')) return undefined;
      await new Promise((resolve) => setTimeout(resolve, 1500)); // time for a second, wrong execution to be saved
      const settled = await rig!.api.listExecutions(trigger.workflow.id, { includeData: true });
      const counts = new Map<string, number>();
      for (const item of settled.flatMap((e) => triggerItems(e))) counts.set(String(item.orderId), (counts.get(String(item.orderId)) ?? 0) + 1);
      return { total: settled.length, counts };
    }, 60_000);

  beforeAll(async () => {
    rig = await N8nRig.start({ name: 'n8n-self-heal', log });
    trigger = await rig.publishTrigger({ name: 'Distribu self-heal', events: [EVENT] });
  }, 20 * MINUTE);

  afterAll(async () => {
    if (results.length > 0) {
      recordResults('n8n-e2e', ['## Self-healing in a real n8n', '', `n8n ${rig?.n8n.version}, Distribu Trigger -> No Operation, default settings.`, '', ...results].join('\n'));
    }
    await rig?.dispose();
  }, 2 * MINUTE);

  test('an exact replay of a captured delivery starts no second execution', async () => {
    const { webhookSecret } = await rig!.storedState(trigger.workflow.id);
    const before = (await rig!.api.listExecutions(trigger.workflow.id)).length;
    const send = async (body: string) => {
      const response = await fetch(trigger.productionUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [EVENT_HEADER]: EVENT, [SIGNATURE_HEADER]: sign(body, webhookSecret!) },
        body,
      });
      await response.arrayBuffer();
      return response.status;
    };
    const captured = JSON.stringify({ event: EVENT, timestamp: new Date().toISOString(), data: { id: 'ord_replayed_0001', total: 42 } });
    const other = JSON.stringify({ event: EVENT, timestamp: new Date().toISOString(), data: { id: 'ord_replayed_0002', total: 42 } });
    const statuses = [await send(captured), await send(captured), await send(captured), await send(other)];
    expect(statuses[0]).toBe(200);
    expect(statuses[3]).toBe(200);
    const { total, counts } = await executionsByOrder(before + 2);
    expect(total).toBe(before + 2);
    expect([counts.get('ord_replayed_0001'), counts.get('ord_replayed_0002')]).toEqual([1, 1]);
    results.push(`- **Exact replay**: one signed delivery sent 3 times (answers ${statuses.slice(0, 3).join(', ')}) and a distinct one once: ${total - before} executions, one each.`);
  }, 5 * MINUTE);

  test.each<FaultKind>(['lost-reset', 'lost-truncated', 'lost-hang'])('an activation whose create answer is lost (%s) leaves no orphan', async (kind) => {
    const r = rig!;
    const id = trigger.workflow.id;
    await r.api.unpublish(id);
    await r.api.waitUntilUnpublished(id);
    await waitFor('no webhook at the URL', async () => ((await hooksAtUrl()).length === 0 ? true : undefined));
    const creates = async () => (await r.controls.requests({ method: 'POST', path: '/webhooks' })).filter((q) => q.status === 201).length;
    const createdBefore = await creates();

    await r.controls.fault({ status: kind, method: 'POST', path: '/webhooks', count: 1, ...(kind === 'lost-hang' ? { delayMs: 1000 } : {}) });
    await r.api.publish(id);
    await r.api.waitUntilPublished(id, { timeoutMs: 120_000 });
    // Give n8n's follow-up (its cleanup, its retry) time to finish before counting.
    const hooks = await waitFor('one webhook at the URL, the one n8n stored', async () => {
      const list = await hooksAtUrl();
      const stored = (await r.storedState(id)).webhookId;
      return list.length === 1 && list[0]!.id === stored ? list : undefined;
    }, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect((await hooksAtUrl()).map((h) => h.id)).toEqual(hooks.map((h) => h.id));
    const made = (await creates()) - createdBefore;
    expect(made).toBeGreaterThanOrEqual(2); // the lost one really was created
    const fired = await r.controls.fire(EVENT);
    expect(fired.flatMap((f) => f.deliveries.filter((d) => d.url === trigger.productionUrl).map(outcome))).toEqual([200]);
    results.push(`- **Lost create answer (${kind})**: ${made} webhooks created at the URL (the lost one included), 1 left afterwards, the one n8n stored; a delivery verified.`);
  }, 5 * MINUTE);

  test('a secret rotated in Distribu heals: a fresh webhook, the rotated one removed, every delivery run exactly once', async () => {
    const r = rig!;
    const id = trigger.workflow.id;
    const [rotated] = await hooksAtUrl();
    expect(rotated).toBeDefined();
    const oldSecret = (await r.storedState(id)).webhookSecret!;
    const before = (await r.api.listExecutions(id)).length;

    const fired: FiredEvent[] = [];
    /** n events one after another, or all at once (deliveries then overlap the swap). */
    const fireSome = async (n: number, together = false) => {
      if (together) fired.push(...(await Promise.all(Array.from({ length: n }, () => r.controls.fire(EVENT)))).flat());
      else for (let i = 0; i < n; i++) fired.push(...(await r.controls.fire(EVENT)));
    };
    await fireSome(3);
    const rotation = await r.controls.rotateSecret(rotated!.id, 120);
    expect(rotation.secretRotationGraceExpiresAt).not.toBeNull();
    await fireSome(10, true);
    // A later delivery finishes the swap: n8n removes the rotated webhook once it has saved the fresh one's secret.
    const healed = await waitFor('only a fresh webhook at the URL', async () => {
      const list = await hooksAtUrl();
      if (list.length === 1 && list[0]!.id !== rotated!.id) return list[0];
      await fireSome(1);
      return undefined;
    }, 60_000, 1000);
    // n8n must have kept the fresh webhook's secret: the deliveries signed with it verify (also after a restart).
    await waitFor('n8n to store the fresh webhook', async () => ((await r.storedState(id)).webhookId === healed.id ? true : undefined), 10_000);
    await fireSome(5);
    await r.restartN8n();
    await fireSome(2);
    const deliveries = fired.flatMap((f) => f.deliveries.filter((d) => d.url === trigger.productionUrl).map(outcome));
    // Every event got through (a copy through the fresh webhook that arrives before n8n has saved its secret may be
    // refused; its twin through the rotated webhook ran, and Distribu's retry of the copy is a replay).
    expect(fired.filter((f) => !f.deliveries.some((d) => d.url === trigger.productionUrl && outcome(d) === 200)).map((f) => f.envelope.data.id)).toEqual([]);

    const orders = fired.map((f) => String(f.envelope.data.id));
    expect(new Set(orders).size).toBe(orders.length);
    const { counts } = await executionsByOrder(before + orders.length);
    // Each fired event ran exactly once: none lost, none twice (the executions of earlier tests hold other orders).
    expect(orders.filter((o) => counts.get(o) !== 1).map((o) => [o, counts.get(o) ?? 0])).toEqual([]);
    expect(await r.controls.requests({ method: 'DELETE', path: `/webhooks/${rotated!.id}` })).toEqual([expect.objectContaining({ status: 200 })]);
    expect((await r.storedState(id)).webhookId).toBe(healed.id);

    // The rotated-away secret no longer opens the door in the current-signature header.
    const forged = JSON.stringify({ event: EVENT, timestamp: new Date().toISOString(), data: { id: 'ord_forged_old_secret', total: 1 } });
    const answer = await fetch(trigger.productionUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [EVENT_HEADER]: EVENT, [SIGNATURE_HEADER]: sign(forged, oldSecret) },
      body: forged,
    });
    expect(answer.status).toBe(401);
    results.push(
      `- **Rotation in Distribu's dashboard** (grace 120 s): ${orders.length} events fired around it (10 of them at once right after the rotation), ${deliveries.length} deliveries through the rotated and the fresh webhook ` +
        `(${deliveries.filter((d) => d === 200).length} answered 200, ${deliveries.filter((d) => d !== 200).length} refused copies of events that also came through the other webhook; an n8n restart among them); ${orders.length} executions of them, each event exactly once; the rotated webhook deleted, ` +
        'a fresh one registered and stored; the rotated-away secret in `X-Webhook-Signature` answered 401.',
    );
  }, 8 * MINUTE);
});
