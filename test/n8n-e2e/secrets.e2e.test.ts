/**
 * Secrets, n8n side: a whole life of a Distribu Trigger workflow in a real n8n 2.x - publish, a test-mode run,
 * genuine, forged and replayed deliveries, Fetch Full Record, failures of every fault kind the sandbox injects (on
 * Fetch Full Record, on the create at publish, on the delete at unpublish), unpublish - and then a search of
 * everything n8n said for the Distribu API key and every signing secret that existed: n8n's whole log (stdout and
 * stderr of every start), every execution with its data and error, every error answer of n8n's APIs, the
 * publication status, and n8n's answers to the deliveries.
 * One channel is excluded by design: n8n's public GET /api/v1/workflows/:id returns the workflow's static data, the
 * trigger's signing secret included, to any API key with workflow:read (the tests read the secret that way).
 */
import { N8nRig, type PublishedTrigger } from '../../scripts/n8n/rig';
import { TRIGGER_NODE_NAME, triggerItems } from '../../scripts/n8n/distribu-workflow';
import { type FaultInput, outcome } from '../../sandbox/src/client';
import { FAULT_KINDS, HOLDING_KINDS } from '../../sandbox/src/faults';
import { EVENT_HEADER, OLD_SIGNATURE_HEADER, SIGNATURE_HEADER, sign } from '@distribu/shared/runtime';
import { recordResults } from '../support/results';
import { waitFor } from '../../scripts/wait';

const MINUTE = 60_000;
const log = (line: string) => process.stderr.write(`[n8n-secrets] ${line}\n`);

/**
 * Every fault kind of the sandbox (POST /_sandbox/faults), holding ones kept short. 'echo' is a gateway's 502 page
 * echoing every request header, Authorization included; the 'lost-' kinds commit the change and then lose the answer.
 */
const FAULTS: FaultInput[] = FAULT_KINDS.map((status) => (HOLDING_KINDS.includes(status) ? { status, delayMs: 300 } : status === 429 ? { status, retryAfter: 1 } : { status }));
/** Anything shaped like a Distribu key or signing secret, whether or not this run issued it. */
const SECRET_SHAPES = [/dk_[A-Za-z0-9_-]{16,}/g, /whsec_[A-Za-z0-9_-]{16,}/g];

