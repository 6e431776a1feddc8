/**
 * Lifecycle churn in a real n8n 2.x: 50 publish/unpublish cycles of one Distribu Trigger workflow, with two n8n
 * restarts, "Listen for test event" runs (ended by an event or by "Stop listening", published or not) and edits of
 * the trigger's events (n8n then deletes the webhook and creates a new one) in between. The sandbox's webhook list is
 * checked after every step and polled in the background throughout: never two webhooks at one URL, and at the end
 * the count is back to its baseline (a webhook of another integration, which must stay untouched).
 * Figures go to docs/reliability.md; durations are recorded, never asserted.
 */
import { N8nRig, type PublishedTrigger } from '../../scripts/n8n/rig';
import { TRIGGER_NODE_NAME, distribuWorkflow } from '../../scripts/n8n/distribu-workflow';
import { outcome, type SandboxWebhook } from '../../sandbox/src/client';
import { recordResults } from '../support/results';
import { waitFor } from '../../scripts/wait';
import { WebhookWatch, duplicatesIn } from './support/webhook-watch';

const MINUTE = 60_000;
const CYCLES = 50;
const RESTART_AT = new Set([17, 34]);
const EDIT_AT = new Set([5, 15, 25, 35, 45]);
/** Test runs: before publishing (workflow not published) or while published; ended by one event or by Stop listening. */
const TEST_RUNS = new Map<number, { published: boolean; end: 'event' | 'stop' }>([
  [3, { published: false, end: 'stop' }],
  [8, { published: true, end: 'event' }],
  [12, { published: false, end: 'event' }],
  [20, { published: true, end: 'stop' }],
  [28, { published: false, end: 'stop' }],
  [33, { published: true, end: 'event' }],
  [40, { published: false, end: 'event' }],
  [45, { published: true, end: 'stop' }],
]);
const EVENT_SETS = [['order.created'], ['customer.created', 'order.created']];
/** Fired to prove a webhook's secret is the one n8n stored: it is in every event set. */
const PROBE_EVENT = 'order.created';
/** Another integration's webhook, there before the test starts (a loopback port nobody listens on). */
const FOREIGN_URL = 'http://127.0.0.1:9/other-integration';
const log = (line: string) => process.stderr.write(`[n8n-churn] ${line}\n`);

