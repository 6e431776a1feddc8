/**
 * End to end in a real n8n 2.x: the packed n8n-nodes-distribu tarball installed as a community package in a pinned
 * n8n (2.40.7), driven only through n8n's own APIs, against the Distribu sandbox over real HTTP on loopback.
 * One n8n instance and one workflow (all 12 events) serve every step, in order: the steps build on each other.
 * Timings are logged, never asserted.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { N8nClient } from '../../scripts/n8n/api';
import {
  TRIGGER_NODE_NAME,
  distribuWorkflow,
  productionWebhookUrl,
  testWebhookUrl,
  triggerItems,
} from '../../scripts/n8n/distribu-workflow';
import type { N8nInstance } from '../../scripts/n8n/instance';
import type { PackedNode } from '../../scripts/n8n/pack-node';
import { N8nRig } from '../../scripts/n8n/rig';
import type { Sandbox } from '../../sandbox/src';
import { catalog, itemSchema } from '@distribu/shared';
import { eventNames, getEvent, sign } from '@distribu/shared/runtime';
import { type FiredEvent, type SandboxClient, outcome } from '../../sandbox/src/client';
import { waitFor } from '../../scripts/wait';

const MINUTE = 60_000;
const ALL_EVENTS = [...eventNames];

const timings: Record<string, number> = {};
const log = (line: string) => process.stderr.write(`[n8n-e2e] ${line}\n`);

async function timed<T>(name: string, task: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await task();
  } finally {
    timings[name] = (Date.now() - started) / 1000;
  }
}

/** Checks one emitted item against the envelope the sandbox says it delivered, and against the catalog's item schema. */
function expectItemMatches(item: Record<string, unknown>, envelope: FiredEvent['envelope']): void {
  const entry = catalog.find((e) => e.name === envelope.event);
  const runtime = getEvent(envelope.event);
  expect(entry && runtime).toBeTruthy();
  expect(item.event).toBe(envelope.event);
  expect(item.timestamp).toBe(envelope.timestamp);
  expect(item.id).toMatch(/^evt_[0-9a-f]{32}$/);
  if (runtime!.idKey) expect(item[runtime!.idKey]).toBe(envelope.data.id);
  for (const [key, value] of Object.entries(envelope.data)) {
    if (key !== 'id') expect({ [key]: item[key] }).toEqual({ [key]: value });
  }
  const parsed = itemSchema(entry!).safeParse(item);
  expect(parsed.error?.issues ?? []).toEqual([]);
}

function eventKey(event: string, timestamp: unknown, resourceId: unknown): string {
  return `${event}|${String(timestamp)}|${String(resourceId)}`;
}