describe('no Distribu key or signing secret in anything n8n says', () => {
  let rig: N8nRig | undefined;
  let trigger: PublishedTrigger;
  /** What n8n answered to deliveries and what its publication status said, as text. */
  const answers: string[] = [];
  const figures = { deliveries: 0, faults: 0, publicationFailures: 0, fullRecordErrors: 0 };

  /** Every key and secret the sandbox ever held in this run (webhooks' current and previous secrets). */
  const knownSecrets = () => {
    const s = rig!.sandbox;
    const secrets = new Set<string>([s.apiKey]);
    for (const hook of s.core.store.webhooks.values()) {
      secrets.add(hook.secret);
      if (hook.previousSecret) secrets.add(hook.previousSecret);
    }
    return secrets;
  };
  const seen = new Set<string>();
  const remember = () => knownSecrets().forEach((secret) => seen.add(secret));

  const deliver = async (body: string, headers: Record<string, string>) => {
    const response = await fetch(trigger.productionUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [EVENT_HEADER]: 'order.created', ...headers },
      body,
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    answers.push(`${response.status} ${JSON.stringify(Object.fromEntries(response.headers))} ${text}`);
    figures.deliveries++;
    return response.status;
  };
  const fault = async (rule: FaultInput) => {
    await rig!.controls.fault(rule);
    figures.faults++;
  };

  beforeAll(async () => {
    // Debug level: n8n's most talkative log, so the search also covers what n8n logs only for debugging.
    rig = await N8nRig.start({ name: 'n8n-secrets', log, n8nEnv: { N8N_LOG_LEVEL: 'debug' } });
  }, 20 * MINUTE);

  afterAll(async () => {
    await rig?.dispose();
  }, 2 * MINUTE);

  test('publish, test mode and genuine deliveries with Fetch Full Record', async () => {
    const r = rig!;
    trigger = await r.publishTrigger({ name: 'Distribu secrets', events: ['customer.created', 'order.created'], options: { fetchFullRecord: true } });
    remember();

    const run = await r.api.runManually(trigger.workflow.id, TRIGGER_NODE_NAME, `secrets-${Date.now()}`);
    expect(run.waitingForWebhook).toBe(true);
    remember();
    const fired = await r.controls.fire('customer.created');
    expect(fired.flatMap((f) => f.deliveries.map(outcome))).toEqual([200, 200]);
    figures.deliveries += 2;
    // After its one event n8n removes the test webhook (asynchronously).
    await waitFor('the test webhook to go', async () => ((await r.controls.webhooks()).length === 1 ? true : undefined));

    const order = await r.controls.fire('order.created');
    expect(order.flatMap((f) => f.deliveries.map(outcome))).toEqual([200]);
    figures.deliveries++;
  }, 3 * MINUTE);

  test('forged and replayed deliveries', async () => {
    const { webhookSecret } = await rig!.storedState(trigger.workflow.id);
    const body = JSON.stringify({ event: 'order.created', timestamp: new Date().toISOString(), data: { id: 'ord_secrets_replay', total: 12.5 } });
    const signature = sign(body, webhookSecret!);
    expect(await deliver(body, { [SIGNATURE_HEADER]: sign(body, 'whsec_not-the-secret-of-this-webhook') })).toBe(401);
    expect(await deliver(body, {})).toBe(401);
    expect(await deliver(body.replace('12.5', '1'), { [SIGNATURE_HEADER]: signature })).toBe(401);
    expect(await deliver(body, { [OLD_SIGNATURE_HEADER]: sign(body, 'whsec_not-the-secret-of-this-webhook') })).toBe(401);
    expect(await deliver(body, { [SIGNATURE_HEADER]: signature })).toBe(200);
    // The exact replay: whether n8n runs it again is the replay suite's question; here only what n8n says counts.
    await deliver(body, { [SIGNATURE_HEADER]: signature });
  }, 3 * MINUTE);

  test('Fetch Full Record failing each way still delivers the item, with a plain error on it', async () => {
    for (const rule of FAULTS) {
      // The client reads a GET cut without an answer once more: a lost answer meets both tries, so each kind fails.
      await fault({ ...rule, method: 'GET', path: '/orders', count: rule.status === 'lost-reset' || rule.status === 'lost-truncated' ? 2 : 1 });
      const fired = await rig!.controls.fire('order.created');
      expect(fired.flatMap((f) => f.deliveries.map(outcome))).toEqual([200]);
      figures.deliveries++;
    }
    await rig!.controls.clearFaults();
  }, 5 * MINUTE);

  test('a publish whose create fails once (each fault kind) heals on n8n\'s retry; one that keeps failing is reported', async () => {
    const r = rig!;
    const id = trigger.workflow.id;
    await r.api.unpublish(id);
    await r.api.waitUntilUnpublished(id);
    for (const rule of FAULTS) {
      await fault({ ...rule, method: 'POST', path: '/webhooks', count: 1 });
      await r.api.publish(id);
      await r.api.waitUntilPublished(id, { timeoutMs: 90_000 });
      remember();
      await r.api.unpublish(id);
      await r.api.waitUntilUnpublished(id);
    }
    // Every attempt fails: n8n gives up and says so in the publication status.
    await fault({ status: 401, method: 'POST', path: '/webhooks', count: 50 });
    await r.api.publish(id);
    await expect(r.api.waitUntilPublished(id, { timeoutMs: 120_000 })).rejects.toThrow(/could not activate/);
    figures.publicationFailures++;
    answers.push(JSON.stringify(await r.api.publicationStatus(id)));
    await r.controls.clearFaults();
    await r.api.unpublish(id);
    await r.api.waitUntilUnpublished(id);
  }, 10 * MINUTE);

  test('an unpublish whose delete fails once still removes the webhook', async () => {
    const r = rig!;
    const id = trigger.workflow.id;
    await r.api.publish(id);
    await r.api.waitUntilPublished(id);
    remember();
    const held = (await r.storedState(id)).webhookId;
    expect(held).toBeTruthy();
    await fault({ status: 500, method: 'DELETE', path: '/webhooks', count: 1 });
    await r.api.unpublish(id);
    await r.api.waitUntilUnpublished(id);
    await waitFor('the webhook n8n held to be removed', async () => ((await r.controls.webhooks()).some((h) => h.id === held) ? undefined : true), 60_000);
    answers.push(JSON.stringify(await r.api.publicationStatus(id)));
    await r.controls.clearFaults();
  }, 5 * MINUTE);

  test('nothing n8n logged, stored or answered holds the key or a secret', async () => {
    const r = rig!;
    remember();
    const executions = await r.api.listExecutions(trigger.workflow.id, { includeData: true });
    const items = executions.flatMap((e) => triggerItems(e));
    figures.fullRecordErrors = items.filter((i) => typeof i.fullRecordError === 'string').length;
    const channels: Record<string, string> = {
      "n8n's log (stdout and stderr)": r.n8nLog(),
      'executions (data and errors)': JSON.stringify(executions),
      "n8n's API error answers": JSON.stringify(r.api.errorAnswers.map((e) => ({ message: e.message, status: e.status, body: e.body }))),
      'delivery answers and publication status': answers.join('\n'),
    };
    // The checks read real text: the log has the node's lines, the executions hold the full records and their errors.
    expect(channels["n8n's log (stdout and stderr)"]).toContain('Distribu Trigger');
    const recordReads = (await r.controls.requests({ method: 'GET' })).filter((q) => q.path.startsWith('/api/v1/orders/'));
    expect(recordReads.filter((q) => q.status === 200).length).toBeGreaterThanOrEqual(1);
    expect(figures.fullRecordErrors).toBeGreaterThanOrEqual(FAULTS.length);
    expect(seen.size).toBeGreaterThanOrEqual(4);

    const found: Array<{ channel: string; kind: string }> = [];
    for (const [channel, text] of Object.entries(channels)) {
      for (const secret of seen) if (text.includes(secret)) found.push({ channel, kind: secret.startsWith('dk_') ? 'API key' : 'signing secret' });
      for (const shape of SECRET_SHAPES) for (const match of text.match(shape) ?? []) found.push({ channel, kind: `shaped like ${match.slice(0, 6)}…` });
    }
    recordResults(
      'secrets-n8n',
      [
        '## Secrets in a real n8n',
        '',
        `One workflow's life in n8n ${r.n8n.version}: publish, a test-mode run, ${figures.deliveries} deliveries (genuine, forged four ways, an exact replay), ` +
          `Fetch Full Record, ${figures.faults} injected faults (every kind: ${FAULTS.map((f) => f.status).join(', ')}; on Fetch Full Record and on the create at publish; a 500 on the delete at unpublish), ` +
          `${figures.publicationFailures} publish that failed for good, unpublish.`,
        '',
        `Searched for the Distribu API key, the ${seen.size - 1} signing secrets that existed in the run, and anything shaped like \`dk_…\` or \`whsec_…\`:`,
        '',
        '| channel | characters | found |',
        '|---|---:|---:|',
        ...Object.entries(channels).map(([channel, text]) => `| ${channel} | ${text.length.toLocaleString('en-US')} | ${found.filter((f) => f.channel === channel).length} |`),
        '',
        `${executions.length} executions read with their data; ${figures.fullRecordErrors} items carry a Fetch Full Record error. ` +
          "Excluded by design: n8n's public `GET /api/v1/workflows/:id` returns the workflow's static data, the trigger's signing secret included, to any n8n API key with `workflow:read`.",
      ].join('\n'),
    );
    expect(found).toEqual([]);
  }, 3 * MINUTE);
});