describe('lifecycle churn in a real n8n: 50 publish/unpublish cycles', () => {
  let rig: N8nRig | undefined;
  let watch: WebhookWatch | undefined;

  beforeAll(async () => {
    rig = await N8nRig.start({ name: 'n8n-churn', log });
  }, 20 * MINUTE);

  afterAll(async () => {
    await watch?.stop().catch(() => undefined);
    await rig?.dispose();
  }, 2 * MINUTE);

  test('never two webhooks at one URL, and back to the baseline at the end', async () => {
    const r = rig!;
    const started = Date.now();
    const figures = { cycles: 0, restarts: 0, restartSeconds: [] as number[], testRuns: 0, edits: 0, probes: 0 };

    const foreign = await r.distribu.api<{ data: SandboxWebhook }>('POST', '/webhooks', { url: FOREIGN_URL, events: ['order.created'] });
    const baseline = await r.controls.webhooks();
    expect(baseline.map((h) => h.url)).toEqual([FOREIGN_URL]);
    watch = new WebhookWatch(r.controls);

    let events = EVENT_SETS[0]!;
    const trigger: PublishedTrigger = await r.publishTrigger({ name: 'Distribu churn', events });
    const workflowId = trigger.workflow.id;
    await r.api.unpublish(workflowId);
    await r.api.waitUntilUnpublished(workflowId);

    /** The current list, recorded and checked for duplicates. */
    const hooks = async () => {
      const list = await r.controls.webhooks();
      watch!.record(list);
      expect(duplicatesIn(list)).toEqual([]);
      return list;
    };
    const waitForHooks = (what: string, done: (list: SandboxWebhook[]) => boolean) =>
      waitFor(what, async () => {
        const list = await hooks();
        return done(list) ? list : undefined;
      }, 60_000, 100);
    const at = (list: SandboxWebhook[], url: string) => list.filter((h) => h.url === url);
    const foreignUntouched = (list: SandboxWebhook[]) => {
      expect(at(list, FOREIGN_URL).map((h) => [h.id, h.events, h.isActive])).toEqual([[foreign.data.id, ['order.created'], true]]);
    };
    /** One production webhook with the selected events, the one n8n stored. */
    const expectPublished = async () => {
      const list = await waitForHooks('the production webhook', (l) => at(l, trigger.productionUrl).length === 1 && sameSet(at(l, trigger.productionUrl)[0]!.events, events));
      const id = at(list, trigger.productionUrl)[0]!.id;
      // n8n saves the trigger's static data when the activation has finished, a moment after the webhook exists.
      await waitFor(`n8n to store webhook ${id}`, async () => ((await r.storedState(workflowId)).webhookId === id ? true : undefined));
      foreignUntouched(list);
    };
    const expectBaseline = async () => {
      const list = await waitForHooks('the baseline', (l) => l.length === baseline.length);
      expect(list.map((h) => h.id)).toEqual(baseline.map((h) => h.id));
    };
    /** A real delivery through Distribu's own path; n8n answers 200 only when the signature verifies. */
    const probe = async (urls: string[]) => {
      const fired = await r.controls.fire(PROBE_EVENT);
      figures.probes++;
      const outcomes = fired.flatMap((f) => f.deliveries.filter((d) => urls.includes(d.url)).map((d) => [d.url, outcome(d)]));
      expect(outcomes.sort()).toEqual(urls.map((url) => [url, 200]).sort());
    };
    const testRun = async (published: boolean, end: 'event' | 'stop') => {
      const run = await r.api.runManually(workflowId, TRIGGER_NODE_NAME, `churn-${Date.now()}`);
      expect(run.waitingForWebhook).toBe(true);
      await waitForHooks('the test webhook', (l) => at(l, trigger.testUrl).length === 1);
      if (end === 'event') await probe(published ? [trigger.productionUrl, trigger.testUrl] : [trigger.testUrl]);
      else await r.api.stopTestWebhooks(workflowId);
      await waitForHooks('the test webhook to go', (l) => at(l, trigger.testUrl).length === 0);
      figures.testRuns++;
    };

    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      log(`cycle ${cycle}`);
      const run = TEST_RUNS.get(cycle);
      if (run && !run.published) await testRun(false, run.end);

      await r.api.publish(workflowId);
      await r.api.waitUntilPublished(workflowId);
      await expectPublished();

      if (EDIT_AT.has(cycle)) {
        // Editing a published workflow re-publishes it: n8n deletes the webhook and creates one with the new events.
        events = EVENT_SETS[(EVENT_SETS.indexOf(events) + 1) % EVENT_SETS.length]!;
        const { definition } = distribuWorkflow({ name: 'Distribu churn', events, credential: r.credential, webhookId: trigger.webhookId });
        await r.api.updateWorkflow(workflowId, definition);
        await expectPublished();
        await r.api.waitUntilPublished(workflowId);
        await probe([trigger.productionUrl]);
        figures.edits++;
      }
      if (RESTART_AT.has(cycle)) {
        const before = at(await hooks(), trigger.productionUrl).map((h) => h.id);
        figures.restartSeconds.push(await r.restartN8n());
        figures.restarts++;
        expect(at(await hooks(), trigger.productionUrl).map((h) => h.id)).toEqual(before);
        await probe([trigger.productionUrl]);
      }
      if (run?.published) {
        await testRun(true, run.end);
        await expectPublished();
      }

      await r.api.unpublish(workflowId);
      await r.api.waitUntilUnpublished(workflowId);
      await expectBaseline();
      figures.cycles++;
    }

    const watched = await watch.stop();
    watch = undefined;
    const final = await r.controls.webhooks();
    const creates = (await r.controls.requests({ method: 'POST', path: '/webhooks' })).filter((q) => q.status === 201).length;
    const deletes = (await r.controls.requests({ method: 'DELETE' })).filter((q) => q.status === 200 && q.path.startsWith('/api/v1/webhooks/')).length;
    const seconds = (Date.now() - started) / 1000;
    log(`figures: ${JSON.stringify({ ...figures, watched: { ...watched, duplicates: watched.duplicates.length }, creates, deletes, seconds })}`);

    recordResults(
      'churn',
      [
        '## Lifecycle churn in a real n8n',
        '',
        `One Distribu Trigger workflow in n8n ${r.n8n.version} (default settings), published and unpublished through n8n's public API; ` +
          "a webhook of another integration in Distribu from the start (the baseline). The sandbox's webhook list was checked after every step " +
          `and polled every 100 ms in the background (${watched.samples} samples in all).`,
        '',
        '| figure | value |',
        '|---|---:|',
        `| publish/unpublish cycles | ${figures.cycles} |`,
        `| n8n restarts (while published) | ${figures.restarts} (ready after ${figures.restartSeconds.map((s) => `${s} s`).join(', ')}) |`,
        `| "Listen for test event" runs (4 ended by an event, 4 by Stop listening; 4 while published) | ${figures.testRuns} |`,
        `| edits of the trigger's events while published (n8n: delete + create) | ${figures.edits} |`,
        `| signed deliveries through Distribu's delivery path, all answered 200 | ${figures.probes} |`,
        `| webhooks created / deleted in Distribu (REST log, baseline's one included) | ${creates} / ${deletes} |`,
        `| most webhooks seen at once (baseline 1) | ${watched.maxTotal} |`,
        `| most webhooks seen at one URL | ${watched.maxAtOneUrl} |`,
        `| samples with two webhooks at one URL | **${watched.duplicates.length}** |`,
        `| webhooks at the end / baseline | **${final.length} / ${baseline.length}** (the other integration's, untouched) |`,
        `| duration | ${seconds.toFixed(0)} s |`,
      ].join('\n'),
    );

    expect(watched.duplicates).toEqual([]);
    expect(watched.maxAtOneUrl).toBe(1);
    expect(final.map((h) => h.id)).toEqual(baseline.map((h) => h.id));
    foreignUntouched(final);
    expect(creates - deletes).toBe(baseline.length);
    expect(figures).toMatchObject({ cycles: CYCLES, restarts: RESTART_AT.size, testRuns: TEST_RUNS.size, edits: EDIT_AT.size });
  }, 30 * MINUTE);
});

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);
}