describe('Distribu Trigger in a real n8n 2.x', () => {
  let rig: N8nRig | undefined;
  let packed: PackedNode;
  let sandbox: Sandbox;
  let controls: SandboxClient;
  let n8n: N8nInstance;
  let api: N8nClient;
  let workflowId: string;
  let webhookId: string;
  let productionUrl: string;
  /** The sandbox's id of the production subscription, once published. */
  let subscriptionId: string;
  const suiteStarted = Date.now();
  /** Every secret the run handled, to prove none of them reached n8n's log. */
  const secrets = new Set<string>();

  const webhookPosts = async () => (await controls.requests({ method: 'POST', path: '/webhooks' })).filter((r) => r.status === 201);
  const executions = (includeData = false) => api.listExecutions(workflowId, { includeData });
  const storedState = async () => {
    const workflow = await api.getWorkflow(workflowId);
    const state = (workflow.staticData?.[`node:${TRIGGER_NODE_NAME}`] ?? {}) as { webhookId?: string; webhookSecret?: string };
    if (state.webhookSecret) secrets.add(state.webhookSecret);
    return state;
  };
  const post = (url: string, body: string, headers: Record<string, string>) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(30_000) });
  const ids = async () => new Set((await executions()).map((e) => e.id));
  /**
   * Waits until exactly `count` executions exist beyond `before` and all have finished (n8n saves them after the
   * webhook has answered). More than `count` fails at once.
   */
  const newExecutions = (before: Set<string>, count: number) =>
    waitFor(`${count} new executions`, async () => {
      const added = (await executions(true)).filter((e) => !before.has(e.id));
      if (added.length > count) throw new Error(`Expected ${count} new executions, found ${added.length}.`);
      return added.length === count && added.every((e) => e.status !== 'running' && e.status !== 'new') ? added : undefined;
    });
  /** Gives a wrongly started execution time to be saved, then checks that none was. */
  const expectNoExecutionBeyond = async (known: Set<string>) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await executions()).filter((e) => !known.has(e.id))).toEqual([]);
  };

  beforeAll(async () => {
    rig = await timed('rig: n8n install (cached or not), build + pack, sandbox, n8n start, API key', () => N8nRig.start({ name: 'n8n-e2e', log }));
    ({ sandbox, controls, n8n, api, packed } = rig);
    secrets.add(rig.apiKey).add(sandbox.apiKey).add(n8n.owner.password);
  }, 20 * MINUTE);

  afterAll(async () => {
    await rig?.dispose();
    timings['whole suite'] = (Date.now() - suiteStarted) / 1000;
    log(`timings (s): ${JSON.stringify(timings)}`);
  }, 2 * MINUTE);

  test('the packed tarball has no runtime dependencies and only ships dist/', () => {
    const installed = JSON.parse(
      fs.readFileSync(path.join(n8n.userFolder, '.n8n', 'nodes', 'node_modules', packed.name, 'package.json'), 'utf8'),
    ) as { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
    expect(packed.name).toBe('n8n-nodes-distribu');
    expect(installed.dependencies ?? {}).toEqual({});
    expect(Object.keys(installed.peerDependencies ?? {})).toEqual(['n8n-workflow']);
    expect(packed.files.filter((f) => !f.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE', 'LICENSE.md'].includes(f))).toEqual([]);
    // --legacy-peer-deps: nothing but the package itself was installed next to it.
    expect(fs.readdirSync(path.join(n8n.userFolder, '.n8n', 'nodes', 'node_modules')).filter((d) => !d.startsWith('.'))).toEqual([packed.name]);
  });

  test('publishing a workflow on all 12 events subscribes exactly once, at n8n\'s production URL', async () => {
    const built = distribuWorkflow({ name: 'Distribu: all events', events: ALL_EVENTS, credential: rig!.credential });
    webhookId = built.webhookId;
    productionUrl = productionWebhookUrl(n8n.webhookBaseUrl, webhookId);
    const workflow = await api.createWorkflow(built.definition);
    workflowId = workflow.id;
    expect(workflow.active).toBe(false);
    expect(await controls.webhooks()).toEqual([]);

    await timed('publish -> trigger activated', async () => {
      await api.publish(workflowId);
      await api.waitUntilPublished(workflowId, { timeoutMs: 60_000 });
    });

    expect(await webhookPosts()).toHaveLength(1);
    const hooks = await controls.webhooks();
    expect(hooks).toHaveLength(1);
    expect(hooks[0]!.url).toBe(productionUrl);
    expect([...hooks[0]!.events].sort()).toEqual([...ALL_EVENTS].sort());
    expect(hooks[0]!.isActive).toBe(true);
    subscriptionId = hooks[0]!.id;
    const state = await storedState();
    expect(state.webhookId).toBe(subscriptionId);
    expect(state.webhookSecret).toMatch(/^whsec_/);
  }, 3 * MINUTE);

  test('each of the 12 events, produced in the sandbox, starts an execution with the right item', async () => {
    const fired: FiredEvent[] = [];
    await timed('12 events produced and delivered', async () => {
      for (const event of ALL_EVENTS) fired.push(...(await controls.fire(event)));
    });
    // A change may fire several events (order.shipped also fires order.status_changed): each delivery counts.
    const delivered = fired.filter((f) => f.deliveries.some((d) => d.url === productionUrl));
    expect(delivered.length).toBe(fired.length);
    for (const f of delivered) expect(f.deliveries.map((d) => [f.event, outcome(d)])).toEqual([[f.event, 200]]);
    expect(new Set(delivered.map((f) => f.event))).toEqual(new Set(ALL_EVENTS));
    log(`${ALL_EVENTS.length} events produced ${delivered.length} deliveries (some changes fire two events).`);

    const list = await timed('executions saved', () => newExecutions(new Set(), delivered.length));
    const expected = new Map<string, FiredEvent['envelope']>();
    for (const f of delivered) {
      const idKey = getEvent(f.event)!.idKey;
      expected.set(eventKey(f.event, f.envelope.timestamp, idKey ? f.envelope.data.id : ''), f.envelope);
    }
    const seenIds = new Set<unknown>();
    for (const execution of list) {
      expect([execution.mode, execution.status]).toEqual(['webhook', 'success']);
      const items = triggerItems(execution);
      expect(items).toHaveLength(1);
      const item = items[0]!;
      const idKey = getEvent(String(item.event))?.idKey;
      const envelope = expected.get(eventKey(String(item.event), item.timestamp, idKey ? item[idKey] : ''));
      expect(envelope).toBeDefined();
      expectItemMatches(item, envelope!);
      seenIds.add(item.id);
      // The item flowed on to the next node unchanged.
      expect(execution.data?.resultData?.runData?.['No Operation']?.[0]?.data?.main?.[0]?.[0]?.json).toEqual(item);
    }
    expect(seenIds.size).toBe(delivered.length);
  }, 5 * MINUTE);

  test('forged, unsigned and tampered deliveries get 401 and start no execution', async () => {
    const before = await ids();
    const { webhookSecret } = await storedState();
    expect(webhookSecret).toBeTruthy();
    const sample = getEvent('order.created')!.samples[0]!.envelope;
    const body = JSON.stringify({ ...sample, timestamp: new Date().toISOString() });
    const signature = sign(body, webhookSecret!);
    const tampered = body.replace(/"total":\s*([0-9.]+)/, '"total":1');
    expect(tampered).not.toBe(body);

    const event = { 'X-Webhook-Event': 'order.created' };
    const forged = await post(productionUrl, body, { ...event, 'X-Webhook-Signature': sign(body, 'whsec_not-the-secret') });
    const unsigned = await post(productionUrl, body, event);
    const altered = await post(productionUrl, tampered, { ...event, 'X-Webhook-Signature': signature });
    const forgedOld = await post(productionUrl, body, { ...event, 'X-Webhook-Signature-Old': sign(body, 'whsec_not-the-secret') });
    expect([forged.status, unsigned.status, altered.status, forgedOld.status]).toEqual([401, 401, 401, 401]);
    await expectNoExecutionBeyond(before);

    // The same body with its true signature is accepted: the 401s above were about the signature, nothing else.
    const genuine = await post(productionUrl, body, { ...event, 'X-Webhook-Signature': signature });
    expect(genuine.status).toBe(200);
    const [added] = await newExecutions(before, 1);
    expect(triggerItems(added!)).toEqual([expect.objectContaining({ event: 'order.created', timestamp: JSON.parse(body).timestamp })]);
  }, 3 * MINUTE);

  test('"Listen for test event" registers a second webhook on the test URL and removes it after one event', async () => {
    const postsBefore = (await webhookPosts()).length;
    const before = await ids();
    const started = await api.runManually(workflowId, TRIGGER_NODE_NAME, `e2e-${Date.now()}`);
    expect(started.waitingForWebhook).toBe(true);

    const hooks = await controls.webhooks();
    expect(hooks.map((h) => h.url).sort()).toEqual([productionUrl, testWebhookUrl(n8n.webhookBaseUrl, webhookId)].sort());
    const testHook = hooks.find((h) => h.url !== productionUrl)!;
    expect([...testHook.events].sort()).toEqual([...ALL_EVENTS].sort());
    expect(await webhookPosts()).toHaveLength(postsBefore + 1);

    const fired = await controls.fire('customer.created');
    expect(fired).toHaveLength(1);
    expect(fired[0]!.deliveries.map((d) => [d.url === productionUrl ? 'production' : 'test', outcome(d)]).sort()).toEqual([
      ['production', 200],
      ['test', 200],
    ]);

    // After its one event n8n deletes the test subscription; the production one stays.
    await waitFor('the test webhook to be deleted', async () => ((await controls.webhooks()).length === 1 ? true : undefined));
    expect((await controls.webhooks()).map((h) => h.id)).toEqual([subscriptionId]);
    expect(await controls.requests({ method: 'DELETE', path: `/webhooks/${testHook.id}` })).toHaveLength(1);

    const added = await newExecutions(before, 2);
    expect(added.map((e) => e.mode).sort()).toEqual(['manual', 'webhook']);
    for (const execution of added) expectItemMatches(triggerItems(execution)[0]!, fired[0]!.envelope);
    // The production state was not touched by the test run.
    expect((await storedState()).webhookId).toBe(subscriptionId);
  }, 3 * MINUTE);

  test('a restart keeps the one subscription, and deliveries still verify and execute', async () => {
    const postsBefore = (await webhookPosts()).length;
    const before = await ids();
    timings['n8n restart'] = (await n8n.restart()).seconds;
    await api.login(n8n.owner.email, n8n.owner.password);

    expect(await webhookPosts()).toHaveLength(postsBefore);
    expect((await controls.webhooks()).map((h) => h.id)).toEqual([subscriptionId]);
    const fired = await controls.fire('order.created');
    expect(fired.map((f) => f.deliveries.map(outcome))).toEqual([[200]]);
    const [added] = await newExecutions(before, 1);
    expectItemMatches(triggerItems(added!)[0]!, fired[0]!.envelope);
  }, 5 * MINUTE);

  test('a secret rotated in Distribu: the delivery that reveals it runs, and n8n replaces the rotated webhook with a fresh one', async () => {
    const before = await ids();
    const stored = (await storedState()).webhookSecret;
    const rotated = await controls.rotateSecret(subscriptionId);
    secrets.add(rotated.secret);
    expect(rotated.secret).not.toBe(stored);
    expect(rotated.secretRotationGraceExpiresAt).not.toBeNull();

    // Signed with the new secret (unknown to n8n) and, in X-Webhook-Signature-Old, with the stored one.
    const during = await controls.fire('product.updated');
    expect(during.map((f) => f.deliveries.map(outcome))).toEqual([[200]]);
    const [added] = await newExecutions(before, 1);
    expectItemMatches(triggerItems(added!)[0]!, during[0]!.envelope);

    // n8n registers a fresh webhook and stores it; a later delivery, once n8n has saved the new secret, removes the
    // rotated one. Meanwhile an event may come through both webhooks: it runs once.
    const fresh = await waitFor('n8n to store a fresh webhook', async () => {
      const id = (await storedState()).webhookId;
      return id && id !== subscriptionId ? id : undefined;
    });
    const after = await controls.fire('product.updated');
    expect(after.flatMap((f) => f.deliveries.map(outcome)).filter((status) => status !== 200)).toEqual([]);
    const [next] = await newExecutions(new Set([...before, added!.id]), 1);
    expectItemMatches(triggerItems(next!)[0]!, after[0]!.envelope);
    const hooks = await waitFor('only the fresh webhook', async () => {
      const list = await controls.webhooks();
      return list.length === 1 && list[0]!.id === fresh ? list : undefined;
    });
    expect(hooks[0]!.url).toBe(productionUrl);
    expect((await controls.requests({ method: 'DELETE', path: `/webhooks/${subscriptionId}` })).map((r) => r.status)).toEqual([200]);
    subscriptionId = fresh;
  }, 3 * MINUTE);

  test('with 1.x-style activation at start, n8n asks Distribu and re-creates, once, a subscription deleted while it was down', async () => {
    // Default 2.40 never calls checkExists at start (served from its own tables); with the publication service off it
    // runs checkExists (activation "init") for every published workflow, as n8n 1.x always did.
    await n8n.stop();
    const removed = await fetch(`${sandbox.url}/api/v1/webhooks/${subscriptionId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${sandbox.apiKey}` },
    });
    expect(removed.status).toBe(200);
    const postsBefore = (await webhookPosts()).length;

    timings['n8n restart, 1.x-style activation'] = (await n8n.start({ env: { N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false' } })).seconds;
    await api.login(n8n.owner.email, n8n.owner.password);
    expect((await controls.requests({ method: 'GET', path: `/webhooks/${subscriptionId}` })).map((r) => r.status)).toContain(404);
    expect(await webhookPosts()).toHaveLength(postsBefore + 1);
    const hooks = await controls.webhooks();
    expect(hooks.map((h) => h.url)).toEqual([productionUrl]);
    expect([...hooks[0]!.events].sort()).toEqual([...ALL_EVENTS].sort());
    expect(hooks[0]!.id).not.toBe(subscriptionId);
    subscriptionId = hooks[0]!.id;
    expect((await storedState()).webhookId).toBe(subscriptionId);

    // The new secret verifies.
    const before = await ids();
    const fired = await controls.fire('order.created');
    expect(fired.map((f) => f.deliveries.map(outcome))).toEqual([[200]]);
    const [added] = await newExecutions(before, 1);
    expectItemMatches(triggerItems(added!)[0]!, fired[0]!.envelope);

    // A 1.x-style start with the subscription in place only asks: no new subscription.
    await n8n.restart({ env: { N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false' } });
    const asked = await controls.requests({ method: 'GET', path: `/webhooks/${subscriptionId}` });
    expect(asked.map((r) => r.status)).toEqual([200]);
    expect(await webhookPosts()).toHaveLength(postsBefore + 1);
    expect((await controls.webhooks()).map((h) => h.id)).toEqual([subscriptionId]);

    // Back to n8n's default start for the last step.
    await n8n.restart();
    await api.login(n8n.owner.email, n8n.owner.password);
    expect(await webhookPosts()).toHaveLength(postsBefore + 1);
  }, 8 * MINUTE);

  test('unpublishing deletes the subscription in Distribu and stops serving the URL', async () => {
    await timed('unpublish -> subscription deleted', async () => {
      await api.unpublish(workflowId);
      await api.waitUntilUnpublished(workflowId);
      await waitFor('the subscription to be deleted', async () => ((await controls.webhooks()).length === 0 ? true : undefined));
    });
    const deletes = await controls.requests({ method: 'DELETE', path: `/webhooks/${subscriptionId}` });
    expect(deletes.map((r) => r.status)).toEqual([200]);
    expect(await controls.webhooks()).toEqual([]);
    // Production once, the test run once, the fresh webhook after the rotation once, the re-creation after the deletion
    // in Distribu once: never a duplicate.
    expect(await webhookPosts()).toHaveLength(4);
    const gone = await post(productionUrl, '{}', {});
    expect(gone.status).toBe(404);
  }, 3 * MINUTE);

  test('no secret reached n8n\'s log', () => {
    const text = fs.readFileSync(n8n.logFile, 'utf8');
    expect(text).toContain('Distribu Trigger'); // the node did log (so the check below reads the right file)
    expect(secrets.size).toBeGreaterThanOrEqual(6);
    expect([...secrets].filter((secret) => text.includes(secret))).toEqual([]);
  });
});
