/**
 * Load in a real n8n 2.x at its default settings (CI size): 2,000 signed and 200 forged deliveries from 20 concurrent
 * senders. Every signed one must be answered 2xx and start exactly one execution, every forged one must be answered
 * 401 and start none. Latencies and throughput are recorded in docs/reliability.md, never asserted.
 * `npm run load:n8n` runs the same code with 10,000 + 1,000.
 */
import { N8nRig } from '../../scripts/n8n/rig';
import { N8N_VERSION } from '../../scripts/n8n/paths';
import { CI_LOAD, FORGE_KINDS, type LoadTarget, type N8nLoadReport, loadMarkdown, prepareLoadTarget, runN8nLoad } from '../../bench/support/n8n-load';
import { okCount } from '../../bench/support/load';
import { recordResults } from '../support/results';

const MINUTE = 60_000;
const log = (line: string) => process.stderr.write(`[n8n-load] ${line}\n`);

describe('the Distribu Trigger under load in a real n8n (default settings)', () => {
  let rig: N8nRig | undefined;
  let target: LoadTarget;
  let report: N8nLoadReport;

  beforeAll(async () => {
    rig = await N8nRig.start({ name: 'n8n-load', log });
    target = await prepareLoadTarget(rig);
    report = await runN8nLoad(rig, target, CI_LOAD, log);
    recordResults('load', loadMarkdown('Load in a real n8n (CI: 2,000 signed + 200 forged)', report, N8N_VERSION));
  }, 25 * MINUTE);

  afterAll(async () => {
    await rig?.dispose();
  }, 2 * MINUTE);

  test(`all ${CI_LOAD.signed} signed deliveries are answered 2xx and nothing was cut off`, () => {
    expect(report.load.stoppedByTime).toBe(false);
    expect(report.load.failures).toBe(0);
    expect(report.signed.sent).toBe(CI_LOAD.signed);
    expect(okCount(report.signed)).toBe(CI_LOAD.signed);
  });

  test(`every one of the ${CI_LOAD.forged} forged deliveries is answered 401`, () => {
    const kinds = Object.keys(FORGE_KINDS) as Array<keyof typeof FORGE_KINDS>;
    expect(kinds.reduce((sum, kind) => sum + report.forged[kind].sent, 0)).toBe(CI_LOAD.forged);
    for (const kind of kinds) {
      expect({ kind, statuses: [...report.forged[kind].statuses] }).toEqual({ kind, statuses: [[401, CI_LOAD.forged / kinds.length]] });
    }
  });

  test(`exactly ${CI_LOAD.signed} executions: one per signed delivery, none for a forged one`, () => {
    expect(report.executions).toEqual({ total: CI_LOAD.signed, notSuccessful: 0, neverRan: 0, missing: 0, duplicates: 0, unexpected: 0, ranWithoutOk: 0 });
  });

  test('the webhook is still the only one at its URL', async () => {
    const hooks = (await rig!.controls.webhooks()).filter((h) => h.url === target.trigger.productionUrl);
    expect(hooks).toHaveLength(1);
  });
});
